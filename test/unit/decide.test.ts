import { describe, expect, it } from 'vitest';
import {
  ballotBoxDigest,
  credentialChange,
  decide,
  evolve,
  initialState,
  ITEM_LIMIT_BYTES,
  LIMITS,
  MAX_RECORDED_BREACHES,
  TALLIED_STATE_BUDGET_BYTES,
  tally,
  type Candidate,
  type ElectionCommand,
  type ElectionState,
} from '../../domain';
import {
  AFTER_VOTING,
  CLOSES_AT,
  DURING_VOTING,
  ELECTION_ID,
  OPENS_AT,
  PHASES_AFTER_START,
  SETUP_TIME,
  accepted,
  candidate,
  candidates,
  refusal,
  run,
  stateIn,
  fillOne,
  onlyContest,
  sealOne,
} from './fixtures';
import { MAXIMAL_CANDIDATES, maximalCandidates, maximalObservers, maximalTitle } from '../support/maximalElection';

const create = (extra: Partial<Extract<ElectionCommand, { type: 'CreateElection' }>> = {}): ElectionCommand => ({
  type: 'CreateElection',
  electionId: ELECTION_ID,
  title: 'Student council',
  ballot: { kind: 'single' },
  now: SETUP_TIME,
  ...extra,
});

describe('decide: creating an election', () => {
  it('records the election, its candidates, observers and window in one decision', () => {
    const events = accepted(
      decide(
        create({
          candidates: candidates('Alice', 'Bob'),
          observers: ['observer@example.edu'],
          window: { opensAt: OPENS_AT, closesAt: CLOSES_AT },
        }),
        initialState,
      ),
    );

    expect(events.map((e) => e.type)).toEqual(['ElectionCreated', 'CandidatesAdded', 'ObserversSet', 'VotingWindowSet']);
    const state = run(initialState, create({ candidates: candidates('Alice', 'Bob') }));
    expect(state.phase).toBe('draft');
  });

  it('refuses to create an election that already exists', () => {
    const error = refusal(decide(create(), stateIn('draft')));
    expect(error.code).toBe('already_exists');
  });

  it('refuses to create an election that exists even after it was published', () => {
    expect(refusal(decide(create(), stateIn('published'))).code).toBe('already_exists');
  });

  it('refuses a multi ballot with fewer than one choice', () => {
    const error = refusal(decide(create({ ballot: { kind: 'multi', maxChoices: 0 } }), initialState));
    expect(error.code).toBe('invalid');
  });

  it('refuses initial candidates whose names differ only by case', () => {
    const error = refusal(decide(create({ candidates: candidates('Alice', 'ALICE') }), initialState));
    expect(error.code).toBe('already_exists');
  });

  it('refuses an initial window whose deadline is already past', () => {
    const error = refusal(decide(create({ window: { closesAt: '2025-02-01T00:00:00.000Z' } }), initialState));
    expect(error.code).toBe('invalid');
  });

  it('answers not_found for any other command on an election that does not exist', () => {
    expect(refusal(decide({ type: 'Lock', now: SETUP_TIME }, initialState)).code).toBe('not_found');
    expect(refusal(decide({ type: 'AddCandidates', candidates: candidates('Alice') }, initialState)).code).toBe('not_found');
  });
});

