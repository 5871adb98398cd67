import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../domain';
import { executionName, SfnLifecycleStarter } from '../../handlers/adapters/sfnLifecycleStarter';

describe('starting the lifecycle on Step Functions', () => {
  const client = new SFNClient({ region: 'eu-central-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const sfn = mockClient(client);
  const starter = new SfnLifecycleStarter('arn:aws:states:eu-central-1:123456789012:stateMachine:Lifecycle', client);
  const input = {
    electionId: 'parliament-2026',
    opensAt: '2026-12-01T08:00:00.000Z',
    credentialsAt: '2026-12-01T08:00:00.000Z',
    closesAt: '2026-12-01T18:00:00.000Z',
    reminders: ['2026-12-01T12:00:00.000Z'],
  };
  afterEach(() => sfn.reset());
  afterAll(() => sfn.restore());

  it('names the execution after the election, so a retried start cannot start a second one', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date() });
    await starter.startLifecycle(input);
    await starter.startLifecycle(input);
    const names = sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name);
    expect(names).toEqual(['election-parliament-2026', 'election-parliament-2026']);
    expect(JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input.input!)).toEqual(input);
  });

  it("runs a stopped workflow again as a new execution per retry, each named for its retry, within Step Functions' 80 characters", async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x', startDate: new Date() });
    await starter.resumeLifecycle(input, 1);
    await starter.resumeLifecycle(input, 1);
    await starter.resumeLifecycle(input, 2);
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name)).toEqual(['election-parliament-2026-r1', 'election-parliament-2026-r1', 'election-parliament-2026-r2']);
    const longest = executionName('a'.repeat(63), LIMITS.workflowRetries);
    expect(longest.length).toBeLessThanOrEqual(80);
  });

  it('treats an execution that already exists as started', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(starter.startLifecycle(input)).resolves.toBeUndefined();
  });

  it('passes any other failure on, so the start request fails loudly', async () => {
    sfn.on(StartExecutionCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(starter.startLifecycle(input)).rejects.toThrow('denied');
  });
});
