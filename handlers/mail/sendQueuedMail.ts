import pLimit from 'p-limit';
import type { ElectionState, ExistingElection } from '../../domain';
import {
  METRIC,
  type BallotBox,
  type ClaimedMail,
  type Credentials,
  type Deps,
  type EventStream,
  type LinkRequestCounts,
  type LinkRequests,
  type MailKey,
  type MailMessage,
  type MailOutbox,
  type MailOutcome,
  type Roll,
} from '../ports';
import { keys as itemKeys } from '../adapters/keys';
import { hashToken } from '../security';
import { answerLinkRequests } from './answerLinkRequests';
import { deliver, isPermanentFailure } from './deliver';
import { confirmationMail, credentialMail, reminderMail } from './messages';
import type { SendPacer } from './sendPacer';

export type SenderDeps = {
  store: EventStream & Roll & Credentials & BallotBox & LinkRequestCounts;
  mail: MailOutbox & LinkRequests;
} & Pick<Deps, 'mailer' | 'minter' | 'clock' | 'log' | 'metrics' | 'publicUrl'>;

export interface SenderOptions {
  pacer: SendPacer;
  /** How long a claim holds: longer than one send with its retries, so that only a crashed sender's items are taken over. */
  leaseMs: number;
  /** Milliseconds left to work; items not started by the end stay queued for the next run. */
  remainingMs?: () => number;
  /** Attempts (runs, each with a few quick retries) before an item is given up as undelivered. */
  maxAttempts?: number;
  /** Quick retries inside one run, before the item goes back to the queue. */
  delivery?: { attempts?: number; baseDelayMs?: number; sleep?: (ms: number) => Promise<void> };
}

/** `linkRequests`: voters' requests for their link taken up and answered (answerLinkRequests). */
export type SendTally = Record<MailOutcome['status'] | 'notClaimed' | 'leftForLater' | 'linkRequests', number>;

/** Time kept back at the end of a run: one send, its retries and the settle fit in it. */
const STOP_MARGIN_MS = 15_000;
const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Sends the queued mail behind these keys, paced, each at most once per claim: claim it (a
 * conditional update, so a key seen twice or by two runs is sent by one), derive what to send,
 * send, and settle it as sent, undelivered, skipped or due again later. A crash between the send
 * and the settle leaves the claim to run out, and the item is sent again: at least once, and once
 * in the normal case. Voters' requests for their link among the keys are answered first: the mail
 * they queue comes back as items of its own.
 */
export async function sendQueuedMail(deps: SenderDeps, keys: MailKey[], options: SenderOptions): Promise<SendTally> {
  const tally: SendTally = { sent: 0, undelivered: 0, retry: 0, skipped: 0, notClaimed: 0, leftForLater: 0, linkRequests: 0 };
  const queued = unique(keys);
  const linkRequests = queued.filter(itemKeys.isLinkRequest);
  const mail = queued.filter((key) => !itemKeys.isLinkRequest(key));
  if (options.remainingMs && options.remainingMs() < STOP_MARGIN_MS) tally.leftForLater += linkRequests.length;
  else tally.linkRequests = await answerLinkRequests(deps, linkRequests, options.leaseMs);
  const elections = new Map<string, Promise<ElectionState>>();
  const election = (id: string) => {
    if (!elections.has(id))
      elections.set(
        id,
        deps.store.load(id, { consistent: false }).then((loaded) => loaded.state),
      );
    return elections.get(id)!;
  };
  // Enough in flight to reach the rate through SES's latency; the pacer holds the rate.
  const limit = pLimit(Math.min(32, Math.max(2, Math.ceil(options.pacer.perSecond / 5))));
  await Promise.all(
    mail.map((key) =>
      limit(async () => {
        if (options.remainingMs && options.remainingMs() < STOP_MARGIN_MS) {
          tally.leftForLater += 1;
          return;
        }
        const claimed = await deps.mail.claim(key, deps.clock.now(), options.leaseMs);
        if (!claimed) {
          tally.notClaimed += 1;
          return;
        }
        const outcome = await sendClaimed(deps, claimed, await election(claimed.electionId), options);
        await deps.mail.settle(claimed, outcome, deps.clock.now());
        tally[outcome.status] += 1;
      }),
    ),
  );
  if (tally.sent + tally.undelivered + tally.retry + tally.skipped > 0) deps.log.info('queued mail sent', { ...tally });
  deps.metrics.count(METRIC.mailSent, tally.sent);
  deps.metrics.count(METRIC.mailRetried, tally.retry);
  deps.metrics.count(METRIC.mailUndelivered, tally.undelivered);
  return tally;
}