describe('decide: candidates and voters only before voting starts (invariant 5)', () => {
  for (const phase of ['draft', 'locked'] as const) {
    it(`adds candidates while ${phase}`, () => {
      const state = run(stateIn(phase), { type: 'AddCandidates', candidates: candidates('Dana Diaz') });
      expect(state.phase).toBe(phase);
      if (state.phase !== 'draft' && state.phase !== 'locked') throw new Error('unreachable');
      expect(onlyContest(state).candidates.map((c) => c.name)).toContain('Dana Diaz');
    });

    it(`registers voters while ${phase}`, () => {
      const state = run(stateIn(phase, { voters: 10 }), { type: 'RegisterVoters', count: 5 });
      if (state.phase !== 'draft' && state.phase !== 'locked') throw new Error('unreachable');
      expect(state.voterCount).toBe(15);
    });
  }

  for (const phase of PHASES_AFTER_START) {
    it(`refuses to add candidates once the election is ${phase} (wrong_phase)`, () => {
      const error = refusal(decide({ type: 'AddCandidates', candidates: candidates('Dana Diaz') }, stateIn(phase)));
      expect(error.code).toBe('wrong_phase');
    });

    it(`refuses to register voters once the election is ${phase} (wrong_phase)`, () => {
      const error = refusal(decide({ type: 'RegisterVoters', count: 1 }, stateIn(phase)));
      expect(error.code).toBe('wrong_phase');
    });

    it(`refuses to change the voting window once the election is ${phase} (wrong_phase)`, () => {
      const command: ElectionCommand = { type: 'SetVotingWindow', closesAt: '2025-04-01T00:00:00.000Z', now: SETUP_TIME };
      expect(refusal(decide(command, stateIn(phase))).code).toBe('wrong_phase');
    });
  }

  it('refuses registering zero voters', () => {
    expect(refusal(decide({ type: 'RegisterVoters', count: 0 }, stateIn('draft'))).code).toBe('invalid');
  });

  it('refuses an empty list of candidates', () => {
    expect(refusal(decide({ type: 'AddCandidates', candidates: [] }, stateIn('draft'))).code).toBe('invalid');
  });

  it('refuses a candidate whose name differs from an existing one only by case', () => {
    const state = stateIn('draft', { candidates: ['Alice Adams'] });
    const error = refusal(decide({ type: 'AddCandidates', candidates: [candidate('alice ADAMS')] }, state));
    expect(error.code).toBe('already_exists');
  });

  it('refuses two new candidates in one request whose names differ only by case', () => {
    const state = stateIn('draft', { candidates: ['Alice Adams'] });
    const error = refusal(decide({ type: 'AddCandidates', candidates: candidates('Dana Diaz', 'DANA DIAZ') }, state));
    expect(error.code).toBe('already_exists');
  });

  it('refuses a name in another Unicode normal form than NFC, which could hide a duplicate', () => {
    const state = stateIn('draft', { candidates: ['Zoë Müller'] });
    const decomposed = 'Zoë Müller'.normalize('NFD');
    const error = refusal(decide({ type: 'AddCandidates', candidates: [candidate(decomposed)] }, state));
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/^candidates\.0\.name: must be NFC/) });
  });

  it('treats a name in another compatibility form as the same name ("Ａｄａ" is "Ada")', () => {
    const state = stateIn('draft', { candidates: ['Ada'] });
    const error = refusal(decide({ type: 'AddCandidates', candidates: [candidate('Ａｄａ')] }, state));
    expect(error).toEqual({ code: 'already_exists', message: 'candidates.0.name: "Ａｄａ" is the same name as "Ada" already on the ballot' });
  });
});

describe('decide: candidate names a voter can tell apart', () => {
  const add = (state: ElectionState, ...names: string[]) => decide({ type: 'AddCandidates', candidates: candidates(...names) }, state);

  it('refuses a name that looks like one on the ballot, naming the field and both names', () => {
    const state = stateIn('draft', { candidates: ['Ada'] });
    expect(refusal(add(state, 'Bob', 'Аda'))).toEqual({
      code: 'invalid',
      message: 'candidates.1.name: "Аda" looks like "Ada" already on the ballot',
    });
  });

  it('refuses two new names in one request that look alike, naming both fields', () => {
    const error = refusal(decide(create({ candidates: candidates('Ada Lovelace', 'Grace Hopper', 'Аda Lovelace') }), initialState));
    expect(error).toEqual({ code: 'invalid', message: 'candidates.2.name: "Аda Lovelace" looks like "Ada Lovelace" (candidates.0.name)' });
  });

  it.each([
    ['Latin and Cyrillic letters', 'Ada', 'Аda'],
    ['Latin and Greek letters', 'Nora Kappa', 'Νora Κappa'],
    ['a capital I and a small l', 'Ian Smith', 'lan Smith'],
    ['"rn" and "m"', 'Kim Park', 'Kirn Park'],
    ['the digit 0 and the letter O, in capitals', 'OTTO', '0TTO'],
    ['a Cherokee letter', 'Ada', '\u13AAda'],
  ])('refuses names that differ only in %s', (_, first, second) => {
    expect(refusal(add(stateIn('draft', { candidates: [first] }), second)).code).toBe('invalid');
  });

  it('keeps names apart that only share letters or differ by an accent', () => {
    const state = run(stateIn('draft', { candidates: ['Ada'] }), { type: 'AddCandidates', candidates: candidates('Adam', 'José', 'Jose', 'Zoë', 'Zoe') });
    if (state.phase !== 'draft') throw new Error('unreachable');
    expect(onlyContest(state).candidates.map((c) => c.name)).toEqual(['Ada', 'Adam', 'José', 'Jose', 'Zoë', 'Zoe']);
  });

  it.each([
    ['runs of spaces', 'Ada  Lovelace'],
    ['a Braille blank (U+2800) at the end', 'Ada\u2800'],
    ['a Hangul filler (U+3164) between words', 'Ada\u3164Lovelace'],
    ['only blank-looking characters', '\u2800\u2800'],
    ['no letter or digit', '-- * --'],
    ['only an emoji', '😀'],
  ])('refuses a name with %s', (_, name) => {
    const error = refusal(add(stateIn('draft'), name));
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/^candidates\.0\.name: /);
  });

  it.each(['Abstain', 'abstain (blank ballot)', 'ABSTENTIONS', 'Blank', 'RON', 'R.O.N.', 'Re-open nominations', 'Enthaltung', 'Leerer Stimmzettel', 'Enthaltung (leerer Stimmzettel)'])(
    'refuses a candidate named like a label of the ballot: %s',
    (name) => {
      const error = refusal(add(stateIn('draft'), name));
      expect(error.code).toBe('invalid');
      expect(error.message).toMatch(new RegExp(`^candidates\\.0\\.name: ".*" reads as the ballot's own "`));
    },
  );

  it('lets a typed name find the candidate it looks like, by the same key', () => {
    expect(accepted(fillOne(stateIn('open', { candidates: ['Ada', 'Bob'] }), { choices: ['АDА'] }))).toEqual({ choices: ['Ada'] });
  });

  it('matches the name as written first where an election from before holds two that look alike', () => {
    const older = stateIn('open', { candidates: ['Ada', 'Аda'] });
    expect(accepted(fillOne(older, { choices: ['Аda'] }))).toEqual({ choices: ['Аda'] });
    expect(accepted(fillOne(older, { choices: ['Ada'] }))).toEqual({ choices: ['Ada'] });
  });

  it('accepts names that merely contain a label word', () => {
    expect(accepted(add(stateIn('draft'), 'Ron Weasley', 'Rebecca Blank'))).toHaveLength(1);
  });

  it('refuses a title without a letter or digit, or with blank runs', () => {
    expect(refusal(decide(create({ title: '***' }), initialState))).toEqual({ code: 'invalid', message: 'title: must contain a letter or a digit' });
    expect(refusal(decide(create({ title: 'Student\u2800\u2800council' }), initialState)).message).toMatch(/^title: /);
  });
});

