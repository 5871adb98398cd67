import { fail, type ElectionEvent, type ExistingElection, type Result } from '../../domain';
import type { CeremonyTranscript, Dealing, ShareReview, TrusteeCertificate } from '../../domain/crypto/keyCeremony';
import { ceremonyContext, ceremonyStep, waitingFor, type CeremonyStepName, type ElectionKey } from '../../domain/sealedBox/keyCeremonyLog';
import type { Deps, EventStream } from '../ports';
import { runCommand, type Applied, type AskedBy } from '../runCommand';

/** The ceremony as trustees and observers follow it: the round under way (or the one that published the key), and the key. */
export type CeremonyView = CeremonyTranscript & Partial<ElectionKey>;

/**
 * The transcript of the current round, from the log: every trustee's messages since the last
 * failed round, in trustee order. The state keeps the round only until the key is published; the
 * log keeps it for good.
 */
export async function ceremonyView(deps: { store: EventStream }, state: ExistingElection): Promise<Result<CeremonyView>> {
  const box = state.sealed;
  if (!box) return fail('not_found', 'this election keeps its ballots in plaintext: it has no key ceremony');
  const events = await deps.store.readEvents(state.electionId);
  const round: ElectionEvent[] = [];
  for (const event of events) {
    if (event.type === 'KeyCeremonyFailed') round.length = 0;
    else round.push(event);
  }
  const ordered = <T>(messages: T[], sender: (m: T) => number) => messages.sort((a, b) => sender(a) - sender(b));
  const pick = <T extends ElectionEvent['type']>(type: T) => round.filter((e): e is Extract<ElectionEvent, { type: T }> => e.type === type);
  return {
    ok: true,
    value: {
      ...ceremonyContext(state.electionId, box.trustees),
      certificates: ordered<TrusteeCertificate>(
        pick('TrusteeCertificateGiven').map((e) => e.data.certificate),
        (m) => m.trustee,
      ),
      dealings: ordered<Dealing>(
        pick('TrusteeDealingGiven').map((e) => e.data.dealing),
        (m) => m.dealer,
      ),
      reviews: ordered<ShareReview>(
        pick('TrusteeReviewGiven').map((e) => e.data.review),
        (m) => m.trustee,
      ),
      ...box.key,
    },
  };
}

/** A trustee's message, posted to the step it is for (a certificate to `certificates`, and so on): the log decides the rest. */
export async function giveCeremonyMessage(
  deps: Pick<Deps, 'store' | 'clock' | 'metrics'>,
  electionId: string,
  step: Exclude<CeremonyStepName, 'complete'>,
  message: unknown,
  asked: AskedBy = {},
): Promise<Result<Applied>> {
  const { state } = await deps.store.load(electionId);
  // Decide reads a message as the step under way asks; one sent to another step is refused by that name first.
  const current = state.phase !== 'none' && state.sealed ? ceremonyStep(state.sealed) : step;
  if (current !== step) {
    const waiting = state.phase !== 'none' && state.sealed ? waitingFor(state.sealed) : [];
    return fail('wrong_phase', `the ceremony is at its ${current}${waiting.length > 0 ? `, waiting for trustee(s) ${waiting.join(', ')}` : ''}: it takes no ${step} now`);
  }
  return runCommand(deps, electionId, { type: 'GiveCeremonyMessage', message }, undefined, asked);
}
