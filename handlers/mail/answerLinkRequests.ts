import pLimit from 'p-limit';
import { CREDENTIAL_PHASES, type ElectionState } from '../../domain';
import type { BallotBox, ClaimedLinkRequest, Deps, EventStream, LinkRequestCounts, LinkRequests, MailKey, MailOutbox, Roll } from '../ports';
import { runCommand } from '../runCommand';
import { hashToken } from '../security';

type AnswerDeps = { store: EventStream & LinkRequestCounts & Roll & BallotBox; mail: LinkRequests & MailOutbox } & Pick<Deps, 'minter' | 'clock' | 'log' | 'metrics'>;

/** A voter's link goes again at most this often, and this many times in all: enough for a lost mail, too little to flood an inbox. */
export const VOTER_REQUEST_INTERVAL_MS = 10 * 60_000;
export const VOTER_REQUESTS_MAX = 5;

/** Requests marked counted in one transaction with their event and the projection: DynamoDB takes at most 100 items. */
const REQUESTS_PER_COUNT = 98;

/**
 * Answers voters' requests for their link by address, off the request path. First the claimed
 * requests are counted in the log (LinkRequestsCounted, the same event for any address, appended
 * before anything is looked up, so its time shows nothing either). Then each address is looked up:
 * a voter on the roll who has not voted gets their credential mail again, the same link, which
 * keeps working (one ballot per voter stays with the one marker of that one credential). Answers
 * how many requests it took up.
 */
export async function answerLinkRequests(deps: AnswerDeps, keys: MailKey[], leaseMs: number): Promise<number> {
  const now = deps.clock.now();
  const claimed = (await Promise.all(keys.map((key) => deps.mail.claimLinkRequest(key, now, leaseMs)))).filter((r) => r !== undefined);
  const byElection = new Map<string, ClaimedLinkRequest[]>();
  for (const request of claimed) byElection.set(request.electionId, [...(byElection.get(request.electionId) ?? []), request]);
  const limit = pLimit(8);
  for (const [electionId, requests] of byElection) {
    await countRequests(
      deps,
      electionId,
      requests.filter((r) => !r.counted),
    );
    const { state } = await deps.store.load(electionId, { consistent: false });
    await Promise.all(requests.map((request) => limit(() => answer(deps, request, state))));
    deps.log.info('link requests answered', { electionId, requests: requests.length });
  }
  return claimed.length;
}

async function countRequests(deps: AnswerDeps, electionId: string, requests: ClaimedLinkRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += REQUESTS_PER_COUNT) {
    const chunk = requests.slice(i, i + REQUESTS_PER_COUNT).map((r) => r.key);
    const command = { type: 'CountLinkRequests', requests: chunk.length } as const;
    const counted = await runCommand(deps, electionId, command, (head, events, state) => deps.store.appendWithCountedLinkRequests(electionId, head, events, state, chunk));
    // Refused only once the election is published: those requests came too late to send anything.
    if (!counted.ok) deps.log.warn('link requests not counted', { electionId, requests: chunk.length, reason: counted.error.message });
  }
}

async function answer(deps: AnswerDeps, request: ClaimedLinkRequest, state: ElectionState): Promise<void> {
  if (CREDENTIAL_PHASES.has(state.phase)) await resendLink(deps, request.electionId, request.address);
  await deps.mail.settleLinkRequest(request);
}

/** The voter's credential mail again, when the address is on the roll and its voter has not voted; their limits are held by the mail item's condition. */
async function resendLink(deps: AnswerDeps, electionId: string, address: string): Promise<void> {
  const studentId = await deps.store.findVoterByEmail(electionId, address);
  if (studentId === undefined) return;
  const mail = await deps.mail.voterMail(electionId, studentId);
  if (!mail) return;
  const token = await deps.minter.tokenFor({ electionId, studentId, generation: mail.generation });
  if (await deps.store.hasVoted(electionId, hashToken(token))) return;
  const now = deps.clock.now();
  await deps.mail.resendCredential({ electionId, studentId, generation: mail.generation, now, lastBefore: new Date(now.getTime() - VOTER_REQUEST_INTERVAL_MS), maxRequests: VOTER_REQUESTS_MAX });
}