describe('decide: every election it accepts can be tallied and stored', () => {
  const maximal = (candidates: Candidate[]) => create({ title: maximalTitle, candidates, observers: maximalObservers() });

  it(`takes ${MAXIMAL_CANDIDATES} candidates of the largest size, with the largest title and observers`, () => {
    const state = run(initialState, maximal(maximalCandidates(MAXIMAL_CANDIDATES)));
    if (state.phase !== 'draft') throw new Error('unreachable');
    expect(onlyContest(state).candidates).toHaveLength(MAXIMAL_CANDIDATES);
  });

  it('refuses initial candidates whose tallied state would outgrow the budget, naming the field', () => {
    const error = refusal(decide(maximal(maximalCandidates(MAXIMAL_CANDIDATES + 1)), initialState));
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/^candidates: the election would be too large to store once tallied/);
  });

  it('refuses the candidate that would push the state over the budget, however many requests added the rest', () => {
    let state = run(initialState, maximal(maximalCandidates(50)));
    state = run(state, { type: 'AddCandidates', candidates: maximalCandidates(MAXIMAL_CANDIDATES - 50, 50) });
    const error = refusal(decide({ type: 'AddCandidates', candidates: maximalCandidates(1, MAXIMAL_CANDIDATES) }, state));
    expect(error.message).toMatch(/^candidates: /);
  });

  it('refuses observers that would push the state over the budget', () => {
    const state = run(initialState, maximal(maximalCandidates(MAXIMAL_CANDIDATES)));
    const error = refusal(decide({ type: 'SetObservers', observers: maximalObservers(2 * LIMITS.observers) }, state));
    expect(error.message).toMatch(/^observers: /);
  });

  it('refuses a window time longer than the size limit counts on', () => {
    const closesAt = `2099-01-01T00:00:00.${'0'.repeat(1000)}Z`;
    expect(refusal(decide(create({ window: { closesAt } }), initialState))).toEqual({ code: 'invalid', message: 'closesAt: at most 35 characters' });
  });
});

