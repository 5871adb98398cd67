import { setTimeout as delay } from 'node:timers/promises';
import aslValidator from 'asl-validator';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { OPENING_CHECK_TASK_NAMES, type OpeningCheckTaskName } from '../../contract/openingCheckTasks';
import '../../workflows/promiseWithResolvers';
import { synthesizeOpeningCheckDefinition } from '../../workflows/synthesizeDefinition';

const definition = synthesizeOpeningCheckDefinition();
const states = (definition as { States: Record<string, Record<string, any>> }).States;

/** What the admin API starts an execution with (handlers/ports/openingChecks.ts). */
const INPUT = { electionId: 'e1', contest: 'president', kind: 'mix', upload: 'a'.repeat(64), run: '2026-12-06T10:00:00.000Z', papersPerPart: 2_500, position: 0 };
const SHUFFLE = { digest: 'b'.repeat(64), c: '42' };
const PARTS = [0, 1, 2].map((index) => ({ index, from: index * 2_500, to: (index + 1) * 2_500 }));

type Call = { task: OpeningCheckTaskName; input: Record<string, unknown> };

/** Runs the synthesized definition on `input` with each task a fake that logs its call and answers (or throws) as `answers[task]` does; `{}` when not given. */
async function run(answers: Partial<Record<OpeningCheckTaskName, (input: Record<string, any>) => unknown>>, input: typeof INPUT & { by?: { id: string; name: string } } = INPUT) {
  const calls: Call[] = [];
  const handler = (task: OpeningCheckTaskName) => async (input: unknown) => {
    calls.push({ task, input: input as Record<string, unknown> });
    return ((await answers[task]?.(input as Record<string, any>)) ?? {}) as never;
  };
  const execution = new StateMachine(definition as unknown as StateMachineDefinition).run(input, {
    overrides: { taskResourceLocalHandlers: Object.fromEntries(OPENING_CHECK_TASK_NAMES.map((task) => [task, handler(task)])) },
  });
  const outcome = await execution.result.then(
    (output) => ({ succeeded: true, output }),
    (error: Error) => ({ succeeded: false, error }),
  );
  return { calls, outcome, named: (task: OpeningCheckTaskName) => calls.filter((c) => c.task === task) };
}

describe('the opening-check definition', () => {
  it('is valid ASL by asl-validator, with ARNs and paths checked', () => {
    const { isValid, errorsText } = aslValidator(definition, { checkArn: true, checkPaths: true });
    expect(errorsText()).toBe('');
    expect(isValid).toBe(true);
  });

  it('checks the parts in a Distributed Map of Standard children, at most 40 at once, failing on any part that fails', () => {
    expect(states.CheckParts).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.plan.parts',
      MaxConcurrency: 40,
      ResultPath: null,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
    expect(states.CheckParts!.ToleratedFailurePercentage ?? 0).toBe(0);
    expect(states.CheckParts!.ItemReader).toBeUndefined();
    for (const name of ['PlanOpeningCheck', 'CheckParts', 'ConcludeOpeningCheck'])
      expect(states[name]!.Catch, name).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: `${name}Failed` }]);
  });
});

describe('an opening check run by the state machine', () => {
  it("hands every part the check's fields, the plan's shuffle and its own range, and concludes once all parts are done", async () => {
    // The first part is the slowest: Conclude must still wait for it.
    const { calls, outcome, named } = await run({
      PlanOpeningCheck: () => ({ refused: false, parts: PARTS, shuffle: SHUFFLE }),
      CheckOpeningPart: async ({ part }) => delay(part.index === 0 ? 200 : 0),
    });
    expect(outcome.succeeded).toBe(true);
    expect(named('PlanOpeningCheck').map((c) => c.input)).toEqual([INPUT]);
    expect(named('CheckOpeningPart').map((c) => c.input)).toEqual(expect.arrayContaining(PARTS.map((part) => ({ ...INPUT, shuffle: SHUFFLE, part }))));
    expect(named('CheckOpeningPart')).toHaveLength(PARTS.length);
    expect(calls.at(-1)).toEqual({ task: 'ConcludeOpeningCheck', input: { ...INPUT, plan: { refused: false, parts: PARTS, shuffle: SHUFFLE } } });
    expect(named('RecordOpeningCheckFailure')).toEqual([]);
  });

  it('hands Conclude the member who posted the upload, whom the log records as asking for its acceptance', async () => {
    const posted = { ...INPUT, by: { id: 'member-7', name: 'Grace Hopper' } };
    const { outcome, named } = await run({ PlanOpeningCheck: () => ({ refused: false, parts: PARTS, shuffle: SHUFFLE }) }, posted);
    expect(outcome.succeeded).toBe(true);
    expect(named('ConcludeOpeningCheck').map((c) => c.input)).toEqual([{ ...posted, plan: { refused: false, parts: PARTS, shuffle: SHUFFLE } }]);
  });

  it('hands the parts a null shuffle when the plan has none (decryption shares)', async () => {
    const { named } = await run({ PlanOpeningCheck: () => ({ refused: false, parts: PARTS.slice(0, 1), shuffle: null }) });
    expect(named('CheckOpeningPart').map((c) => c.input)).toEqual([{ ...INPUT, shuffle: null, part: PARTS[0] }]);
  });

  it('checks no part and concludes nothing when the plan refuses the upload, and succeeds', async () => {
    const { calls, outcome } = await run({ PlanOpeningCheck: () => ({ refused: true, parts: [], shuffle: null }) });
    expect(outcome.succeeded).toBe(true);
    expect(calls.map((c) => c.task)).toEqual(['PlanOpeningCheck']);
  });

  it('records a part that throws as the failure of CheckParts, concludes nothing, and fails the execution', async () => {
    const { outcome, named } = await run({
      PlanOpeningCheck: () => ({ refused: false, parts: PARTS, shuffle: SHUFFLE }),
      CheckOpeningPart: ({ part }) => {
        if (part.index === 1) throw new Error('the part could not be read');
      },
    });
    expect(outcome.succeeded).toBe(false);
    expect(named('ConcludeOpeningCheck')).toEqual([]);
    const recorded = named('RecordOpeningCheckFailure').map((c) => c.input);
    expect(recorded).toEqual([{ ...INPUT, plan: { refused: false, parts: PARTS, shuffle: SHUFFLE }, failedStep: 'CheckParts', failure: expect.objectContaining({ Error: expect.any(String) }) }]);
  });

  it('records a plan that throws as the failure of PlanOpeningCheck', async () => {
    const { outcome, named } = await run({
      PlanOpeningCheck: () => {
        throw new Error('no such upload');
      },
    });
    expect(outcome.succeeded).toBe(false);
    expect(named('CheckOpeningPart')).toEqual([]);
    expect(named('RecordOpeningCheckFailure').map((c) => c.input)).toEqual([{ ...INPUT, failedStep: 'PlanOpeningCheck', failure: { Error: 'Error', Cause: 'no such upload' } }]);
  });
});
