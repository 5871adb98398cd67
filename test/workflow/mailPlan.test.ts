import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide, LIMITS } from '../../domain';
import { MAX_VOTERS } from '../../domain/rollLimit';
import { MailThrottled } from '../../handlers/lifecycle/lifecycleError';
import { mailResultBatch } from '../../handlers/lifecycle/mailResultBatch';
import { VOTERS_PER_PAGE } from '../../handlers/lifecycle/mailPlan';
import { planResultMail } from '../../handlers/lifecycle/planResultMail';
import type { BulkOutcome, Deps, ElectionStore, MailContent, MailPage } from '../../handlers/ports';
import { synthesizeLifecycleDefinition } from '../../workflows/synthesizeDefinition';
import { openElection, RecordingMailer, setUpElection, startTestApp, type TestApp } from '../support/harness';
import { closeVoting, tallyBallots } from '../support/lifecycleSteps';
import { refusal, stateIn } from '../unit/fixtures';

/** Step Functions' limits: one payload (state input or output), and one Standard execution's history. */
const MAX_PAYLOAD_BYTES = 256 * 1024;
const MAX_HISTORY_EVENTS = 25_000;
/** How long a committee may leave the results waiting for its acceptance within the history's limit, at the largest roll: three months. */
const ACCEPTANCE_DAYS = 90;
/** DynamoDB's limit for one item. */
const MAX_ITEM_BYTES = 400 * 1024;

type State = { Type: string; Retry?: { MaxAttempts?: number }[]; ItemProcessor?: { States: Record<string, State> } };

/**
 * The most history events a state can write: a Task is entered, scheduled, started, succeeds and
 * exits (5), and each retry adds a failure, a schedule and a start (3; Step Functions' default is 3
 * attempts per Retry entry). A Map iteration adds its own start and end around its Task.
 */
const worstCaseEvents = (state: State): number => (state.Type === 'Task' ? 5 + 3 * (state.Retry ?? []).reduce((sum, r) => sum + (r.MaxAttempts ?? 3), 0) : 2);

/** Characters of 4 bytes each (CJK Extension B), unchanged by NFKC and lower-casing. */
const WIDE_DIGITS = Array.from({ length: 16 }, (_, d) => String.fromCodePoint(0x20000 + d));
const WIDE_PREFIX = WIDE_DIGITS[0]!.repeat(59);
/** A student id of 64 such characters, distinct per n < 16⁵. */
const widestId = (n: number) => WIDE_PREFIX + [16 ** 4, 16 ** 3, 16 ** 2, 16, 1].map((place) => WIDE_DIGITS[Math.floor(n / place) % 16]).join('');

