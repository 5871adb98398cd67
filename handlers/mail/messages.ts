import { eligibleVoters, METHOD_NAMES, ownValue, postalVoters, type ChainHead, type Contest, type ExistingElection, type Seal, type TallyResult } from '../../domain';
import type { MailContent, MailMessage } from '../ports';

// In the fragment, which browsers never send: the token reaches no server log, no proxy, no Referer.
const votingLink = (election: ExistingElection, token: string, publicUrl: string) => `${publicUrl}/vote#election=${encodeURIComponent(election.electionId)}&token=${encodeURIComponent(token)}`;

export function credentialMail(election: ExistingElection, to: string, token: string, publicUrl: string): MailMessage {
  const link = votingLink(election, token, publicUrl);
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
      '',
      secrecyLine(election),
    ].join('\n'),
  };
}

/** To a voter who has not voted yet, while voting is open: the same working link, once more. */
export function reminderMail(election: ExistingElection, to: string, token: string, publicUrl: string): MailMessage {
  return {
    to,
    subject: `Reminder: you have not voted yet: ${election.title}`,
    text: [
      `You have not voted yet in "${election.title}".${election.window.closesAt ? ` Voting closes at ${election.window.closesAt}.` : ''}`,
      '',
      `Vote here: ${votingLink(election, token, publicUrl)}`,
      '',
      `Your personal voting token: ${token}`,
      'It is the one from your credential e-mail and works exactly once. Do not share it.',
    ].join('\n'),
  };
}

/**
 * Tells the voter a ballot was cast with their credential, so that one cast by someone else does
 * not go unnoticed. Nothing in it maps to the ballot (no receipt, no ballot id, no time of its
 * own): whoever reads the mailbox learns only that the voter voted.
 */
export function confirmationMail(election: ExistingElection, to: string): MailMessage {
  return {
    to,
    subject: `Your ballot was recorded: ${election.title}`,
    text: [
      `Your ballot in "${election.title}" was recorded.`,
      '',
      'Your receipt was shown only on the voting page, and is not in this e-mail: nobody who reads your mail can look up your ballot with it.',
      'If you did not vote, someone else has your voting link: tell the election committee.',
      '',
      secrecyLine(election),
    ].join('\n'),
  };
}

/**
 * How the election keeps its ballots, in every voter's mail: a sealed one's are read by nobody
 * but the committee together, after the close; an open one's are not secret against the operator.
 */
export function secrecyLine(election: ExistingElection): string {
  return election.sealed
    ? "This election is sealed: each ballot is encrypted on the voter's device, and only the election committee, together, can open the ballot box after voting closes."
    : 'This election is open: its ballots are stored as cast, so they are not secret against whoever runs the servers.';
}

type Tallied = Extract<ExistingElection, { phase: 'tallied' | 'published' }>;

/**
 * The results of the voter's contests: per contest one line per candidate, `name: count`, as the
 * 2019 system sent it, then its turnout; then the seal and the head at sealing.
 */
export function resultsContent(election: Tallied, contests: readonly Contest[], head: ChainHead, publicUrl: string): MailContent {
  const several = election.contests.length > 1;
  const page = `${publicUrl}/vote#election=${encodeURIComponent(election.electionId)}`;
  return {
    subject: `Results: ${election.title}`,
    text: [
      ...contests.flatMap((contest) => [...(several ? [`== ${contest.title} ==`] : []), ...contestLines(election, contest), '']),
      `Results and a check of your receipt: ${page}`,
      ...(contests.some((c) => ownValue(election.results, c.id)!.sheet) ? [`The count sheet${several ? 's' : ''}, round by round: ${page}&view=count-sheet`] : []),
      ...(election.breaches.length > 0 ? ['', `WARNING: ${election.breaches.length} security breach(es) were detected while this election was locked. They are recorded in the election log.`] : []),
      '',
      secrecyLine(election),
      '',
      ...howToVerify(election.electionId, election.seal, head),
    ].join('\n'),
  };
}

function contestLines(election: Tallied, contest: Contest): string[] {
  const result = ownValue(election.results, contest.id)!;
  const postal = postalVoters(election, contest);
  const voters = eligibleVoters(election, contest);
  return [
    ...result.counts.map(({ candidate, votes }) => `${candidate}: ${votes}`),
    `Abstentions: ${result.abstentions}`,
    '',
    postal > 0 ? `Turnout: ${result.ballots} online and ${postal} by post, of ${voters} voters` : `Turnout: ${result.ballots} of ${voters} voters`,
    ...outcomeLines(result),
  ];
}

