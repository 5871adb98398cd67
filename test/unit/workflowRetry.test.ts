import { describe, expect, it } from 'vitest';
import { decide, evolve, LIMITS, type ElectionCommand, type ElectionState } from '../../domain';
import { AFTER_VOTING, accepted, refusal, run, stateIn } from './fixtures';

const failure: ElectionCommand = { type: 'RecordLifecycleFailure', step: 'TallyBallots', error: 'TallyCrashed: disk on fire' };
const stoppedWhenClosed = (): ElectionState => run(stateIn('closed'), failure);

describe('a workflow that stopped at a failed step', () => {
  it('is where the election stands until it is retried', () => {
    const state = stoppedWhenClosed();
    expect(state).toMatchObject({ phase: 'closed', workflowFailure: { step: 'TallyBallots', error: 'TallyCrashed: disk on fire' } });
  });

  it('is retried by the committee, recorded with the step and the attempt, and no longer stands', () => {
    const events = accepted(decide({ type: 'RetryLifecycle' }, stoppedWhenClosed()));
    expect(events).toEqual([{ type: 'LifecycleRetried', data: { step: 'TallyBallots', attempt: 1 } }]);
    const retried = events.reduce(evolve, stoppedWhenClosed());
    expect(retried).not.toHaveProperty('workflowFailure');
    expect(retried).toMatchObject({ workflowRetries: 1 });
    // A second stop counts on.
    const again = run(run(retried, failure), { type: 'RetryLifecycle' });
    expect(again).toMatchObject({ workflowRetries: 2 });
  });

  it('no longer stands once the workflow moves the election on by itself (a restarted local stack resumes it)', () => {
    const stopped = run(stateIn('open'), { type: 'RecordLifecycleFailure', step: 'CloseVoting', error: 'States.Timeout: States.Timeout' });
    expect(stopped).toHaveProperty('workflowFailure');
    expect(run(stopped, { type: 'Close', now: AFTER_VOTING })).not.toHaveProperty('workflowFailure');
  });

  it('is not what a failed reminder round leaves: the workflow went on, and there is nothing to retry', () => {
    const round = run(stateIn('open'), { type: 'RecordLifecycleFailure', step: 'QueueReminders (round 1)', error: 'Error: throttled', continues: true });
    expect(round).not.toHaveProperty('workflowFailure');
    expect(refusal(decide({ type: 'RetryLifecycle' }, round))).toMatchObject({ code: 'conflict', message: expect.stringContaining('has not stopped') });
  });

  it('is retried at most LIMITS.workflowRetries times', () => {
    let state = stoppedWhenClosed();
    for (let i = 0; i < LIMITS.workflowRetries; i += 1) state = run(run(state, { type: 'RetryLifecycle' }), failure);
    expect(refusal(decide({ type: 'RetryLifecycle' }, state))).toMatchObject({ code: 'conflict', message: expect.stringContaining(`retried ${LIMITS.workflowRetries} times`) });
  });

  it('has nothing to retry once published, nor before the workflow started', () => {
    expect(refusal(decide({ type: 'RetryLifecycle' }, stateIn('published'))).code).toBe('wrong_phase');
    expect(refusal(decide({ type: 'RetryLifecycle' }, stateIn('locked'))).code).toBe('wrong_phase');
  });
});
