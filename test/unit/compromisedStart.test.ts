import { describe, expect, it } from 'vitest';
import {
  decide,
  EMPTY_HEAD,
  evolve,
  extendChain,
  initialState,
  verifyAuditLog,
  type AuditLine,
  type ElectionCommand,
  type ElectionEvent,
  type ElectionState,
  type RecordedEvent,
  type SealedBallot,
} from '../../domain';
import { memoryStores } from '../../handlers/adapters/memory';
import type { Deps, EventStream, LifecycleInput } from '../../handlers/ports';
import { runCommand } from '../../handlers/runCommand';
import { startVoting } from '../../handlers/usecases/startVoting';
import { accepted, councilCreation, AFTER_VOTING, BREACH, exportOfOneVoter, CLOSES_AT, DURING_VOTING, ELECTION_ID, refusal, run, sealOne, SETUP_TIME, stateIn } from './fixtures';

const UNCONFIRMED =
  '1 breach(es) were recorded while this election was locked, and every voter and observer will be told: find out what happened first; to start anyway, confirm it (confirmCompromised: true, or admin start --confirm-compromised)';

const breachedWhileLocked = (): ElectionState => run(stateIn('locked'), { type: 'RecordBreach', breach: BREACH });

describe('decide: starting an election breached while it was locked', () => {
  it('refuses a start the admin did not confirm, saying how many breaches there were and how to confirm', () => {
    expect(refusal(decide({ type: 'Start', now: DURING_VOTING }, breachedWhileLocked()))).toEqual({ code: 'compromised', message: UNCONFIRMED });
    expect(refusal(decide({ type: 'Start', now: DURING_VOTING, confirmCompromised: false }, breachedWhileLocked())).code).toBe('compromised');
  });

  it('starts it once the admin confirms', () => {
    expect(run(breachedWhileLocked(), { type: 'Start', now: DURING_VOTING, confirmCompromised: true }).phase).toBe('open');
  });

  it('says so before what the election still lacks, as the start always has', () => {
    const unready = run(stateIn('locked', { voters: 0 }), { type: 'RecordBreach', breach: BREACH });
    expect(refusal(decide({ type: 'Start', now: DURING_VOTING }, unready)).code).toBe('compromised');
    expect(refusal(decide({ type: 'Start', now: DURING_VOTING, confirmCompromised: true }, unready))).toEqual({ code: 'invalid', message: 'register voters before starting' });
  });

  it('asks nothing of an election that has started already: it is refused for that', () => {
    const open = run(stateIn('open'), { type: 'RecordBreach', breach: BREACH });
    expect(refusal(decide({ type: 'Start', now: DURING_VOTING }, open)).code).toBe('wrong_phase');
  });
});

describe('startVoting when a breach is recorded while the start is on its way', () => {
  /** A locked election of one voter, in memory, and a store in front of it that records the breach between the start's decision and its append. */
  async function breachedInBetween() {
    const { store } = memoryStores();
    const clock = { now: () => DURING_VOTING };
    const apply = async (command: ElectionCommand) => accepted(await runCommand({ store, clock }, ELECTION_ID, command));
    await apply(councilCreation(DURING_VOTING, ['Alice Adams']));
    await apply({ type: 'RegisterVoters', count: 1 });
    await apply({ type: 'Lock', now: DURING_VOTING });
    let breached = false;
    const racing: Pick<EventStream, 'load' | 'append'> = {
      load: (electionId) => store.load(electionId),
      async append(...write) {
        if (!breached) {
          breached = true;
          await apply({ type: 'RecordBreach', breach: BREACH });
        }
        return store.append(...write);
      },
    };
    const started: LifecycleInput[] = [];
    const lifecycle = { startLifecycle: async (input: LifecycleInput) => void started.push(input) };
    const deps: Pick<Deps, 'clock'> & { store: typeof racing; lifecycle: typeof lifecycle } = { store: racing, clock, lifecycle };
    return { store, deps: deps as Deps, started };
  }

  it('decides again on the state with the breach and refuses the start the admin did not confirm', async () => {
    const { store, deps, started } = await breachedInBetween();
    expect(await startVoting(deps, ELECTION_ID)).toEqual({ ok: false, error: { code: 'compromised', message: UNCONFIRMED } });
    expect((await store.readEvents(ELECTION_ID)).map((e) => e.type)).toEqual(['ElectionCreated', 'CandidatesAdded', 'VotingWindowSet', 'VotersRegistered', 'ElectionLocked', 'BreachDetected']);
    expect(started).toEqual([]);
  });

  it('starts it, and its workflow, once the admin confirms', async () => {
    const { store, deps, started } = await breachedInBetween();
    const confirmed = await startVoting(deps, ELECTION_ID, { confirmCompromised: true });
    expect(confirmed.ok && confirmed.value.state.phase).toBe('open');
    expect((await store.readEvents(ELECTION_ID)).map((e) => e.type).slice(-2)).toEqual(['BreachDetected', 'VotingOpened']);
    expect(started).toEqual([{ electionId: ELECTION_ID, opensAt: DURING_VOTING.toISOString(), credentialsAt: DURING_VOTING.toISOString(), closesAt: CLOSES_AT, reminders: [] }]);
  });
});

describe('the verifier and a start recorded after a breach', () => {
  const ballots: SealedBallot[] = [{ ballotId: 'ballot-1', choices: ['Alice Adams'] }];

  /** A published election's export whose start follows a breach, as logs were written before decide asked for the confirmation: the log holds none. */
  function exportWithStartAfterBreach(): AuditLine[] {
    let state: ElectionState = initialState;
    const events: RecordedEvent[] = [];
    const record = (decided: ElectionEvent[], at: Date) => {
      const last = events.at(-1);
      events.push(...extendChain(ELECTION_ID, last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD, decided, at.toISOString()));
      state = decided.reduce(evolve, state);
    };
    const apply = (command: ElectionCommand, at: Date) => record(accepted(decide(command, state)), at);
    apply(councilCreation(SETUP_TIME, ['Alice Adams', 'Bob Brown']), SETUP_TIME);
    apply({ type: 'RegisterVoters', count: 1 }, SETUP_TIME);
    apply({ type: 'Lock', now: SETUP_TIME }, SETUP_TIME);
    apply({ type: 'RecordBreach', breach: BREACH }, SETUP_TIME);
    record([{ type: 'VotingOpened', data: { at: DURING_VOTING.toISOString() } }], DURING_VOTING);
    apply({ type: 'Close', now: AFTER_VOTING }, AFTER_VOTING);
    apply(sealOne(ballots), AFTER_VOTING);
    apply({ type: 'Publish', now: AFTER_VOTING }, AFTER_VOTING);
    return exportOfOneVoter(events, ballots, { breaches: 1 });
  }

  it('verifies it and counts the breach: the log shows the breach before the start, not whether the admin confirmed it', () => {
    const report = verifyAuditLog(exportWithStartAfterBreach());
    expect(report.findings).toEqual([]);
    expect(report).toMatchObject({ ok: true, breaches: 1, finalPhase: 'published' });
  });
});
