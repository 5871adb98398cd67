import type { PublicElectionView } from '../../contract/views';
import { failureText } from './ceremony';

/** What `admin status` says of the ballot box: open (and that it is not secret against the operator), or sealed: its trustees, its key ceremony, and after the close each contest's opening. */
export function boxStatusLines(election: PublicElectionView): string[] {
  if (election.box !== 'sealed') return ['  box:        open: not secret against the operator (whoever runs the servers can read the ballots)'];
  const { count, threshold } = election.trustees;
  const lines = [`  box:        sealed: any ${threshold} of its ${count} trustees open it together`];
  const { step, waitingFor, failedRounds, lastFailure } = election.ceremony;
  if (election.electionKey !== undefined) lines.push(`  key:        ${election.electionKey}`);
  else lines.push(`  ceremony:   at its ${step}, waiting for trustee(s) ${waitingFor.join(', ')}; the lock waits for the key`);
  if (failedRounds > 0) lines.push(`              ${failedRounds} round(s) failed${lastFailure ? `, the last as ${failureText(lastFailure)}` : ''}`);
  for (const contest of election.opening?.contests ?? []) {
    const progress = `${contest.mixes} of ${contest.mixesNeeded} mixes, decrypted by ${contest.decryptions.length} of ${contest.threshold} trustees`;
    lines.push(`  opening:    ${contest.id}: ${contest.next === 'opened' ? 'opened' : `${progress}; next: a ${contest.next}`}`);
  }
  return lines;
}
