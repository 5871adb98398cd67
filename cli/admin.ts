import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { METHOD_NAMES, type BallotChoice, type TallyResult } from '../domain';
import { renderCountSheet } from '../domain/counting/renderSheet';
import type { MailReport } from '../contract/mailReport';
import { postalPapersFromText } from '../contract/postalPapersText';
import { addCandidates, createElection, isoTime } from '../contract/requestSchemas';
import type { PostalPapers, PublicElectionView, ResultsView, Turnout as TurnoutAnswer } from '../contract/views';
import type { ApiClient } from './apiClient';
import { importVoters, readVoterCsv } from './importVoters';
import { mailCountLines, mailReportLines } from './mailReport';
import { boxStatusLines } from './sealed/boxStatus';

type Out = (line: string) => void;

/** A YAML or JSON file: the same shape as the API's bodies, so the same schema checks it first. */
function readDefinition<T>(path: string, schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): T {
  const text = readFileSync(path, 'utf8');
  const input = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${path} is not valid:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

const path = (id: string, rest = '') => `/elections/${encodeURIComponent(id)}${rest}`;

const count = (n: number, noun: string) => `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;

/** A time the API takes, two hours from now, whole seconds: an example that is never stale. */
const exampleTime = () => new Date(Date.now() + 2 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A time option as the API takes it, checked here so that a mistake shows an example rather than a schema's words. */
function timeOption(option: string, value: string): string {
  if (isoTime.safeParse(value).success) return value;
  throw new Error(`${option} "${value}" is not a date and time with its zone: write it like ${exampleTime()} (UTC; an offset such as +01:00 in place of the Z works too)`);
}

export const admin = {
  async create(api: ApiClient, file: string, out: Out) {
    const election = await api.request<PublicElection>('POST', '/elections', readDefinition(file, createElection));
    const contests = election.contests.length > 1 ? `${election.contests.length} contests (${election.contests.map((c) => c.id).join(', ')}), ` : '';
    out(`Created election ${election.id} ("${election.title}"), ${contests}${candidateCount(election)} candidate(s), phase ${election.phase}.`);
  },

  async importVoters(api: ApiClient, electionId: string, file: string, out: Out, progress: (done: number, total: number) => void) {
    const { voters, bad } = readVoterCsv(file);
    if (bad.length > 0) {
      out(`${file}: ${bad.length} bad row(s); nothing was imported:`);
      for (const { line, problem } of bad.slice(0, 50)) out(`  line ${line}: ${problem}`);
      if (bad.length > 50) out(`  … and ${bad.length - 50} more`);
      return 1;
    }
    const summary = await importVoters(api, electionId, voters, progress);
    out(`${count(voters.length, 'voter')} in ${file}: ${summary.registered.toLocaleString('en')} registered now.`);
    if (summary.alreadyRegistered > 0)
      out(`${summary.alreadyRegistered.toLocaleString('en')} ${summary.alreadyRegistered === 1 ? 'was' : 'were'} already on the roll: nothing changed for them, and no mail went to them.`);
    if (summary.emailTaken.length > 0) out(`${summary.emailTaken.length.toLocaleString('en')} refused: their address is on the roll under another student id.`);
    for (const { studentId, registeredAs } of summary.emailTaken.slice(0, 50))
      out(`  refused: ${studentId} has the address of ${registeredAs} (register with "sharedEmail": true over the API if both are real)`);
    for (const studentId of summary.undelivered.slice(0, 50)) out(`  not delivered: ${studentId}`);
    if (summary.registered > 0 && summary.held) out(`Nobody is mailed yet: the credentials go out when voting opens. Until the lock, check the roll and correct addresses (\`admin correct-email\`).`);
    else if (summary.registered > 0) out(`Credential e-mails are queued; \`admin mail ${electionId}\` shows their delivery.`);
    return 0;
  },

  async addCandidates(api: ApiClient, electionId: string, file: string, out: Out) {
    const input = readDefinition(file, addCandidates);
    const election = await api.request<PublicElection>('POST', path(electionId, '/candidates'), input);
    const contest = election.contests.find((c) => c.id === input.contest);
    out(
      contest && election.contests.length > 1
        ? `${electionId}: contest ${contest.id} now has ${contest.candidates.length} candidate(s).`
        : `${electionId} now has ${candidateCount(election)} candidate(s).`,
    );
  },

  async setWindow(api: ApiClient, electionId: string, window: { opensAt?: string; closesAt?: string; reminders?: string[]; credentialsAt?: string }, out: Out) {
    if (!window.closesAt) throw new Error(`--closes-at is required, like --closes-at ${exampleTime()}`);
    const body = {
      opensAt: window.opensAt && timeOption('--opens-at', window.opensAt),
      closesAt: timeOption('--closes-at', window.closesAt),
      reminders: window.reminders?.map((at) => timeOption('--remind-at', at)),
      credentialsAt: window.credentialsAt && timeOption('--links-at', window.credentialsAt),
    };
    const election = await api.request<PublicElection>('PUT', path(electionId, '/window'), body);
    out(`${electionId}: voting ${election.window.opensAt ? `opens ${election.window.opensAt} and ` : ''}closes ${election.window.closesAt}.`);
    const reminders: string[] = election.reminders.at;
    out(reminders.length > 0 ? `  Voters who have not voted are reminded at ${reminders.join(', ')}.` : '  No reminders.');
    if (election.credentialMail === 'held') out(`  The voting links go out ${election.credentialsAt ? `at ${election.credentialsAt}, before voting opens` : 'as voting opens'}.`);
  },

  /** `confirmCompromised`: start an election with breaches recorded while it was locked, knowingly. */
  async step(api: ApiClient, electionId: string, step: AdminStep, out: Out, confirmCompromised = false) {
    const election = await api.request<PublicElection & { proposal?: { message: string } }>('POST', path(electionId, STEP_PATHS[step]), confirmCompromised ? { confirmCompromised: true } : undefined);
    // On a committee of two or more, the first member's call only proposes; nothing else changed.
    if (election.proposal) return out(`${electionId}: ${step} proposed, ${election.proposal.message}.`);
    if (step === 'accept') return out(`${electionId}: the results are accepted; the workflow mails and publishes them now.`);
    out(`${electionId} is now ${election.phase}.`);
    // Said once, at the lock, for the admin to pass on to the observers: the published roll must hash to it.
    if (step === 'lock' && election.roll) out(`  The roll is fixed: ${election.roll.voters.toLocaleString('en')} voters, fingerprint ${election.roll.fingerprint}.`);
    // The held credentials go out at the committee's send time or as voting opens: said so, with how many.
    if (step === 'start' && election.credentialMail === 'held') {
      const voters = election.voterCount - (election.postalVoters ?? 0);
      out(
        `  ${voters.toLocaleString('en')} voter(s) get their voting link by e-mail ${linksGoOut(election)}${election.postalVoters ? `; the ${election.postalVoters.toLocaleString('en')} postal voter(s) get none` : ''}.`,
      );
    }
    if (step === 'lock') for (const line of warningLines(election)) out(line);
  },

  async status(api: ApiClient, electionId: string, out: Out) {
    const [election, turnout, mail] = await Promise.all([
      api.request<PublicElection>('GET', path(electionId)),
      api.request<TurnoutAnswer>('GET', path(electionId, '/turnout')),
      api.request<MailReport>('GET', path(electionId, '/mail')),
    ]);
    out(`${election.title} (${election.id})`);
    out(`  phase:      ${election.phase}${election.locked ? ' (locked)' : ''}${election.compromised ? `  COMPROMISED: ${election.breaches} breach(es) recorded` : ''}`);
    for (const line of acceptanceLines(electionId, election)) out(line);
    out(`  window:     ${election.window.opensAt ?? 'on start'} → ${election.window.closesAt ?? 'not set'}`);
    if (election.workflowFailure) {
      out(`  WORKFLOW STOPPED at ${election.workflowFailure.step}: ${election.workflowFailure.error}`);
      out(`              the election stays ${election.phase} until you run \`admin retry ${electionId}\` (once the cause is dealt with)`);
    }
    if (election.roll) out(`  roll:       ${election.roll.voters.toLocaleString('en')} voters, fingerprint ${election.roll.fingerprint}`);
    for (const line of boxStatusLines(election)) out(line);
    if (election.reminders.at.length > 0) out(`  reminders:  ${election.reminders.at.join(', ')} (${election.reminders.queued} sent)`);
    const several = election.contests.length > 1;
    for (const contest of election.contests) {
      if (several) out(`  contest ${contest.id}: ${contest.title}${contest.groups ? ` (for ${contest.groups.join(', ')})` : ''}`);
      out(`${several ? '    ' : '  '}candidates: ${contest.candidates.map((c) => c.name).join(', ') || 'none'}`);
      const counted = turnout.contests?.find((t) => t.id === contest.id);
      if (counted) out(`    turnout:    ${turnoutText(counted)}`);
    }
    out(`  turnout:    ${turnoutText(turnout)}`);
    if (several && !turnout.contests) out('              per contest once voting has closed: while it runs it would show which papers each voter cast');
    for (const line of warningLines(election)) out(line);
    for (const line of mailCountLines(mail.counts, '  mail:       ')) out(line);
    if (mail.problems.length > 0) out(`              \`admin mail ${electionId}\` lists the ${mail.problems.length.toLocaleString('en')} voter(s) whose mail did not arrive`);
    out(`  personal:   ${personalDataText(election)}`);
  },

  async retry(api: ApiClient, electionId: string, out: Out) {
    const election = await api.request<PublicElection>('POST', path(electionId, '/workflow/retry'));
    out(`${electionId}: the workflow runs again (retry ${election.workflowRetries ?? 1}) from the step that failed; \`admin status ${electionId}\` shows how it gets on.`);
  },

  async mail(api: ApiClient, electionId: string, options: { json: boolean }, out: Out) {
    const report = await api.request<MailReport>('GET', path(electionId, '/mail'));
    if (options.json) out(JSON.stringify(report, null, 2));
    else for (const line of mailReportLines(electionId, report)) out(line);
  },

  async correctEmail(api: ApiClient, electionId: string, studentId: string, email: string, sharedEmail: boolean, out: Out) {
    const body = { email, ...(sharedEmail && { sharedEmail: true }) };
    const corrected = await api.request<{ studentId: string; email: string; mail?: string }>('PUT', path(electionId, `/voters/${encodeURIComponent(studentId)}/email`), body);
    if (corrected.mail === 'held') out(`${corrected.studentId} now has the address ${corrected.email}; their credential goes to it when voting opens.`);
    else out(`${corrected.studentId} now has the address ${corrected.email}; a new credential is queued to it and the old link no longer works.`);
  },

  async reissue(api: ApiClient, electionId: string, studentId: string, out: Out) {
    const reissued = await api.request<{ studentId: string; mail?: string }>('POST', path(electionId, `/voters/${encodeURIComponent(studentId)}/reissue`));
    if (reissued.mail === 'held')
      out(`A new credential for ${reissued.studentId} goes out with the other voting links, as voting opens or at the time set for them; the old one was never mailed and no longer works.`);
    else out(`A new credential for ${reissued.studentId} is queued; the old link no longer works.`);
  },

  /** Replaces the election's own observers; the deployment's observers (observerEmails) hear of every election anyway. */
  async setObservers(api: ApiClient, electionId: string, observers: string[], out: Out) {
    await api.request('PUT', path(electionId, '/observers'), { observers });
    out(`${electionId} has ${observers.length} observer(s) of its own: ${observers.join(', ')}. They get its breach alerts, its seal notice and its workflow failures by e-mail.`);
  },

  async results(api: ApiClient, electionId: string, out: Out) {
    const results = await api.request<ResultsView>('GET', path(electionId, '/results'));
    const contests: ContestResults[] = results.contests;
    const method = (result: TallyResult) => (result.method ? METHOD_NAMES[result.method] : undefined);
    if (contests.length === 1) {
      const [{ result, turnout }] = contests as [ContestResults];
      out(`${results.title}: results${method(result) ? ` (${method(result)})` : ''}`);
      for (const line of resultLines(result, turnout)) out(`  ${line}`);
    } else {
      out(`${results.title}: results`);
      for (const { id, title, result, turnout } of contests) {
        out(`  ${title} (${id})${method(result) ? `: ${method(result)}` : ''}`);
        for (const line of resultLines(result, turnout)) out(`    ${line}`);
        if (result.sheet) out(`\n${renderCountSheet(result.sheet)}\n`);
      }
      out(`  turnout overall: ${turnoutText(results.turnout)}`);
    }
    out(`  ballot box digest: ${results.seal.digest}`);
    for (const line of acceptanceLines(electionId, results)) out(line);
    if (results.compromised) out('  WARNING: breaches were recorded while this election was locked.');
    if (contests.length === 1 && contests[0]!.result.sheet) out(`\n${renderCountSheet(contests[0]!.result.sheet)}`);
  },

  async postal(api: ApiClient, electionId: string, file: string, out: Out) {
    const studentIds = readStudentIds(file);
    const recorded = await api.request<{ recorded: number; alreadyPostal: string[]; notOnRoll: string[]; changedMeanwhile: string[]; stoppedEarly?: string }>(
      'POST',
      path(electionId, '/postal-voters'),
      { studentIds },
    );
    out(`${electionId}: ${recorded.recorded} voter(s) marked as having voted by post; they get no voting link, and a credential of theirs no longer works.`);
    if (recorded.alreadyPostal.length > 0) out(`  already marked before: ${recorded.alreadyPostal.join(', ')}`);
    if (recorded.notOnRoll.length > 0) out(`  not on the roll: ${recorded.notOnRoll.join(', ')}`);
    if (recorded.changedMeanwhile.length > 0) out(`  their credential changed meanwhile, run again for: ${recorded.changedMeanwhile.join(', ')}`);
    if (recorded.stoppedEarly) out(`  stopped early: ${recorded.stoppedEarly}`);
  },

  /** A member's entry of a contest's postal papers, from a JSON body or a CSV of papers; then where every contest stands. */
  async postalPapers(api: ApiClient, electionId: string, contest: string, file: string, out: Out) {
    const status = await api.request<PostalPapers>('POST', path(electionId, '/postal-papers'), { contest, ...readPostalPapers(file) });
    for (const line of postalPapersLines(status)) out(line);
  },
};