describe('decide: the voting window', () => {
  it('refuses a window whose closesAt is in the past', () => {
    const command: ElectionCommand = { type: 'SetVotingWindow', closesAt: '2025-02-28T00:00:00.000Z', now: SETUP_TIME };
    expect(refusal(decide(command, stateIn('draft'))).code).toBe('invalid');
  });

  it('refuses a window whose closesAt is exactly now', () => {
    const command: ElectionCommand = { type: 'SetVotingWindow', closesAt: SETUP_TIME.toISOString(), now: SETUP_TIME };
    expect(refusal(decide(command, stateIn('draft'))).code).toBe('invalid');
  });

  it('refuses a window that opens after it closes', () => {
    const command: ElectionCommand = {
      type: 'SetVotingWindow',
      opensAt: '2025-03-20T00:00:00.000Z',
      closesAt: '2025-03-15T00:00:00.000Z',
      now: SETUP_TIME,
    };
    expect(refusal(decide(command, stateIn('draft'))).code).toBe('invalid');
  });

  it('keeps the current opensAt when only closesAt is given (set_deadline)', () => {
    const newDeadline = '2025-03-14T18:00:00.000Z';
    const events = accepted(decide({ type: 'SetVotingWindow', closesAt: newDeadline, now: SETUP_TIME }, stateIn('draft')));
    expect(events).toEqual([{ type: 'VotingWindowSet', data: { opensAt: OPENS_AT, closesAt: newDeadline } }]);

    const state = run(stateIn('locked'), { type: 'SetVotingWindow', closesAt: newDeadline, now: SETUP_TIME });
    if (state.phase !== 'locked') throw new Error('unreachable');
    expect(state.window).toEqual({ opensAt: OPENS_AT, closesAt: newDeadline });
  });

  it('refuses a new deadline before the opening time it keeps', () => {
    const command: ElectionCommand = { type: 'SetVotingWindow', closesAt: '2025-03-05T00:00:00.000Z', now: SETUP_TIME };
    expect(refusal(decide(command, stateIn('draft'))).code).toBe('invalid');
  });

  it('sets only a deadline when no opening time was ever set', () => {
    const state = stateIn('draft', { window: { closesAt: CLOSES_AT } });
    const newDeadline = '2025-03-14T18:00:00.000Z';
    const events = accepted(decide({ type: 'SetVotingWindow', closesAt: newDeadline, now: SETUP_TIME }, state));
    expect(events).toEqual([{ type: 'VotingWindowSet', data: { closesAt: newDeadline } }]);
  });

  it('replaces opensAt when a new one is given', () => {
    const opensAt = '2025-03-09T08:00:00.000Z';
    const state = run(stateIn('draft'), { type: 'SetVotingWindow', opensAt, closesAt: CLOSES_AT, now: SETUP_TIME });
    if (state.phase !== 'draft') throw new Error('unreachable');
    expect(state.window).toEqual({ opensAt, closesAt: CLOSES_AT });
  });
});

describe('decide: reminders', () => {
  const FIRST = '2025-03-11T08:00:00.000Z';
  const SECOND = '2025-03-12T08:00:00.000Z';
  const withReminders = (reminders: string[], now = SETUP_TIME): ElectionCommand => ({ type: 'SetVotingWindow', opensAt: OPENS_AT, closesAt: CLOSES_AT, reminders, now });

  it('records the reminder times with the window, in time order', () => {
    const events = accepted(decide(withReminders([SECOND, FIRST]), stateIn('draft')));
    expect(events).toEqual([{ type: 'VotingWindowSet', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT, reminders: [FIRST, SECOND] } }]);
    const state = run(stateIn('draft'), withReminders([SECOND, FIRST]));
    if (state.phase !== 'draft') throw new Error('unreachable');
    expect(state.reminders).toEqual([FIRST, SECOND]);
    expect(state.window).toEqual({ opensAt: OPENS_AT, closesAt: CLOSES_AT });
  });

  it('keeps the reminders when the window is set again without them, and clears them with an empty list', () => {
    const reminded = run(stateIn('draft'), withReminders([FIRST]));
    const moved = run(reminded, { type: 'SetVotingWindow', closesAt: '2025-03-14T18:00:00.000Z', now: SETUP_TIME });
    if (moved.phase !== 'draft') throw new Error('unreachable');
    expect(moved.reminders).toEqual([FIRST]);
    const cleared = accepted(decide({ type: 'SetVotingWindow', closesAt: CLOSES_AT, reminders: [], now: SETUP_TIME }, reminded));
    expect(cleared).toEqual([{ type: 'VotingWindowSet', data: { opensAt: OPENS_AT, closesAt: CLOSES_AT } }]);
  });

  it.each([
    ['after the deadline', [CLOSES_AT], 'reminders.0: 2025-03-12T18:00:00.000Z is not before closesAt 2025-03-12T18:00:00.000Z; give the reminders again with the new window'],
    ['before the opening', [OPENS_AT], 'reminders.0: 2025-03-10T08:00:00.000Z is not after opensAt 2025-03-10T08:00:00.000Z'],
    ['in the past', ['2025-02-01T00:00:00.000Z'], 'reminders.0: 2025-02-01T00:00:00.000Z is not in the future'],
    ['twice', [FIRST, '2025-03-11T09:00:00+01:00'], 'reminders.1: 2025-03-11T09:00:00+01:00 is given twice'],
    ['not a time', ['soon'], 'reminders.0: must be an ISO-8601 time'],
    ['too many', ['01', '02', '03', '04', '05', '06'].map((h) => `2025-03-11T${h}:00:00.000Z`), 'reminders: at most 5'],
  ])('refuses a reminder %s', (_, reminders, message) => {
    expect(refusal(decide(withReminders(reminders), stateIn('draft')))).toEqual({ code: 'invalid', message });
  });

  it('refuses a new deadline that would leave a kept reminder after it', () => {
    const reminded = run(stateIn('draft'), withReminders([SECOND]));
    const error = refusal(decide({ type: 'SetVotingWindow', closesAt: '2025-03-11T18:00:00.000Z', now: SETUP_TIME }, reminded));
    expect(error.message).toMatch(/^reminders\.0: .* is not before closesAt/);
  });

  it('refuses to start once a reminder time has passed, instead of sending it with the opening', () => {
    const locked = run(run(stateIn('draft', { window: { closesAt: CLOSES_AT } }), { type: 'SetVotingWindow', closesAt: CLOSES_AT, reminders: [FIRST], now: SETUP_TIME }), {
      type: 'Lock',
      now: SETUP_TIME,
    });
    expect(refusal(decide({ type: 'Start', now: new Date('2025-03-11T09:00:00.000Z') }, locked))).toEqual({
      code: 'outside_window',
      message: 'the reminder at 2025-03-11T08:00:00.000Z has passed: set the window again with later reminders, or none',
    });
    expect(run(locked, { type: 'Start', now: SETUP_TIME }).phase).toBe('open');
  });

  it('records each round once, with its time and count, only while voting is open', () => {
    const scheduled = run(run(run(stateIn('draft'), withReminders([FIRST, SECOND])), { type: 'Lock', now: SETUP_TIME }), { type: 'Start', now: SETUP_TIME });
    const open = run(scheduled, { type: 'Open', now: new Date(OPENS_AT) });
    expect(refusal(decide({ type: 'RecordReminders', round: 0, voters: 3 }, scheduled)).code).toBe('wrong_phase');
    const once = accepted(decide({ type: 'RecordReminders', round: 1, voters: 40 }, open));
    expect(once).toEqual([{ type: 'RemindersQueued', data: { round: 1, at: SECOND, voters: 40 } }]);
    const recorded = once.reduce(evolve, open);
    expect(accepted(decide({ type: 'RecordReminders', round: 1, voters: 41 }, recorded))).toEqual([]);
    expect(refusal(decide({ type: 'RecordReminders', round: 2, voters: 1 }, recorded))).toEqual({ code: 'invalid', message: 'round: the election has 2 reminder(s)' });
  });
});

