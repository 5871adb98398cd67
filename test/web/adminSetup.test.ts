import { describe, expect, it } from 'vitest';
import { ApiError, problemsOf } from '../../web/admin/api.js';
import { batches, contestIdFrom, draftToBody, emptyContest, emptyDraft, fieldFor, isoToLocal, localToIso, problemsByField, resizeNames } from '../../web/admin/setup-draft.js';
import { checkVoterCsv, draftProblems } from '../../web/lib/rules';

/** The console's pure parts: the draft's body, its problems by the API's rules, the voter CSV check, the API's errors. */

const berlin = (local: Date) => (local.getMonth() >= 3 && local.getMonth() <= 8 ? 120 : 60);

describe('the create form’s body', () => {
  it('turns datetime-local values into ISO times with the offset of that moment', () => {
    expect(localToIso('2027-12-12T18:00', berlin)).toBe('2027-12-12T18:00:00+01:00');
    expect(localToIso('2027-06-01T09:30', berlin)).toBe('2027-06-01T09:30:00+02:00');
    expect(localToIso('2027-06-01T09:30', () => -330)).toBe('2027-06-01T09:30:00-05:30');
    expect(localToIso('', berlin)).toBe('');
    expect(localToIso('tomorrow', berlin)).toBe('tomorrow');
    // In the zone the tests run in, it is the inverse of isoToLocal.
    expect(isoToLocal(localToIso('2027-03-04T05:06'))).toBe('2027-03-04T05:06');
  });

  it('makes a contest id from the title when none is given', () => {
    expect(contestIdFrom('Fakultätsrat Informatik', 0)).toBe('fakultatsrat-informatik');
    expect(contestIdFrom('Straße ', 1)).toBe('strasse');
    expect(contestIdFrom('★', 2)).toBe('contest-3');
    expect(contestIdFrom('x'.repeat(60), 0)).toHaveLength(40);
  });

  it('sends what each ballot kind takes, trimmed, leaving empty optional fields out', () => {
    const draft = emptyDraft();
    draft.title = ' Council 2027 ';
    draft.closesAt = '2027-12-12T18:00';
    draft.reminders = ['2027-12-10T09:00', ''];
    draft.observers = 'a@uni.test, b@uni.test\nc@uni.test';
    draft.language = 'de';
    draft.timeZone = ' Europe/Vienna ';
    const speaker = draft.contests[0]!;
    Object.assign(speaker, { title: 'Speaker', ron: true });
    speaker.candidates = [{ name: ' Ada ', email: 'ada@uni.test', pageLink: 'https://uni.test/ada', list: 'ignored' }];
    const parliament = Object.assign(emptyContest(), {
      title: 'Parliament',
      id: 'stupa',
      kind: 'list',
      seats: '3',
      lists: 'Green\n\n Blue \n',
      votes: '3',
      maxPerCandidate: 'two',
      listVote: 'all',
      groups: 'faculty:a, faculty:b',
    });
    parliament.candidates = [{ name: 'Ben', email: 'ben@uni.test', pageLink: 'https://uni.test/ben', list: 'Green' }];
    const referendum = Object.assign(emptyContest(), { title: 'Senate seat?', kind: 'referendum', majority: 'two-thirds', quorumPercent: '20' });
    const ranked = Object.assign(emptyContest(), { title: 'Board', kind: 'ranked', seats: '', method: '' });
    ranked.candidates = [];
    draft.contests.push(parliament, referendum, ranked);
    expect(draftToBody(draft, (value) => (value === '' ? '' : `${value}:00Z`))).toEqual({
      title: 'Council 2027',
      closesAt: '2027-12-12T18:00:00Z',
      reminders: ['2027-12-10T09:00:00Z'],
      observers: ['a@uni.test', 'b@uni.test', 'c@uni.test'],
      language: 'de',
      timeZone: 'Europe/Vienna',
      challengeDays: 14,
      retentionDays: 0,
      acceptance: 'committee',
      box: 'sealed',
      trustees: { count: 3, threshold: 2 },
      contests: [
        { id: 'speaker', title: 'Speaker', ballot: { kind: 'single', ron: true }, candidates: [{ name: 'Ada', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }] },
        {
          id: 'stupa',
          title: 'Parliament',
          ballot: { kind: 'list', method: 'sainte-lague', seats: 3, lists: ['Green', 'Blue'], votes: 3, maxPerCandidate: 'two', listVote: 'all' },
          candidates: [{ name: 'Ben', email: 'ben@uni.test', pageLink: 'https://uni.test/ben', list: 'Green' }],
          groups: ['faculty:a', 'faculty:b'],
        },
        { id: 'senate-seat', title: 'Senate seat?', ballot: { kind: 'referendum', majority: 'two-thirds', quorumPercent: 20 } },
        { id: 'board', title: 'Board', ballot: { kind: 'ranked', method: 'irv', seats: undefined }, candidates: [] },
      ],
    });
  });

  it('is checked with the API’s own rules, each problem named by its field', () => {
    const draft = emptyDraft();
    draft.title = 'Council';
    draft.opensAt = '2027-12-01T09:00';
    const contest = draft.contests[0]!;
    contest.title = 'Speaker';
    contest.candidates = [{ name: 'Ada', email: 'ada@', pageLink: 'ftp://x', list: '' }];
    const problems = draftProblems(draftToBody(draft));
    expect(problems.map((p) => p.path)).toEqual(['contests.0.candidates.0.email', 'contests.0.candidates.0.pageLink', 'opensAt']);
    expect(problems.at(-1)).toEqual({ path: 'opensAt', message: 'needs closesAt too' });
    contest.candidates = [{ name: 'Ada', email: 'ada@uni.test', pageLink: 'https://uni.test/ada', list: '' }];
    draft.closesAt = '2027-12-12T18:00';
    expect(draftProblems(draftToBody(draft))).toEqual([]);
  });

  it('creates a sealed box by default, 2 of 3 trustees, names only when given; an open one when chosen', () => {
    const draft = emptyDraft();
    expect(draftToBody(draft)).toMatchObject({ box: 'sealed', trustees: { count: 3, threshold: 2 } });
    draft.trustees = { count: '3', threshold: '2', names: [' Ana ', '', 'Cem'] };
    expect(draftToBody(draft).trustees).toEqual({ count: 3, threshold: 2, names: ['Ana', '', 'Cem'] });
    expect(draftProblems(draftToBody(draft)).map((p) => p.path)).toContain('trustees.names.1');
    draft.trustees = { count: '2', threshold: '3', names: resizeNames(draft.trustees.names, '2', 20) };
    expect(draft.trustees.names).toEqual([' Ana ', '']);
    expect(draftProblems(draftToBody(draft)).map((p) => p.path)).toContain('trustees.threshold');
    draft.box = 'open';
    const body = draftToBody(draft);
    expect(body.box).toBe('open');
    expect(body).not.toHaveProperty('trustees');
  });

  it('puts a problem next to its field, or the nearest field above it, or above the form', () => {
    const fields = new Set(['observers', 'contests.0.ballot.lists', 'contests.0.ballot.seats']);
    const has = (path: string) => fields.has(path);
    expect(fieldFor('observers.2', has)).toBe('observers');
    expect(fieldFor('contests.0.ballot.seats', has)).toBe('contests.0.ballot.seats');
    expect(fieldFor('contests', has)).toBeUndefined();
    const byField = problemsByField(
      [
        { path: 'observers.2', message: 'Invalid email address' },
        { path: 'contests.0.ballot.lists.1', message: 'is given twice' },
        { path: 'contests', message: 'give 1 to 20 contests' },
      ],
      has,
    );
    expect([...byField]).toEqual([
      ['observers', ['2: Invalid email address']],
      ['contests.0.ballot.lists', ['1: is given twice']],
      ['', ['give 1 to 20 contests']],
    ]);
  });

  it('cuts the roll into batches', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(
      batches(
        Array.from({ length: 2000 }, (_, i) => i),
        500,
      ).map((b) => b.length),
    ).toEqual([500, 500, 500, 500]);
  });
});