async function sendClaimed(deps: SenderDeps, mail: ClaimedMail, state: ElectionState, options: SenderOptions): Promise<MailOutcome> {
  if (state.phase === 'none') return { status: 'undelivered', reason: 'no such election' };
  const composed = await compose(deps, mail, state);
  if ('status' in composed) return composed;
  const { message, tokenHash } = composed;
  await options.pacer.take();
  const sent = await deliver(deps, message, options.delivery);
  if (sent.delivered) return { status: 'sent', ...(sent.messageId && { messageId: sent.messageId }), ...(tokenHash && { tokenHash }) };
  deps.log.warn('queued mail not sent', { electionId: mail.electionId, kind: mail.kind, reason: sent.reason, attempt: mail.attempts });
  if (isPermanentFailure(sent.reason) || mail.attempts >= (options.maxAttempts ?? 8)) {
    return { status: 'undelivered', reason: mail.attempts > 1 ? `${sent.reason} (after ${mail.attempts} attempts)` : sent.reason };
  }
  const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** mail.attempts);
  return { status: 'retry', reason: sent.reason, due: new Date(deps.clock.now().getTime() + backoff).toISOString() };
}

/** The message to send (with the credential a voter's mail carries), or the outcome when there is none to send. */
async function compose(deps: SenderDeps, mail: ClaimedMail, election: ExistingElection): Promise<{ message: MailMessage; tokenHash?: string } | MailOutcome> {
  if (mail.kind === 'confirmation') {
    const credential = mail.tokenHash === undefined ? undefined : await deps.store.findCredential(mail.tokenHash);
    return credential ? { message: confirmationMail(election, credential.email, credential.language) } : { status: 'undelivered', reason: 'no credential for this confirmation' };
  }
  // The address comes from the roll (or an admin's correction beside it), which is append-only and
  // watched by the trail, never from the mutable mail item: changing a mail item cannot send anyone's
  // credential elsewhere, at most to another address the roll has held for that same voter.
  const voter = mail.studentId === undefined ? undefined : await deps.store.findVoter(mail.electionId, mail.studentId, mail.correction);
  if (!voter) return { status: 'undelivered', reason: 'not on the roll' };
  const { studentId, email, groups, language = election.language } = voter;
  const token = await deps.minter.tokenFor({ electionId: mail.electionId, studentId, generation: mail.generation });
  const tokenHash = hashToken(token);
  // A voter who voted since the reminders were queued gets nothing.
  if (mail.kind === 'reminder' && (await deps.store.hasVoted(mail.electionId, tokenHash))) return { status: 'skipped' };
  // Written before the mail goes out, so no link is ever mailed that does not work yet (a reminder's is written already: put once).
  await deps.store.issueCredential(tokenHash, { electionId: mail.electionId, studentId, email, generation: mail.generation, ...(groups && { groups }), ...(voter.language && { language }) });
  const message = mail.kind === 'reminder' ? reminderMail(election, email, token, deps.publicUrl, language) : credentialMail(election, email, token, deps.publicUrl, language);
  return { message, tokenHash };
}

function unique(keys: MailKey[]): MailKey[] {
  const seen = new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key]));
  return [...seen.values()];
}