describe("decide: correcting a voter's address", () => {
  it('records the correction by roll hash until voting ends, locked and open included, and refuses it after', () => {
    for (const phase of ['draft', 'locked', 'open'] as const) {
      expect(accepted(decide({ type: 'CorrectVoterAddress', voter: 'h'.repeat(64) }, stateIn(phase)))).toEqual([{ type: 'VoterAddressCorrected', data: { voter: 'h'.repeat(64) } }]);
    }
    for (const phase of ['closed', 'tallied', 'published'] as const) {
      expect(refusal(decide({ type: 'CorrectVoterAddress', voter: 'h'.repeat(64) }, stateIn(phase))).code).toBe('wrong_phase');
    }
  });
});

describe("decide: re-issuing a voter's credential", () => {
  it('records the re-issue by roll hash until voting ends, locked and open included, and refuses it after', () => {
    for (const phase of ['draft', 'locked', 'scheduled', 'open'] as const) {
      const state = phase === 'scheduled' ? run(stateIn('locked'), { type: 'Start', now: SETUP_TIME }) : stateIn(phase);
      expect(state.phase).toBe(phase);
      expect(accepted(decide({ type: 'ReissueCredential', voter: 'h'.repeat(64), requestedBy: 'admin' }, state))).toEqual([
        { type: 'CredentialReissued', data: { voter: 'h'.repeat(64), requestedBy: 'admin' } },
      ]);
    }
    for (const phase of ['closed', 'tallied', 'published'] as const) {
      expect(refusal(decide({ type: 'ReissueCredential', voter: 'h'.repeat(64), requestedBy: 'admin' }, stateIn(phase)))).toEqual({
        code: 'wrong_phase',
        message: `credentials are re-issued only until voting ends (the election is ${phase})`,
      });
    }
  });

  it("is the one rule for every change to a voter's credential: a re-issue, a corrected address and a voter's request for their link", () => {
    for (const phase of ['draft', 'locked', 'open', 'closed', 'tallied', 'published'] as const) {
      const state = stateIn(phase);
      if (state.phase === 'none') throw new Error('no election');
      const live = credentialChange(state, 'voting has ended');
      const reissued = decide({ type: 'ReissueCredential', voter: 'h'.repeat(64), requestedBy: 'admin' }, state);
      const corrected = decide({ type: 'CorrectVoterAddress', voter: 'h'.repeat(64) }, state);
      expect([reissued.ok, corrected.ok], phase).toEqual([live.ok, live.ok]);
      if (!live.ok) expect(live.error).toEqual({ code: 'wrong_phase', message: `voting has ended (the election is ${phase})` });
    }
  });
});