describe('the voter CSV, checked in the browser as the CLI checks it', () => {
  it('lists every bad row by its line and keeps the good ones', () => {
    const csv = ['student_id,email,groups', 's1,s1@uni.test,faculty:a;status:b', 's2,not-an-address', 'S1,other@uni.test', 's4', '', '"s5",s5@uni.test,'].join('\r\n');
    const check = checkVoterCsv(csv);
    expect(check.voters).toEqual([
      { studentId: 's1', email: 's1@uni.test', groups: ['faculty:a', 'status:b'] },
      { studentId: 's5', email: 's5@uni.test' },
    ]);
    expect(check.bad).toEqual([
      { line: 3, problem: expect.stringMatching(/^email: /) },
      { line: 4, problem: 'student_id S1 already on line 2' },
      { line: 5, problem: 'expected 2 to 4 columns (student_id,email[,groups[,language]]), found 1' },
    ]);
    expect(check.fileProblem).toBeUndefined();
  });

  it('reads a voter’s language from the fourth column, empty for the election’s, and names a language it does not know', () => {
    const check = checkVoterCsv('s1,s1@uni.test,,DE\ns2,s2@uni.test,faculty:a,en\ns3,s3@uni.test,,\ns4,s4@uni.test,,fr\n');
    expect(check.voters).toEqual([
      { studentId: 's1', email: 's1@uni.test', language: 'de' },
      { studentId: 's2', email: 's2@uni.test', groups: ['faculty:a'], language: 'en' },
      { studentId: 's3', email: 's3@uni.test' },
    ]);
    expect(check.bad).toEqual([{ line: 4, problem: "language: must be de or en, or left out for the election's" }]);
  });

  it('says once what is wrong with a whole file', () => {
    expect(checkVoterCsv('student_id,email\n').fileProblem).toMatch(/^holds no voters/);
    expect(checkVoterCsv('s1;s1@uni.test\ns2;s2@uni.test\n').fileProblem).toMatch(/separated by ";"/);
    expect(checkVoterCsv('email,student_id\ns1@uni.test,s1\n').fileProblem).toMatch(/the e-mail comes first/);
    expect(checkVoterCsv('s1,"s1@uni.test\n').fileProblem).toMatch(/Quote Not Closed/);
  });
});