/** Who won, by which rule: the seats left empty, a referendum's decision, a tie plurality leaves open. */
function outcomeLines(result: TallyResult): string[] {
  if (result.method === 'referendum') return [`Decision: ${result.passed ? 'PASSED' : 'NOT PASSED'}${result.sheet?.referendum ? ` (${result.sheet.referendum.reason})` : ''}`];
  return [
    ...(result.method ? [`Counted by: ${METHOD_NAMES[result.method]}`] : []),
    `Elected: ${result.elected.length > 0 ? result.elected.join(', ') : 'nobody'}`,
    ...(result.vacant ? [`Seats left vacant: ${result.vacant} (${result.sheet?.lists ? 'lists with more seats than candidates' : 'won by re-open nominations, RON'})`] : []),
    ...(result.tied.length > 0 ? [`Tied for the remaining seat(s), not decided: ${result.tied.join(', ')}`] : []),
  ];
}

/** To each observer once the box is sealed: the values an export must match, before anyone could rewrite it. */
export function sealNotice(election: ExistingElection, seal: Seal, head: ChainHead, to: string): MailMessage {
  return {
    to,
    subject: `Ballot box sealed: ${election.title}`,
    text: [
      `The ballot box of "${election.title}" (${election.electionId}) was sealed with ${seal.ballotCount} ballot${seal.ballotCount === 1 ? '' : 's'} and counted.`,
      '',
      ...howToVerify(election.electionId, seal, head),
    ].join('\n'),
  };
}

/**
 * To each observer when a sealed box is sealed and the workflow waits for the committee: what was
 * sealed, what the trustees do next, and where to follow it. The head at sealing follows with the
 * count, once the box is opened.
 */
export function openingNotice(election: ExistingElection & { sealed: NonNullable<ExistingElection['sealed']> }, seal: Seal, to: string, publicUrl: string): MailMessage {
  const { count, threshold } = election.sealed.trustees;
  return {
    to,
    subject: `Sealed ballot box waits for the committee: ${election.title}`,
    text: [
      `Voting in "${election.title}" (${election.electionId}) has closed. Its sealed ballot box holds ${seal.ballotCount} encrypted paper${seal.ballotCount === 1 ? '' : 's'} (digest ${seal.digest}).`,
      '',
      `Nobody can read them yet. The trustees now open the box together: ${Math.min(2, count)} of them each shuffle it with a proof, then ${threshold} of the ${count} decrypt it with proofs; each proof is checked as it arrives. The count follows, and with it the values to verify the log against.`,
      '',
      `Follow the opening: ${publicUrl}/observe#election=${encodeURIComponent(election.electionId)}`,
    ].join('\n'),
  };
}

/** To each committee member when the workflow waits for them after a sealed box's close: what the trustees do now, and where. */
export function openingCall(election: ExistingElection & { sealed: NonNullable<ExistingElection['sealed']> }, seal: Seal, to: string, publicUrl: string): MailMessage {
  const { count, threshold } = election.sealed.trustees;
  const id = encodeURIComponent(election.electionId);
  return {
    to,
    subject: `Open the sealed ballot box: ${election.title}`,
    text: [
      `Voting in "${election.title}" (${election.electionId}) has closed, and the count waits for the committee. The sealed ballot box holds ${seal.ballotCount} encrypted paper${seal.ballotCount === 1 ? '' : 's'} (digest ${seal.digest}).`,
      '',
      `Bring the trustees together: ${Math.min(2, count)} of them each shuffle the box, then ${threshold} of the ${count} decrypt it, each on the trustees' page with their key share:`,
      `  ${publicUrl}/trustee?election=${id}`,
      '',
      'The system checks every proof as it arrives and counts as soon as the last decryption is accepted. Nothing happens until then: the results wait for you.',
      '',
      `Where the opening stands: ${publicUrl}/admin`,
    ].join('\n'),
  };
}

/** The anchors of the audit, worded alike in the seal notice and the results: the log's own hashes can be recomputed by whoever rewrites it, these cannot. */
function howToVerify(electionId: string, seal: Seal, head: ChainHead): string[] {
  return [
    `Ballot box digest (SHA-256): ${seal.digest}`,
    `Election log head at sealing: event ${head.seq}, ${head.hash}`,
    '',
    'Keep this e-mail. Once the results are published, anyone can check the election log against it:',
    `  npm run cli -- audit verify <export> --expect-head ${head.hash} --expect-digest ${seal.digest}`,
    `where <export> is the audit log of ${electionId} (GET /elections/${electionId}/audit-log), saved or by its URL.`,
    'A log rewritten after sealing, even with every hash recomputed, fails this check.',
  ];
}