describe("decide: counting voters' requests for their link", () => {
  it('records a count and nothing about who asked, in every phase until the log is final at publication', () => {
    for (const phase of ['draft', 'locked', 'open', 'closed', 'tallied'] as const) {
      const state = stateIn(phase);
      const events = accepted(decide({ type: 'CountLinkRequests', requests: 3 }, state));
      expect(events, phase).toEqual([{ type: 'LinkRequestsCounted', data: { requests: 3 } }]);
      expect(events.reduce(evolve, state), phase).toEqual(state);
    }
    expect(refusal(decide({ type: 'CountLinkRequests', requests: 1 }, stateIn('published'))).code).toBe('wrong_phase');
    for (const requests of [0, -1, 1.5]) {
      expect(refusal(decide({ type: 'CountLinkRequests', requests }, stateIn('open')))).toEqual({ code: 'invalid', message: 'requests: must be a whole number above 0' });
    }
  });
});

describe('decide: locking', () => {
  it('locks a draft election', () => {
    expect(run(stateIn('draft'), { type: 'Lock', now: SETUP_TIME }).phase).toBe('locked');
  });

  it('records the roll as read for the lock, and refuses it when voters were registered since it was read', () => {
    const draft = { ...stateIn('draft'), voterCount: 3 } as ElectionState;
    const roll = { voters: 3, fingerprint: 'f'.repeat(64) };
    expect(decide({ type: 'Lock', roll, now: SETUP_TIME }, draft)).toEqual({ ok: true, value: [{ type: 'ElectionLocked', data: { roll } }] });
    expect(run(draft, { type: 'Lock', roll, now: SETUP_TIME })).toMatchObject({ phase: 'locked', lockedRoll: roll });
    expect(refusal(decide({ type: 'Lock', roll: { ...roll, voters: 2 }, now: SETUP_TIME }, draft))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/lock again/) });
  });

  it('refuses a second lock', () => {
    const locked = run(stateIn('draft'), { type: 'Lock', now: SETUP_TIME });
    expect(refusal(decide({ type: 'Lock', now: SETUP_TIME }, locked)).code).toBe('wrong_phase');
  });

  for (const phase of PHASES_AFTER_START) {
    it(`refuses to lock an election that is ${phase}`, () => {
      expect(refusal(decide({ type: 'Lock', now: SETUP_TIME }, stateIn(phase))).code).toBe('wrong_phase');
    });
  }
});

