import { actorOf, actsAsCommittee, PROPOSAL_MINUTES, type Actor, type Member } from './committee';
import type { ElectionEvent, ProposedAction } from './events';
import { fail, ok, type Result } from './result';
import type { ExistingElection } from './state';

/**
 * Two members for what cannot be undone. On an election whose roster has two or more members with
 * the committee role, a lock, a start or the acceptance of the counted results is first proposed (ActionProposed) and happens only when a
 * second committee member asks for it too, before the proposal expires; the action's event then
 * names the proposer (`proposedBy`) and its `by` the confirmer. A committee of one acts alone, and
 * the event says so (`alone`). Decided here, from the log, so that the verifier replays it.
 */

/** The events a lock, a start or the acceptance of the results records. */
export type AgreedEvent = Extract<ElectionEvent, { type: 'ElectionLocked' | 'VotingScheduled' | 'VotingOpened' | 'ResultsAccepted' }>;

/** A proposal waiting for its second member. `void`: why it can no longer be confirmed (its proposer left the committee or lost the role). */
export interface Proposal {
  action: ProposedAction;
  proposedBy: Actor;
  expiresAt: string;
  confirmCompromised?: true;
  void?: string;
}

/** The proposal a second member may confirm now, or why there is none. */
export function standingProposal(state: ExistingElection, action: ProposedAction, now: Date): { proposal: Proposal } | { none: string } {
  const proposal = state.proposal;
  if (!proposal || proposal.action !== action) return { none: `nobody had proposed to ${action.toLowerCase()} it` };
  const who = proposal.proposedBy.name;
  if (proposal.void) return { none: `${who}'s proposal was void: ${proposal.void}` };
  if (now.getTime() >= Date.parse(proposal.expiresAt)) return { none: `${who}'s proposal had expired at ${proposal.expiresAt}` };
  // A start proposed before breaches were recorded did not know of them: both members confirm them.
  if (action === 'Start' && state.breaches.length > 0 && !proposal.confirmCompromised) return { none: `${who}'s proposal did not confirm the breaches recorded since` };
  return { proposal };
}

/**
 * What a lock, a start or an acceptance records on an election with a roster, given what it would record on its
 * own (`decided`, one event): the action at once (alone, or confirming another member's proposal),
 * or a proposal, or a refusal when the one who proposed asks again.
 */
export function agreed(
  action: ProposedAction,
  state: ExistingElection,
  roster: readonly Member[],
  by: Actor,
  now: Date,
  decided: Result<AgreedEvent[]>,
  confirmCompromised: boolean,
): Result<ElectionEvent[]> {
  if (!decided.ok) return decided;
  if (roster.filter(actsAsCommittee).length < 2) return ok(decided.value.map((event) => marked(event, { alone: true })));
  const standing = standingProposal(state, action, now);
  if ('proposal' in standing) {
    const { proposedBy, expiresAt } = standing.proposal;
    if (proposedBy.id === by.id) {
      return fail('awaiting_second_member', `${action} waits for a second committee member: ${proposedBy.name} proposed it, and another member of the committee may confirm it until ${expiresAt}`);
    }
    return ok(decided.value.map((event) => marked(event, { proposedBy })));
  }
  const expires = new Date(now.getTime() + PROPOSAL_MINUTES * 60_000).toISOString();
  const knowsOfBreaches = action === 'Start' && confirmCompromised && state.breaches.length > 0;
  return ok([{ type: 'ActionProposed', data: { action, proposedBy: actorOf(by), expiresAt: expires, ...(knowsOfBreaches && { confirmCompromised: true as const }) } }]);
}

/** A lock's, start's or acceptance's event with how it was agreed. */
const marked = (event: AgreedEvent, agreement: { proposedBy: Actor } | { alone: true }): AgreedEvent => ({ ...event, data: { ...event.data, ...agreement } }) as AgreedEvent;

/** A proposal after its proposer's entry on the roster changed: void once they are off it or lost the committee role. */
export function proposalAfterRosterChange(proposal: Proposal | undefined, event: Extract<ElectionEvent, { type: 'MemberRecorded' | 'MemberRemoved' }>): Proposal | undefined {
  if (!proposal || proposal.void) return proposal;
  const proposer = proposal.proposedBy;
  if (event.type === 'MemberRemoved' && event.data.id === proposer.id) return { ...proposal, void: `${proposer.name} was removed from the committee` };
  if (event.type === 'MemberRecorded' && event.data.member.id === proposer.id && !actsAsCommittee(event.data.member)) {
    return { ...proposal, void: `${proposer.name} is ${event.data.member.role} now, without the committee role` };
  }
  return proposal;
}
