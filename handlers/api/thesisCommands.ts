import * as z from 'zod';
import { LIMITS, studentIdKey, type ElectionCommand, type Result } from '../../domain';
import { displayName, email, isoTime, pageLink, safeText, voterToken } from '../../contract/requestSchemas';
import { runCommand, type Applied } from '../runCommand';
import { tokenMatches } from '../security';
import { castBallot } from '../usecases/castBallot';
import { registerVoters } from '../usecases/registerVoters';
import { lockElection } from '../usecases/lockElection';
import { startVoting } from '../usecases/startVoting';
import type { ApiDeps, Route, RouteContext } from './context';
import { API_ROUTES } from './routeTable';
import { HttpError, json, parseWith, readJsonBody, type ApiResponse } from './http';

/**
 * The 2019 system's single endpoint, payloads unchanged, acting on the election `default`.
 * As then: 200 on success, 403 on a wrong token or a wrong phase; 400 for a payload of no known shape.
 */
export const DEFAULT_ELECTION = 'default';

const adminToken = z.string().max(512);
const studentId = z.union([safeText(64), z.int().nonnegative()]).transform(String);

/** Every 2019 payload, by `command`: also the request body in the OpenAPI document. */
export const thesisCommand = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('add_voters'),
    administrator_token: adminToken,
    voters_to_add: z
      .array(z.strictObject({ student_id: studentId, student_email: email }))
      .min(1)
      .max(5000),
  }),
  z.strictObject({
    command: z.literal('add_candidates'),
    administrator_token: adminToken,
    candidates_to_add: z
      .array(
        z.strictObject({
          candidate_full_name: displayName(LIMITS.nameCharacters),
          candidate_email: email,
          candidate_page_link: pageLink,
        }),
      )
      .min(1)
      .max(LIMITS.candidatesPerRequest),
  }),
  z.strictObject({ command: z.literal('get_candidates') }),
  z.strictObject({
    command: z.literal('cast_vote'),
    voter_token: voterToken,
    voter_id: studentId,
    candidate_full_name: z.string().min(1).max(200),
  }),
  z.strictObject({ command: z.literal('lock'), administrator_token: adminToken }),
  z.strictObject({ command: z.literal('start'), administrator_token: adminToken }),
  z.strictObject({ command: z.literal('set_deadline'), administrator_token: adminToken, deadline: isoTime }),
]);

type ThesisCommand = z.infer<typeof thesisCommand>;

const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
const done = (body: object = {}): ApiResponse => json(200, { status: 'ok', ...body });

export const thesisRoute: Route = {
  ...API_ROUTES.commands,
  async run(context) {
    const input = readJsonBody(context.event);
    const command = (input as { command?: unknown } | null)?.command;
    if (typeof command !== 'string' || !thesisCommand.options.some((o) => o.shape.command.value === command)) {
      throw new HttpError(400, 'unknown_command', `command: expected one of ${thesisCommand.options.map((o) => o.shape.command.value).join(', ')}`);
    }
    const parsed = parseWith(thesisCommand, input);
    if ('administrator_token' in parsed && !tokenMatches(parsed.administrator_token, context.deps.adminTokenHash)) {
      throw forbidden('wrong administrator token');
    }
    return runThesisCommand(context, parsed);
  },
};

async function runThesisCommand(context: RouteContext, input: ThesisCommand): Promise<ApiResponse> {
  const { deps } = context;
  switch (input.command) {
    case 'add_voters': {
      await ensureDefaultElection(deps);
      const voters = input.voters_to_add.map((v) => ({ studentId: v.student_id, email: v.student_email }));
      const registration = await registerVoters(deps, DEFAULT_ELECTION, voters);
      if (!registration.ok) throw forbidden(registration.error.message);
      return done(registration.value);
    }
    case 'add_candidates':
      return adminCommand(deps, {
        type: 'AddCandidates',
        candidates: input.candidates_to_add.map((c) => ({ name: c.candidate_full_name, email: c.candidate_email, pageLink: c.candidate_page_link })),
      });
    case 'get_candidates': {
      const { state } = await deps.store.load(DEFAULT_ELECTION);
      if (state.phase !== 'open' && state.phase !== 'closed' && state.phase !== 'tallied' && state.phase !== 'published') {
        throw forbidden('voting has not started');
      }
      return done({
        // The 2019 election is one plurality ballot: one contest.
        candidates: state.contests[0]!.candidates.map((c) => ({ candidate_full_name: c.name, candidate_email: c.email, candidate_page_link: c.pageLink })),
      });
    }
    case 'cast_vote': {
      const cast = await castBallot(deps, context.cache, DEFAULT_ELECTION, input.voter_token, { choices: [input.candidate_full_name] }, studentIdKey(input.voter_id));
      if (!cast.ok) throw forbidden(cast.error.message);
      return done(cast.value);
    }
    case 'lock': {
      await ensureDefaultElection(deps);
      return phaseOf(await lockElection(deps, DEFAULT_ELECTION));
    }
    case 'start': {
      await ensureDefaultElection(deps);
      const started = await startVoting(deps, DEFAULT_ELECTION);
      if (!started.ok) throw forbidden(started.error.message);
      return done({ phase: started.value.state.phase });
    }
    case 'set_deadline':
      return adminCommand(deps, { type: 'SetVotingWindow', closesAt: input.deadline, now: deps.clock.now() });
  }
}

async function adminCommand(deps: ApiDeps, command: ElectionCommand): Promise<ApiResponse> {
  await ensureDefaultElection(deps);
  return phaseOf(await runCommand(deps, DEFAULT_ELECTION, command));
}

function phaseOf(applied: Result<Applied>): ApiResponse {
  if (!applied.ok) throw forbidden(applied.error.message);
  return done({ phase: applied.value.state.phase });
}

/** The thesis had one election per deployment; ours is created on the first admin command. */
async function ensureDefaultElection(deps: ApiDeps): Promise<void> {
  const { state } = await deps.store.load(DEFAULT_ELECTION);
  if (state.phase !== 'none') return;
  await runCommand(deps, DEFAULT_ELECTION, {
    type: 'CreateElection',
    electionId: DEFAULT_ELECTION,
    title: 'Student election',
    ballot: { kind: 'single' },
    now: deps.clock.now(),
  });
}