describe('decide: starting the vote', () => {
  const startAt = new Date(OPENS_AT);

  it('opens a locked, complete election at its opening time', () => {
    const events = accepted(decide({ type: 'Start', now: startAt }, stateIn('locked')));
    expect(events).toEqual([{ type: 'VotingOpened', data: { at: startAt.toISOString() } }]);
    expect(run(stateIn('locked'), { type: 'Start', now: startAt }).phase).toBe('open');
  });

  it('refuses to start a draft election and says to lock it first', () => {
    const error = refusal(decide({ type: 'Start', now: startAt }, stateIn('draft')));
    expect(error.code).toBe('wrong_phase');
    expect(error.message).toMatch(/lock/i);
  });

  for (const phase of PHASES_AFTER_START) {
    it(`refuses to start an election that is already ${phase}`, () => {
      expect(refusal(decide({ type: 'Start', now: AFTER_VOTING }, stateIn(phase))).code).toBe('wrong_phase');
    });
  }

  it('refuses to start without a deadline', () => {
    const state = replayWithoutWindow();
    expect(refusal(decide({ type: 'Start', now: startAt }, state)).code).toBe('invalid');
  });

  it('refuses to start when the deadline has passed', () => {
    expect(refusal(decide({ type: 'Start', now: AFTER_VOTING }, stateIn('locked'))).code).toBe('outside_window');
  });

  it('refuses to start exactly at the deadline', () => {
    expect(refusal(decide({ type: 'Start', now: new Date(CLOSES_AT) }, stateIn('locked'))).code).toBe('outside_window');
  });

  it('schedules voting when started before the opening time, and opens it only from then on', () => {
    const early = new Date(Date.parse(OPENS_AT) - 1);
    const scheduled = run(stateIn('locked'), { type: 'Start', now: early });
    expect(scheduled).toMatchObject({ phase: 'scheduled', window: { opensAt: OPENS_AT } });
    expect(refusal(decide({ type: 'Open', now: early }, scheduled)).code).toBe('outside_window');
    expect(refusal(decide({ type: 'AddCandidates', candidates: [] }, scheduled)).code).toBe('wrong_phase');
    expect(run(scheduled, { type: 'Open', now: new Date(OPENS_AT) }).phase).toBe('open');
  });

  it('treats opening an election that is already open as done', () => {
    const open = run(stateIn('locked'), { type: 'Start', now: startAt });
    expect(decide({ type: 'Open', now: startAt }, open)).toEqual({ ok: true, value: [] });
  });

  it('starts at any time before the deadline when no opening time is set', () => {
    const state = stateIn('locked', { window: { closesAt: CLOSES_AT } });
    expect(run(state, { type: 'Start', now: SETUP_TIME }).phase).toBe('open');
  });

  it('refuses to start without candidates', () => {
    const state = stateIn('locked', { candidates: [] });
    expect(refusal(decide({ type: 'Start', now: startAt }, state)).code).toBe('invalid');
  });

  it('refuses to start without voters', () => {
    const state = stateIn('locked', { voters: 0 });
    expect(refusal(decide({ type: 'Start', now: startAt }, state)).code).toBe('invalid');
  });

  it('refuses a multi ballot that allows more choices than there are candidates', () => {
    const state = stateIn('locked', { ballot: { kind: 'multi', maxChoices: 4 }, candidates: ['Alice', 'Bob', 'Chen'] });
    expect(refusal(decide({ type: 'Start', now: startAt }, state)).code).toBe('invalid');
  });

  it('starts a multi ballot whose choices equal the number of candidates', () => {
    const state = stateIn('locked', { ballot: { kind: 'multi', maxChoices: 3 }, candidates: ['Alice', 'Bob', 'Chen'] });
    expect(run(state, { type: 'Start', now: startAt }).phase).toBe('open');
  });

  it('starts once candidates added while locked make the multi ballot valid', () => {
    const state = stateIn('locked', { ballot: { kind: 'multi', maxChoices: 3 }, candidates: ['Alice', 'Bob'] });
    expect(refusal(decide({ type: 'Start', now: startAt }, state)).code).toBe('invalid');
    const completed = run(state, { type: 'AddCandidates', candidates: candidates('Chen') });
    expect(run(completed, { type: 'Start', now: startAt }).phase).toBe('open');
  });
});

describe('decide: closing the vote', () => {
  it('refuses to close before the deadline (outside_window)', () => {
    expect(refusal(decide({ type: 'Close', now: DURING_VOTING }, stateIn('open'))).code).toBe('outside_window');
  });

  it('closes at the deadline and records when', () => {
    const at = new Date(CLOSES_AT);
    const events = accepted(decide({ type: 'Close', now: at }, stateIn('open')));
    expect(events).toEqual([{ type: 'VotingClosed', data: { at: at.toISOString() } }]);
    expect(run(stateIn('open'), { type: 'Close', now: at }).phase).toBe('closed');
  });

  for (const phase of ['closed', 'tallied', 'published'] as const) {
    it(`is a no-op (ok with no events) when the election is already ${phase}`, () => {
      expect(accepted(decide({ type: 'Close', now: AFTER_VOTING }, stateIn(phase)))).toEqual([]);
    });
  }

  for (const phase of ['draft', 'locked'] as const) {
    it(`refuses to close an election that never opened (${phase})`, () => {
      expect(refusal(decide({ type: 'Close', now: AFTER_VOTING }, stateIn(phase))).code).toBe('wrong_phase');
    });
  }
});

