import type { ExistingElection, Seal, TallyResult } from '../../domain';
import type { MailContent, MailMessage } from '../ports';

export function credentialMail(election: ExistingElection, to: string, token: string, publicUrl: string): MailMessage {
  // In the fragment, which browsers never send: the token reaches no server log, no proxy, no Referer.
  const link = `${publicUrl}/vote#election=${encodeURIComponent(election.electionId)}&token=${encodeURIComponent(token)}`;
  return {
    to,
    subject: `Your voting credential: ${election.title}`,
    text: [
      `You are registered to vote in "${election.title}".`,
      '',
      `Vote here: ${link}`,
      '',
      `Your personal voting token: ${token}`,
      'It works exactly once. Do not share it: anyone holding it can vote in your place.',
    ].join('\n'),
  };
}

/** Tells the voter their ballot is in the box, with the receipt to find it later; never the choice. */
export function confirmationMail(election: ExistingElection, to: string, receipt: string): MailMessage {
  return {
    to,
    subject: `Your ballot was recorded: ${election.title}`,
    text: [
      `Your ballot in "${election.title}" was recorded.`,
      '',
      `Receipt: ${receipt}`,
      'After the election you can check that a ballot with this receipt is in the published ballot box.',
    ].join('\n'),
  };
}

/** One line per candidate, `name: count`, as the 2019 system sent it, then turnout and the seal. */
export function resultsContent(election: ExistingElection, result: TallyResult, seal: Seal, publicUrl: string): MailContent {
  return {
    subject: `Results: ${election.title}`,
    text: [
      ...result.counts.map(({ candidate, votes }) => `${candidate}: ${votes}`),
      `Abstentions: ${result.abstentions}`,
      '',
      `Turnout: ${result.ballots} of ${election.voterCount} voters`,
      `Elected: ${result.elected.length > 0 ? result.elected.join(', ') : 'nobody'}`,
      ...(result.tied.length > 0 ? [`Tied for the remaining seat(s), not decided: ${result.tied.join(', ')}`] : []),
      `Ballot box digest (SHA-256): ${seal.digest}`,
      '',
      `Results and a check of your receipt: ${publicUrl}/vote#election=${encodeURIComponent(election.electionId)}`,
      ...(election.breaches.length > 0
        ? ['', `WARNING: ${election.breaches.length} security breach(es) were detected while this election was locked. They are recorded in the election log.`]
        : []),
    ].join('\n'),
  };
}
