import { headAtSealing, mayVoteIn, resultsWithSheets, type ChainHead, type Contest, type ElectionState, type Language } from '../../domain';
import { resultsContent } from '../mail/messages';
import { BULK_LIMIT, type Deps, type EffectsLedger, type EventStream, type MailContent, type OnceOnly, type Roll, type Voter } from '../ports';
import { mailPageRef } from './input';
import { LifecycleStepFailed, MailThrottled } from './lifecycleError';
import { BATCHES_PER_PAGE, RESULTS_MAILING } from './mailPlan';

const THROTTLING = new Set(['TooManyRequestsException', 'LimitExceededException', 'Throttling', 'ThrottlingException']);

type Tallied = Extract<ElectionState, { phase: 'tallied' | 'published' }>;
type Sent = { sent: number; undelivered: number };
type BatchDeps = { store: EventStream & Roll & EffectsLedger } & Pick<Deps, 'mailer' | 'log' | 'publicUrl'>;

/**
 * Sends the results to one page of the plan, one SES call per batch of at most 50 voters. A
 * batch that went out before is skipped, so a retried page mails nobody twice; a throttled call
 * is thrown back to the workflow, whose Retry waits and goes on where the page stopped.
 */
export const mailResultBatch =
  (deps: BatchDeps) =>
  async (raw: unknown): Promise<Sent> => {
    const { electionId, page } = mailPageRef.parse(raw);
    const range = await deps.store.readMailPage(electionId, RESULTS_MAILING, page);
    if (!range) throw new LifecycleStepFailed('MailResultBatch', { code: 'not_found', message: `page ${page} is not in the plan of the results mailing` });
    const { state } = await deps.store.load(electionId);
    if (state.phase !== 'tallied' && state.phase !== 'published') {
      throw new LifecycleStepFailed('MailResultBatch', { code: 'wrong_phase', message: `no results to mail (the election is ${state.phase})` });
    }
    const sealing = await deps.store.readEventsSince(electionId, 'BallotBoxSealed');
    const head = headAtSealing(sealing);
    if (!head) throw new LifecycleStepFailed('MailResultBatch', { code: 'not_found', message: 'the log has no ResultsTallied event, so no head at sealing to mail' });
    const voters = await deps.store.listVoterRange(electionId, range.first, range.last);
    // The mail names what the count sheets say (why a seat is vacant, why a referendum failed).
    const counted = { ...state, results: resultsWithSheets(state.results, sealing) };
    const total: Sent = { sent: 0, undelivered: 0 };
    for (let i = 0; i < voters.length; i += BULK_LIMIT) {
      const { sent, undelivered } = await mailBatch(deps, counted, head, page * BATCHES_PER_PAGE + i / BULK_LIMIT, voters.slice(i, i + BULK_LIMIT));
      total.sent += sent;
      total.undelivered += undelivered;
    }
    return total;
  };

/**
 * One batch of voters. In an election of several contests each voter gets the results of the
 * contests they could vote in, in their language, so the batch goes out as one call per set of
 * contests and language, each done once: a retried batch skips the calls that went out.
 */
async function mailBatch(deps: BatchDeps, state: Tallied, head: ChainHead, batch: number, voters: Voter[]): Promise<Sent> {
  const total: Sent = { sent: 0, undelivered: 0 };
  const groups = byContestsAndLanguage(state, voters);
  for (const [k, { contests, language, voters: group }] of groups.entries()) {
    const mailing = groups.length === 1 && state.contests.length === 1 ? RESULTS_MAILING : `${RESULTS_MAILING}-${k}`;
    const { sent, undelivered } = await mailOnce(
      deps,
      state,
      { kind: 'mail-batch', electionId: state.electionId, mailing, batch },
      group,
      resultsContent(state, contests, head, deps.publicUrl, language),
    );
    total.sent += sent;
    total.undelivered += undelivered;
  }
  return total;
}

/** The voters grouped by the contests they could vote in and their language, in the order each first appears. */
function byContestsAndLanguage(state: Tallied, voters: readonly Voter[]): { contests: Contest[]; language: Language; voters: Voter[] }[] {
  const groups = new Map<string, { contests: Contest[]; language: Language; voters: Voter[] }>();
  for (const voter of voters) {
    const theirs = state.contests.filter((c) => mayVoteIn(c, voter.groups ?? []));
    const language = voter.language ?? state.language;
    const key = `${language} ${theirs.map((c) => c.id).join(' ')}`;
    const group = groups.get(key) ?? { contests: theirs, language, voters: [] };
    group.voters.push(voter);
    groups.set(key, group);
  }
  return [...groups.values()];
}

async function mailOnce(deps: BatchDeps, state: Tallied, effect: OnceOnly & { kind: 'mail-batch' }, voters: Voter[], content: MailContent): Promise<Sent> {
  const { electionId } = state;
  if (await deps.store.isDone(effect)) return { sent: 0, undelivered: 0 };
  let outcomes;
  try {
    outcomes = await deps.mailer.sendToEach(
      voters.map((v) => v.email),
      content,
    );
  } catch (error) {
    if (THROTTLING.has((error as Error).name)) throw new MailThrottled(`SES throttled batch ${effect.batch}`);
    throw error;
  }
  const failed = outcomes.flatMap((o, i) => (o.sent ? [] : [{ studentId: voters[i]!.studentId, reason: o.reason }]));
  for (const { studentId, reason } of failed) await deps.store.recordUndeliveredMail(electionId, studentId, RESULTS_MAILING, reason);
  await deps.store.markDone(effect);
  if (failed.length > 0) deps.log.warn('results not delivered to some voters', { electionId, batch: effect.batch, undelivered: failed.length });
  return { sent: outcomes.length - failed.length, undelivered: failed.length };
}
