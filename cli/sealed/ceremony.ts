import { type Element, elementFromHex, IDENTITY, type RandomBytes } from '../../domain/crypto/group';
import { type CeremonyContext, type CeremonyFailure, type Checked, dealShares, type Dealing, reviewShares, type ShareReview } from '../../domain/crypto/keyCeremony';
import type { PublicElectionView } from '../../contract/views';
import { type CeremonyView, fresh, type SealedApi } from './api';

/**
 * A trustee's steps of the key ceremony as the command line runs them, each from what the API's
 * ceremony view holds: the trustee's machine checks everything it reads (keyCeremony.ts) before
 * it deals or reviews. Shared by `trustee rehearse` (every trustee in turn) and the per-step
 * commands (one trustee on their own machine).
 */

/** The ceremony's parameters, from a sealed election: its id, threshold and number of trustees. */
export function ceremonyContextOf(election: PublicElectionView): CeremonyContext {
  if (election.box !== 'sealed' || !election.trustees) throw new Error(`${election.id} is not a sealed election: it has no trustees and no key ceremony`);
  return { electionId: election.id, threshold: election.trustees.threshold, trustees: election.trustees.count };
}

const trusteesOf = (context: CeremonyContext) => Array.from({ length: context.trustees }, (_, i) => i + 1);

/** Trustees whose message of a step is not in the view yet. */
const missing = (context: CeremonyContext, given: readonly { trustee?: number; dealer?: number }[]) => {
  const present = new Set(given.map((message) => message.trustee ?? message.dealer));
  return trusteesOf(context).filter((trustee) => !present.has(trustee));
};

/**
 * The ceremony's view once every trustee's message of `step` is in; otherwise says whose are
 * awaited. `allPosted`: the caller posted them all itself, so the view is read again until it shows them.
 */
export async function ceremonyAfter(api: SealedApi, context: CeremonyContext, step: 'certificates' | 'dealings', allPosted = false): Promise<CeremonyView> {
  const view = await fresh(
    () => api.ceremony(context.electionId),
    (answer) => !allPosted || missing(context, answer[step]).length === 0,
  );
  const awaited = missing(context, view[step]);
  if (awaited.length > 0) throw new Error(`the key ceremony of ${context.electionId} still waits for the ${step} of trustee(s) ${awaited.join(', ')}: run this step once they are in`);
  return view;
}

export const failureText = ({ step, trustee, field, reason }: CeremonyFailure) => `the key ceremony fails at the ${step}${trustee === null ? '' : ` of trustee ${trustee}`}: ${field} ${reason}`;

function unwrap<T extends object>(checked: Checked<T>): T {
  if (!checked.ok) throw new Error(failureText(checked.failed));
  return checked;
}

/** The dealer's dealing, once every certificate is in and checked. */
export function dealing(context: CeremonyContext, view: CeremonyView, dealer: number, random: RandomBytes): Dealing {
  return unwrap(dealShares(context, view.certificates, dealer, random)).dealing;
}

/**
 * The trustee's review of the shares dealt to them, once every dealing is in and checked, with
 * their secret share (null after a complaint) and the election key the dealings make, Y = Σ A_i0:
 * known to each trustee before the last review is in, so that the share file is written before
 * the review is posted and no crash between the two can lose a share.
 */
export function review(
  context: CeremonyContext,
  view: CeremonyView,
  trustee: number,
  transportSecret: bigint,
  random: RandomBytes,
): { review: ShareReview; secretShare: bigint | null; publicKey: Element } {
  const { review, secretShare } = unwrap(reviewShares(context, view.certificates, view.dealings, trustee, transportSecret, random));
  const publicKey = view.dealings.reduce((sum, dealt) => sum.add(elementFromHex(dealt.commitments[0]!)), IDENTITY);
  return { review, secretShare, publicKey };
}

/** What a complaint means for the committee, said when a trustee's review complains. */
export const complaintText = (review: ShareReview) =>
  review.outcome === 'complained'
    ? `trustee ${review.trustee} complained about the share(s) of dealer(s) ${review.complaints.map((c) => c.dealer).join(', ')}: the key ceremony fails and starts over from the certificates`
    : undefined;