/** A contest's postal papers from a file: JSON as the API takes it (`papers` or `totals`, and `invalid`), or one paper a line (postalPapersFromText). */
export function readPostalPapers(file: string): { papers: BallotChoice[]; invalid: number } | Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? (JSON.parse(text) as Record<string, unknown>) : postalPapersFromText(text);
}

/** Where each contest's postal papers stand, in lines. */
function postalPapersLines({ contests, counted }: PostalPapers): string[] {
  const who = (entry: { by?: { name: string }; at: string }) => `${entry.by?.name ?? 'the system'} at ${entry.at}`;
  return [
    ...contests.map(({ contest, postalVoters, first, agreed }) => {
      if (agreed) return `  ${contest}: agreed (second entry by ${who(agreed)}): ${agreed.figures.papers} valid and ${agreed.figures.invalid} invalid postal papers of ${postalVoters} postal voters`;
      if (first) return `  ${contest}: first entry by ${who(first)}; waiting for a second member's entry`;
      return `  ${contest}: no entry yet (${postalVoters} postal voters)`;
    }),
    counted ? '  the results count the postal papers: the committee may accept them now (admin accept)' : '  the results do not count the postal papers yet',
  ];
}

type PublicElection = PublicElectionView;

type ContestResults = ResultsView['contests'][number];