describe('decide: sealing, tallying and publishing (no results before close)', () => {
  const ballots = [
    { ballotId: 'b-3', choices: ['Bob Brown'] },
    { ballotId: 'b-1', choices: ['Alice Adams'] },
    { ballotId: 'b-2', choices: ['Bob Brown'] },
    { ballotId: 'b-4', choices: [] },
  ];

  for (const phase of ['draft', 'locked', 'open'] as const) {
    it(`refuses to tally while the election is ${phase}`, () => {
      expect(refusal(decide(sealOne(ballots), stateIn(phase))).code).toBe('wrong_phase');
    });

    it(`refuses to publish while the election is ${phase}`, () => {
      expect(refusal(decide({ type: 'Publish', now: AFTER_VOTING }, stateIn(phase))).code).toBe('wrong_phase');
    });
  }

  it('seals the box with its size and digest, then records the tally, after close', () => {
    const state = stateIn('closed');
    const events = accepted(decide(sealOne(ballots), state));
    if (state.phase !== 'closed') throw new Error('unreachable');

    expect(events).toEqual([
      { type: 'BallotBoxSealed', data: { ballotCount: 4, digest: ballotBoxDigest(ballots) } },
      { type: 'ResultsTallied', data: { result: tally(onlyContest(state).ballot, onlyContest(state).candidates, ballots) } },
    ]);

    const tallied = run(state, sealOne(ballots));
    if (tallied.phase !== 'tallied') throw new Error(`expected tallied, got ${tallied.phase}`);
    expect(tallied.results.main!.elected).toEqual(['Bob Brown']);
    expect(tallied.results.main!.abstentions).toBe(1);
    expect(tallied.seal.ballotCount).toBe(4);
  });

  it('is a no-op when the election is already tallied', () => {
    expect(accepted(decide(sealOne(ballots), stateIn('tallied')))).toEqual([]);
  });

  it('is a no-op when the election is already published', () => {
    expect(accepted(decide(sealOne(ballots), stateIn('published')))).toEqual([]);
  });

  it('refuses to publish a closed election that has not been tallied', () => {
    expect(refusal(decide({ type: 'Publish', now: AFTER_VOTING }, stateIn('closed'))).code).toBe('wrong_phase');
  });

  it('publishes a tallied election and records when', () => {
    const events = accepted(decide({ type: 'Publish', now: AFTER_VOTING }, stateIn('tallied')));
    expect(events).toEqual([{ type: 'ResultsPublished', data: { at: AFTER_VOTING.toISOString() } }]);
    expect(run(stateIn('tallied'), { type: 'Publish', now: AFTER_VOTING }).phase).toBe('published');
  });

  it('is a no-op to publish again', () => {
    expect(accepted(decide({ type: 'Publish', now: AFTER_VOTING }, stateIn('published')))).toEqual([]);
  });
});

describe('decide: a whole election from creation to publication', () => {
  it('runs every command in order and ends published with the counted result', () => {
    let state: ElectionState = initialState;
    state = run(state, create({ ballot: { kind: 'multi', maxChoices: 2 }, candidates: candidates('Alice', 'Bob', 'Chen') }));
    state = run(state, { type: 'RegisterVoters', count: 3 });
    state = run(state, { type: 'SetVotingWindow', opensAt: OPENS_AT, closesAt: CLOSES_AT, now: SETUP_TIME });
    state = run(state, { type: 'Lock', now: SETUP_TIME });
    state = run(state, { type: 'Start', now: new Date(OPENS_AT) });
    state = run(state, { type: 'Close', now: AFTER_VOTING });
    state = run(state, {
      type: 'SealAndTally',
      voters: 3,
      boxes: new Map([
        [
          'main',
          [
            { ballotId: 'x', choices: ['Alice', 'Chen'] },
            { ballotId: 'y', choices: ['Chen'] },
            { ballotId: 'z', choices: [] },
          ],
        ],
      ]),
    });
    state = run(state, { type: 'Publish', now: AFTER_VOTING });

    if (state.phase !== 'published') throw new Error(`expected published, got ${state.phase}`);
    expect(state.results.main!.elected).toEqual(['Chen', 'Alice']);
    expect(state.results.main!.ballots).toBe(3);
    expect(state.publishedAt).toBe(AFTER_VOTING.toISOString());
  });
});

function replayWithoutWindow(): ElectionState {
  let state = run(initialState, create({ candidates: candidates('Alice') }));
  state = run(state, { type: 'RegisterVoters', count: 1 });
  return run(state, { type: 'Lock', now: SETUP_TIME });
}

describe('decide: a flood of breaches', () => {
  it('records at most MAX_RECORDED_BREACHES per election, so the state always fits its item and the election can still close', () => {
    const breach = (i: number) => ({
      cloudTrailEventId: `event-${i}`,
      eventName: 'PutItem',
      principal: 'arn:aws:iam::1:user/m',
      sourceIp: '203.0.113.7',
      eventTime: SETUP_TIME.toISOString(),
      detectedAt: SETUP_TIME.toISOString(),
    });
    let state = stateIn('open');
    for (let i = 0; i < MAX_RECORDED_BREACHES + 5; i += 1) state = run(state, { type: 'RecordBreach', breach: breach(i) });
    expect(state.phase !== 'none' && state.breaches).toHaveLength(MAX_RECORDED_BREACHES);
    expect(new TextEncoder().encode(JSON.stringify(state)).length).toBeLessThan(ITEM_LIMIT_BYTES - TALLIED_STATE_BUDGET_BYTES);
    expect(accepted(decide({ type: 'RecordBreach', breach: breach(MAX_RECORDED_BREACHES + 9) }, state))).toEqual([]);
    expect(accepted(decide({ type: 'Close', now: AFTER_VOTING }, state))).toHaveLength(1);
  });
});