describe('the results mailing at the largest roll the domain accepts', () => {
  it('refuses a roll beyond MAX_VOTERS, saying how many an election takes', () => {
    expect(decide({ type: 'RegisterVoters', count: 1 }, stateIn('draft', { voters: MAX_VOTERS - 1 })).ok).toBe(true);
    const error = refusal(decide({ type: 'RegisterVoters', count: 32 }, stateIn('locked', { voters: MAX_VOTERS - 10 })));
    expect(error).toEqual({ code: 'invalid', message: `voters: an election takes at most ${MAX_VOTERS} voters; it has ${MAX_VOTERS - 10}, so 32 more would be ${MAX_VOTERS + 22}` });
  });

  it('keeps the workflow payload under 256 KB and the Map under the 25,000-event history, with the plan in the table', async () => {
    const electionId = 'e'.repeat(63);
    const planned = new Map<number, MailPage>();
    const store: Pick<ElectionStore, 'rollPages' | 'planMailPage'> = {
      async *rollPages() {
        // A DynamoDB page of 1 MB holds about 1,000 roll entries of this size.
        for (let i = 0; i < MAX_VOTERS; i += 1000) yield Array.from({ length: Math.min(1000, MAX_VOTERS - i) }, (_, k) => ({ studentId: widestId(i + k) }));
      },
      async planMailPage(_election, _mailing, page, range) {
        planned.set(page, range);
      },
    };
    expect(Buffer.byteLength(widestId(MAX_VOTERS - 1))).toBe(256);
    const reminders = Array.from({ length: LIMITS.reminders }, (_, hour) => `2026-12-01T1${hour}:00:00.000000000+00:00`);
    const input = { electionId, opensAt: '2026-12-01T08:00:00.000Z', closesAt: '2026-12-01T18:00:00.000Z', reminders };

    const mail = await planResultMail({ store } as unknown as Deps)(input);

    expect(mail.pages).toHaveLength(Math.ceil(MAX_VOTERS / VOTERS_PER_PAGE));
    expect(planned.size).toBe(mail.pages.length);
    expect(planned.get(0)).toEqual({ first: widestId(0), last: widestId(VOTERS_PER_PAGE - 1) });
    expect(planned.get(mail.pages.length - 1)!.last).toBe(widestId(MAX_VOTERS - 1));
    const largestPlanItem = Math.max(...[...planned.values()].map((range) => Buffer.byteLength(JSON.stringify(range)) + 200));
    expect(largestPlanItem).toBeLessThan(MAX_ITEM_BYTES);
    // What the execution carries from PlanResultMail on: its input with the plan's answer at $.mail.
    const payload = Buffer.byteLength(JSON.stringify({ ...input, mail }));
    expect(payload).toBeLessThan(MAX_PAYLOAD_BYTES);

    const states = (synthesizeLifecycleDefinition({ graceSeconds: 1 }) as { States: Record<string, State> }).States;
    const mapIteration = 2 + worstCaseEvents(states.MailResults!.ItemProcessor!.States.MailResultBatch!);
    // Each reminder round: its Wait, its task with every retry, and the Pass a failed round ends in.
    const reminderRound = 2 + Object.values(states.Reminders!.ItemProcessor!.States).reduce((sum, state) => sum + worstCaseEvents(state), 0);
    const everythingElse = 2 + Object.values(states).reduce((sum, state) => sum + worstCaseEvents(state), 0);
    // Each day the results wait for the committee's acceptance, its wait times out and begins again.
    const acceptanceDay = worstCaseEvents(states.AwaitAcceptance!);
    expect({ mapIteration, reminderRound, everythingElse, acceptanceDay }).toEqual({ mapIteration: 49, reminderRound: 38, everythingElse: 313, acceptanceDay: 23 });
    expect(mail.pages.length * mapIteration + LIMITS.reminders * reminderRound + everythingElse + ACCEPTANCE_DAYS * acceptanceDay).toBeLessThan(MAX_HISTORY_EVENTS);
  }, 60_000);
});

/** Throttles one SES call of the results mailing, as SES does when the sending rate is exceeded. */
class ThrottleOnceMailer extends RecordingMailer {
  private calls = 0;
  constructor(private readonly throttledCall: number) {
    super();
  }
  override async sendToEach(recipients: string[], content: MailContent): Promise<BulkOutcome[]> {
    this.calls += 1;
    if (this.calls === this.throttledCall) throw Object.assign(new Error('Maximum sending rate exceeded'), { name: 'TooManyRequestsException' });
    return super.sendToEach(recipients, content);
  }
}

describe('a roll of more than one page against DynamoDB Local', () => {
  const voters = VOTERS_PER_PAGE + 120;
  let app: TestApp;
  let mailer: ThrottleOnceMailer;
  beforeAll(async () => {
    mailer = new ThrottleOnceMailer(21); // the 21st batch, mid-way through the first page
    app = await startTestApp({ mailer });
  });
  afterAll(() => app.stop());

  it('plans the same pages twice and mails every voter exactly once although a page was throttled part-way and every page ran twice', async () => {
    // Registering and mailing 5,000 credentials takes a while on a loaded machine: the window leaves room.
    const { id, roll } = await setUpElection(app, { id: 'pages', voters, closesInMs: 600_000 });
    await openElection(app, id);
    app.clock.advance(601_000);
    expect((await closeVoting(app.deps, id)).ok).toBe(true);
    expect((await tallyBallots(app.deps, id)).ok).toBe(true);
    const epoch = new Date(0).toISOString();
    const input = { electionId: id, opensAt: epoch, closesAt: epoch };

    const { pages } = await planResultMail(app.deps)(input);
    expect(pages).toEqual([
      { electionId: id, page: 0 },
      { electionId: id, page: 1 },
    ]);
    expect(await planResultMail(app.deps)(input)).toEqual({ pages });

    const mailPage = mailResultBatch(app.deps);
    await expect(mailPage(pages[0])).rejects.toBeInstanceOf(MailThrottled);
    const sent: { sent: number }[] = [];
    for (const page of [...pages, ...pages]) sent.push(await mailPage(page));

    expect(sent.reduce((total, s) => total + s.sent, 0)).toBe(voters - 20 * 50);
    for (const voter of roll)
      expect(
        mailer.to(voter.email).filter((m) => m.subject.startsWith('Results')),
        voter.studentId,
      ).toHaveLength(1);
    // 5,120 voters registered, mailed and counted on DynamoDB Local: about 30 s alone, and four
    // times that beside the e2e tests' stacks on two cores (a full run timed out at 120 s).
  }, 300_000);
});