/** The contests small enough to show how their voters voted: the committee may run them knowingly. */
/** The steps that take two committee members, by the path each posts to. */
/** When a started election's held voting links go out: now, at the committee's send time before the opening (at once if it has passed), or as voting opens. */
function linksGoOut({ phase, window, credentialsAt }: PublicElection): string {
  if (phase === 'open') return 'now';
  if (credentialsAt === undefined) return `as voting opens at ${window.opensAt}`;
  if (Date.parse(credentialsAt) <= Date.now()) return `now, since the time set for them (${credentialsAt}) has passed; voting opens at ${window.opensAt}`;
  return `at ${credentialsAt}, before voting opens at ${window.opensAt}`;
}

const STEP_PATHS = { lock: '/lock', start: '/start', accept: '/acceptance' } as const;
export type AdminStep = keyof typeof STEP_PATHS;

/** Counted results that wait for the committee's acceptance are provisional; accepted ones name who accepted them. */
function acceptanceLines(electionId: string, { awaitingAcceptance, accepted }: Pick<PublicElection, 'awaitingAcceptance' | 'accepted'>): string[] {
  if (awaitingAcceptance) return [`  PROVISIONAL: awaiting the committee's acceptance; two members accept with \`admin accept ${electionId}\`, then the results are mailed and published`];
  if (!accepted) return [];
  const how = accepted.alone ? ' alone' : accepted.proposedBy ? `, proposed by ${accepted.proposedBy.name}` : '';
  return [`  accepted:   ${accepted.at}${accepted.by ? ` by ${accepted.by.name}` : ''}${how}`];
}

