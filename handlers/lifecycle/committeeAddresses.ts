import type { ExistingElection } from '../../domain';
import { actsAsCommittee } from '../../domain/committee';
import type { Deps } from '../ports';

/**
 * Where the election's committee is mailed: the addresses the directory holds now for the members
 * with the committee role on the election's roster (the log keeps no address), or, for an election
 * without a roster, for the deployment's committee members. A member whose account is gone is
 * skipped.
 */
export async function committeeAddresses(deps: Pick<Deps, 'directory'>, state: ExistingElection): Promise<string[]> {
  if (state.committee === undefined) return (await deps.directory.members()).filter(actsAsCommittee).map((m) => m.email);
  const accounts = await Promise.all(state.committee.filter(actsAsCommittee).map((m) => deps.directory.member(m.id)));
  return accounts.flatMap((account) => (account && actsAsCommittee(account) ? [account.email] : []));
}
