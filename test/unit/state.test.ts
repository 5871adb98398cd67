import { describe, expect, it } from 'vitest';
import { evolve, ImpossibleTransition, initialState, replay, type ElectionEvent, type Phase } from '../../domain';
import { AFTER_VOTING, CLOSES_AT, DURING_VOTING, ELECTION_ID, OPENS_AT, eventsUpTo, onlyContest } from './fixtures';

const created: ElectionEvent = {
  type: 'ElectionCreated',
  data: { electionId: ELECTION_ID, title: 'Student council', ballot: { kind: 'single' } },
};
const opened: ElectionEvent = { type: 'VotingOpened', data: { at: DURING_VOTING.toISOString() } };
const closed: ElectionEvent = { type: 'VotingClosed', data: { at: AFTER_VOTING.toISOString() } };
const locked: ElectionEvent = { type: 'ElectionLocked', data: {} };

describe('replay: a valid event list yields the expected phase', () => {
  it('starts from no election at all', () => {
    expect(replay([])).toEqual({ phase: 'none' });
    expect(initialState.phase).toBe('none');
  });

  const phases: Exclude<Phase, 'none'>[] = ['draft', 'locked', 'open', 'closed', 'tallied', 'published'];
  for (const phase of phases) {
    it(`replays the events of a ${phase} election into phase ${phase}`, () => {
      expect(replay(eventsUpTo(phase)).phase).toBe(phase);
    });
  }

  it('rebuilds the setup facts: candidates, voters, window and observers', () => {
    const state = replay([
      created,
      { type: 'CandidatesAdded', data: { candidates: [{ name: 'Alice', email: 'a@x.edu', pageLink: 'https://x.edu/a' }] } },
      { type: 'CandidatesAdded', data: { candidates: [{ name: 'Bob', email: 'b@x.edu', pageLink: 'https://x.edu/b' }] } },
      { type: 'VotersRegistered', data: { count: 40 } },
      { type: 'VotersRegistered', data: { count: 2 } },
      { type: 'VotingWindowSet', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT } },
      { type: 'ObserversSet', data: { observers: ['obs@x.edu'] } },
    ]);

    if (state.phase !== 'draft') throw new Error(`expected draft, got ${state.phase}`);
    expect(state.electionId).toBe(ELECTION_ID);
    expect(state.title).toBe('Student council');
    expect(onlyContest(state).candidates.map((c) => c.name)).toEqual(['Alice', 'Bob']);
    expect(state.voterCount).toBe(42);
    expect(state.window).toEqual({ opensAt: OPENS_AT, closesAt: CLOSES_AT });
    expect(state.observers).toEqual(['obs@x.edu']);
  });

  it('a later window replaces the earlier one entirely', () => {
    const state = replay([created, { type: 'VotingWindowSet', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT } }, { type: 'VotingWindowSet', data: { closesAt: '2025-03-20T00:00:00.000Z' } }]);
    if (state.phase !== 'draft') throw new Error('unreachable');
    expect(state.window).toEqual({ closesAt: '2025-03-20T00:00:00.000Z' });
  });

  it('records when voting opened and closed', () => {
    const state = replay(eventsUpTo('closed'));
    if (state.phase !== 'closed') throw new Error('unreachable');
    expect(state.openedAt).toBe(DURING_VOTING.toISOString());
    expect(state.closedAt).toBe(AFTER_VOTING.toISOString());
    expect(state.window.closesAt).toBe(CLOSES_AT);
  });

  it('does not change the state it evolves from', () => {
    const before = replay(eventsUpTo('draft'));
    const snapshot = structuredClone(before);
    evolve(before, { type: 'VotersRegistered', data: { count: 7 } });
    evolve(before, locked);
    expect(before).toEqual(snapshot);
  });
});

describe('evolve: an impossible event order throws ImpossibleTransition', () => {
  const cases: [string, ElectionEvent[]][] = [
    ['VotingOpened on a draft', [...eventsUpTo('draft'), opened]],
    ['any event before ElectionCreated', [locked]],
    ['a second ElectionCreated', [created, created]],
    ['a second ElectionLocked', [...eventsUpTo('locked'), locked]],
    ['VotingOpened without a deadline', [created, locked, opened]],
    ['VotingClosed on a locked election', [...eventsUpTo('locked'), closed]],
    ['CandidatesAdded after voting opened', [...eventsUpTo('open'), { type: 'CandidatesAdded', data: { candidates: [] } }]],
    ['VotersRegistered after voting opened', [...eventsUpTo('open'), { type: 'VotersRegistered', data: { count: 1 } }]],
    ['VotingWindowSet after voting opened', [...eventsUpTo('open'), { type: 'VotingWindowSet', data: { closesAt: CLOSES_AT } }]],
    ['BallotBoxSealed while voting is open', [...eventsUpTo('open'), { type: 'BallotBoxSealed', data: { ballotCount: 0, digest: '' } }]],
    ['a second BallotBoxSealed', [...eventsUpTo('closed'), { type: 'BallotBoxSealed', data: { ballotCount: 0, digest: '' } }, { type: 'BallotBoxSealed', data: { ballotCount: 0, digest: '' } }]],
    ['ResultsTallied before the box is sealed', [...eventsUpTo('closed'), { type: 'ResultsTallied', data: { result: { ballots: 0, abstentions: 0, seats: 1, counts: [], elected: [], tied: [] } } }]],
    ['ResultsPublished before the tally', [...eventsUpTo('closed'), { type: 'ResultsPublished', data: { at: AFTER_VOTING.toISOString() } }]],
    ['VotingOpened after publication', [...eventsUpTo('published'), opened]],
  ];

  for (const [name, events] of cases) {
    it(`refuses ${name}`, () => {
      expect(() => replay(events)).toThrow(ImpossibleTransition);
    });
  }

  it('names the event and the phase in the error', () => {
    expect(() => evolve(replay(eventsUpTo('draft')), opened)).toThrow(/VotingOpened.*draft/);
  });
});