const warningLines = (election: PublicElection) => (election.warnings ?? []).map((warning) => `  WARNING: ${warning.message}.`);

/** A contest's counts, abstentions, turnout and outcome. */
function resultLines(result: TallyResult, turnout: Turnout & { postalPapers?: { valid: number; invalid: number } }): string[] {
  return [
    ...result.counts.map(({ candidate, votes }) => `${candidate}: ${votes}`),
    `abstentions: ${result.abstentions}`,
    `turnout: ${turnoutText(turnout)}`,
    ...(turnout.postalPapers ? [`postal papers counted: ${turnout.postalPapers.valid} valid, ${turnout.postalPapers.invalid} invalid`] : []),
    result.method === 'referendum'
      ? `decision: ${result.passed ? 'passed' : 'not passed'}`
      : `elected: ${result.elected.join(', ') || 'nobody'}${result.tied.length ? `; tied: ${result.tied.join(', ')}` : ''}${result.vacant ? `; ${result.vacant} seat(s) vacant` : ''}`,
  ];
}

/** A turnout as every answer gives it: overall, or one contest's (`registered`: who may vote in it). */
type Turnout = Pick<TurnoutAnswer, 'voted' | 'postal' | 'registered'>;

const candidateCount = (election: PublicElection) => election.contests.reduce((sum, c) => sum + c.candidates.length, 0);

const turnoutText = ({ voted, postal, registered }: Turnout) => (postal ? `${voted} online and ${postal} by post, of ${registered}` : `${voted} of ${registered}`);

/** Student ids, one per line (the first column of a CSV; a `student_id` header line is skipped). */
function readStudentIds(file: string): string[] {
  const ids = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.split(',')[0]!.trim())
    .filter((id, i) => id !== '' && !(i === 0 && id.toLowerCase() === 'student_id'));
  if (ids.length === 0) throw new Error(`${file} holds no student ids: give one per line`);
  return ids;
}

/** When the voters' addresses, student ids, mail and credentials are deleted, or that they were. */
function personalDataText(election: PublicElection): string {
  const data = election.personalData;
  const retention = election.retentionDays > 0 ? ` and ${election.retentionDays} day(s) of retention` : '';
  if (!data) return `deleted after the challenge period${retention}, once every objection is decided`;
  if (data.status === 'deleted') return `deleted at ${data.deletedAt}; the log and its export stay`;
  return `kept until ${data.deleteAt}, then deleted (the challenge period${retention})${data.waitsFor.length > 0 ? `, later while objection(s) ${data.waitsFor.join(', ')} are undecided` : ''}`;
}