describe('the API’s errors', () => {
  it('names each problem’s field as the API’s message does', () => {
    expect(problemsOf('contests.1.ballot.seats: IRV fills one seat; use scottish-stv or meek-stv for more')).toEqual([
      { field: 'contests.1.ballot.seats', message: 'IRV fills one seat; use scottish-stv or meek-stv for more' },
    ]);
    expect(problemsOf('title: Too small: expected string to have >=1 characters; contests.0.candidates.0.email: Invalid email address')).toEqual([
      { field: 'title', message: 'Too small: expected string to have >=1 characters' },
      { field: 'contests.0.candidates.0.email', message: 'Invalid email address' },
    ]);
    expect(problemsOf('body: Invalid input: expected object, received undefined')).toEqual([{ message: 'body: Invalid input: expected object, received undefined' }]);
    expect(problemsOf('closesAt 2020-01-01T00:00:00Z is not in the future')).toEqual([{ message: 'closesAt 2020-01-01T00:00:00Z is not in the future' }]);
  });

  it('builds an ApiError from an answer', () => {
    const error = ApiError.from({ status: 400, body: { error: { code: 'invalid_request', message: 'contests.1.ballot.seats: too big' } } });
    expect([error.status, error.code, error.field, error.message]).toEqual([400, 'invalid_request', 'contests.1.ballot.seats', 'contests.1.ballot.seats: too big']);
    expect(error).toBeInstanceOf(Error);
    const odd = ApiError.from({ status: 502, body: 'Bad gateway' });
    expect([odd.code, odd.field, odd.message]).toEqual(['server_error', undefined, 'HTTP 502']);
  });
});
