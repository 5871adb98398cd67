import { credentialChange, fail, ok, type Result } from '../../domain';
import type { Deps, EventStream, LinkRequests } from '../ports';

/** The one answer to a voter's request, whatever becomes of it: it must not tell who is on the roll. */
export const NEW_LINK_ANSWER = 'If you are on the roll and have not voted, your voting link is on its way to you again.';

/**
 * A voter's request for their link by e-mail address, from anyone. Refused only for what anyone
 * can see (no such election, voting has ended); otherwise it is queued, one write that is the same
 * for every address, and answered alike. Whether the address is on the roll, its voter has
 * voted or asked too often, is found out later by the mail sender (answerLinkRequests), where
 * neither this answer nor its timing can show it.
 */
export async function requestNewLink(deps: { store: EventStream; mail: LinkRequests } & Pick<Deps, 'clock'>, electionId: string, email: string): Promise<Result<string>> {
  const { state } = await deps.store.load(electionId, { consistent: false });
  if (state.phase === 'none') return fail('not_found', `no election "${electionId}"`);
  const live = credentialChange(state, 'voting has ended');
  if (!live.ok) return live;
  await deps.mail.queueLinkRequest(electionId, email, deps.clock.now());
  return ok(NEW_LINK_ANSWER);
}
