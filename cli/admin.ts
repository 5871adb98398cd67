import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { METHOD_NAMES, type TallyResult } from '../domain';
import { renderCountSheet } from '../domain/counting/renderSheet';
import { addCandidates, createElection } from '../handlers/api/schemas';
import type { MailReport } from '../handlers/ports';
import type { ApiClient } from './apiClient';
import { importVoters, readVoterCsv } from './importVoters';
import { mailCountLines, mailReportLines } from './mailReport';

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

export const admin = {
  async create(api: ApiClient, file: string, out: Out) {
    const election = await api.request('POST', '/elections', readDefinition(file, createElection));
    out(`Created election ${election.id} ("${election.title}"), ${election.candidates.length} candidate(s), phase ${election.phase}.`);
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
    out(`Imported ${voters.length} voter(s): ${summary.registered} registered, ${summary.alreadyRegistered} already on the roll, ${summary.emailTaken.length} refused for an address already on the roll.`);
    for (const { studentId, registeredAs } of summary.emailTaken.slice(0, 50)) out(`  refused: ${studentId} has the address of ${registeredAs} (register with "sharedEmail": true over the API if both are real)`);
    for (const studentId of summary.undelivered.slice(0, 50)) out(`  not delivered: ${studentId}`);
    if (summary.registered > 0) out(`Credential e-mails are queued; \`admin mail ${electionId}\` shows their delivery.`);
    return 0;
  },

  async addCandidates(api: ApiClient, electionId: string, file: string, out: Out) {
    const election = await api.request('POST', path(electionId, '/candidates'), readDefinition(file, addCandidates));
    out(`${electionId} now has ${election.candidates.length} candidate(s).`);
  },

  async setWindow(api: ApiClient, electionId: string, window: { opensAt?: string; closesAt?: string; reminders?: string[] }, out: Out) {
    if (!window.closesAt) throw new Error('--closes-at is required');
    const election = await api.request('PUT', path(electionId, '/window'), window);
    out(`${electionId}: voting ${election.window.opensAt ? `opens ${election.window.opensAt} and ` : ''}closes ${election.window.closesAt}.`);
    const reminders: string[] = election.reminders.at;
    out(reminders.length > 0 ? `  Voters who have not voted are reminded at ${reminders.join(', ')}.` : '  No reminders.');
  },

  async step(api: ApiClient, electionId: string, step: 'lock' | 'start', out: Out) {
    const election = await api.request('POST', path(electionId, `/${step}`));
    out(`${electionId} is now ${election.phase}.`);
  },

  async status(api: ApiClient, electionId: string, out: Out) {
    const [election, turnout, mail] = await Promise.all([
      api.request('GET', path(electionId)),
      api.request('GET', path(electionId, '/turnout')),
      api.request<MailReport>('GET', path(electionId, '/mail')),
    ]);
    out(`${election.title} (${election.id})`);
    out(`  phase:      ${election.phase}${election.locked ? ' (locked)' : ''}${election.compromised ? `  COMPROMISED: ${election.breaches} breach(es) recorded` : ''}`);
    out(`  window:     ${election.window.opensAt ?? 'on start'} → ${election.window.closesAt ?? 'not set'}`);
    if (election.reminders.at.length > 0) out(`  reminders:  ${election.reminders.at.join(', ')} (${election.reminders.queued} sent)`);
    out(`  candidates: ${election.candidates.map((c: { name: string }) => c.name).join(', ') || 'none'}`);
    out(`  turnout:    ${turnout.voted} of ${turnout.registered}`);
    for (const line of mailCountLines(mail.counts, '  mail:       ')) out(line);
    if (mail.problems.length > 0) out(`              \`admin mail ${electionId}\` lists the ${mail.problems.length.toLocaleString('en')} voter(s) whose mail did not arrive`);
  },

  async mail(api: ApiClient, electionId: string, options: { json: boolean }, out: Out) {
    const report = await api.request<MailReport>('GET', path(electionId, '/mail'));
    if (options.json) out(JSON.stringify(report, null, 2));
    else for (const line of mailReportLines(electionId, report)) out(line);
  },

  async correctEmail(api: ApiClient, electionId: string, studentId: string, email: string, sharedEmail: boolean, out: Out) {
    const body = { email, ...(sharedEmail && { sharedEmail: true }) };
    const corrected = await api.request<{ studentId: string; email: string }>('PUT', path(electionId, `/voters/${encodeURIComponent(studentId)}/email`), body);
    out(`${corrected.studentId} now has the address ${corrected.email}; a new credential is queued to it and the old link no longer works.`);
  },

  async reissue(api: ApiClient, electionId: string, studentId: string, out: Out) {
    const reissued = await api.request<{ studentId: string }>('POST', path(electionId, `/voters/${encodeURIComponent(studentId)}/reissue`));
    out(`A new credential for ${reissued.studentId} is queued; the old link no longer works.`);
  },

  async results(api: ApiClient, electionId: string, out: Out) {
    const results = await api.request('GET', path(electionId, '/results'));
    const result: TallyResult = results.result;
    out(`${results.title}: results${result.method ? ` (${METHOD_NAMES[result.method]})` : ''}`);
    for (const { candidate, votes } of result.counts) out(`  ${candidate}: ${votes}`);
    out(`  abstentions: ${result.abstentions}`);
    out(`  turnout: ${results.turnout.voted} of ${results.turnout.registered}`);
    if (result.method === 'referendum') out(`  decision: ${result.passed ? 'passed' : 'not passed'}`);
    else out(`  elected: ${result.elected.join(', ') || 'nobody'}${result.tied.length ? `; tied: ${result.tied.join(', ')}` : ''}${result.vacant ? `; ${result.vacant} seat(s) vacant` : ''}`);
    out(`  ballot box digest: ${results.seal.digest}`);
    if (results.compromised) out('  WARNING: breaches were recorded while this election was locked.');
    if (result.sheet) out(`\n${renderCountSheet(result.sheet)}`);
  },
};
