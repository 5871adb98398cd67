import { boxName, paperIdOf, type BallotChoice, type ElectionCommand, type ElectionState, type ExistingElection, type ProposedAction, type Result } from '../../domain';
import * as schema from '../../contract/requestSchemas';
import { TURNOUT_MAX_AGE_SECONDS, VIEW_MAX_AGE_SECONDS } from '../usecases/publicReadAges';
import { runCommand, type Applied, type AskedBy } from '../runCommand';
import { startVoting } from '../usecases/startVoting';
import { lockElection } from '../usecases/lockElection';
import { acceptResults } from '../usecases/acceptResults';
import { retryLifecycle } from '../usecases/retryLifecycle';
import { castBallot, papersFor, type CastInput } from '../usecases/castBallot';
import type { SealedPaperJson } from '../../domain/sealedBox/sealedCast';
import { redirectToAuditExport } from './auditExportRoute';
import { officialRecordRoute } from './officialRecordRoute';
import { enterPostalPapers, postalPapersOf } from '../usecases/postalPapers';
import { recordPostalVotes } from '../usecases/recordPostalVotes';
import { registerVoters } from '../usecases/registerVoters';
import { correctVoterAddress, reissueCredential } from '../usecases/reissueCredential';
import { requestNewLink } from '../usecases/requestNewLink';
import { credentialPreview } from '../mail/messages';
import { electionSummary, observedEvent, publicView, resultsView } from '../../contract/views';
import { askedBy } from './auth';
import { holds, type Actor, type Member } from '../../domain/committee';
import type { Route, RouteContext } from './context';
import { refused } from './errors';
import { withinBytes } from './withinBytes';
import { HttpError, json, parseWith, readJsonBody, type ApiResponse } from './http';
import { OPENAPI_MAX_AGE_SECONDS, openApiDocument } from './openapi';
import { API_ROUTES } from './routeTable';
import type { ZodType } from 'zod';

const notFound = ({ params }: RouteContext) => new HttpError(404, 'not_found', `no election "${params.id}"`);

function existing(state: ElectionState, context: RouteContext): ExistingElection {
  if (state.phase === 'none') throw notFound(context);
  return state;
}

async function loadExisting(context: RouteContext) {
  return existing((await context.deps.store.load(context.params.id!)).state, context);
}

/** The election as the public routes show it: from the short-lived cache of public reads. */
async function readExisting(context: RouteContext) {
  return existing(await context.reads.election(context.deps, context.params.id!), context);
}

/** A public answer that browsers and CloudFront may keep for a few seconds; every other answer is no-store. */
function publicJson(body: unknown, maxAgeSeconds: number): ApiResponse {
  const response = json(200, body);
  return { ...response, headers: { ...response.headers, 'cache-control': `public, max-age=${maxAgeSeconds}` } };
}

/** An admin step that takes no body (the lock, a retry of the workflow): runs the use case and answers with the new public state. */
function adminStep(useCase: (deps: RouteContext['deps'], electionId: string, asked: AskedBy) => Promise<Result<Applied>>) {
  return async (context: RouteContext): Promise<ApiResponse> => {
    parseWith(schema.noBody, readJsonBody(context.event));
    return answer(await useCase(context.deps, context.params.id!, askedBy(context)));
  };
}

/** Parses the body, runs one admin command on the election and answers with its new public state. */
function adminCommand<T>(body: ZodType<T>, toCommand: (input: T, context: RouteContext) => ElectionCommand | ((state: ElectionState) => ElectionCommand)) {
  return async (context: RouteContext): Promise<ApiResponse> => {
    const input = parseWith(body, readJsonBody(context.event));
    return answer(await runCommand(context.deps, context.params.id!, toCommand(input, context), undefined, askedBy(context)));
  };
}

/** An objection's number in the path: 1, 2, … */
function objectionNumber(text: string): number {
  if (!/^[1-9][0-9]{0,5}$/.test(text)) throw new HttpError(400, 'invalid_request', `objection: "${text.slice(0, 20)}" is not an objection's number (1, 2, …)`);
  return Number(text);
}

function answer(applied: Result<Applied> | { ok: false; error: { code: string; message: string } }): ApiResponse {
  if (!applied.ok) throw refused(applied.error);
  const { state, events } = applied.value;
  if (state.phase === 'none') throw new HttpError(404, 'not_found', 'no such election');
  const proposed = events.find((e) => e.type === 'ActionProposed');
  if (proposed?.type === 'ActionProposed') return json(202, { ...publicView(state), proposal: proposalView(proposed.data) });
  return json(200, publicView(state));
}

/**
 * A new election's committee: the deployment's members as the directory has them now, and the
 * member creating it (the admin token's member is in no directory). Later changes to the
 * directory reach an election through its own log (RecordMember, RemoveMember).
 */
async function committeeOf(context: RouteContext): Promise<Member[]> {
  const creator = context.member!;
  const members = (await context.deps.directory.members()).map(({ id, name, role }) => ({ id, name, role }));
  return members.some((m) => m.id === creator.id) ? members : [...members, { id: creator.id, name: creator.name, role: creator.role }];
}

/** What each proposal proposes to do, as its message says it. */
const PROPOSED_TO: { readonly [action in ProposedAction]: string } = { Lock: 'lock the election', Start: 'start the election', Accept: 'accept the results' };

/** A lock, start or acceptance proposed by its first committee member, waiting for a second: who, until when, and what to do. */
function proposalView({ action, proposedBy, expiresAt }: { action: ProposedAction; proposedBy: Actor; expiresAt: string }) {
  return {
    action,
    proposedBy,
    expiresAt,
    message: `waiting for a second committee member: ${proposedBy.name} proposed to ${PROPOSED_TO[action]}; another committee member confirms it by asking for the same before ${expiresAt}`,
  };
}

/**
 * A sealed cast's receipt is its papers' trackers: each is looked for on the board of every
 * contest (a tracker names its paper and nothing else). What was found is answered without
 * choices, which nobody can read from a sealed paper, beside the seal's digest.
 */
async function checkTrackers(context: RouteContext, state: Extract<ElectionState, { phase: 'published' }>, receipt: string) {
  const trackers = receipt.split('.');
  const found = await Promise.all(
    state.contests.flatMap((c) => trackers.map(async (tracker) => ({ contest: c.id, tracker, ballot: await context.deps.store.findBallot(boxName(state.electionId, state.contests, c.id), tracker) }))),
  );
  const papers = found.flatMap(({ contest, tracker, ballot }) => (ballot ? [{ contest, tracker }] : []));
  if (papers.length === 0) throw new HttpError(404, 'receipt_not_found', 'no sealed paper with these trackers is on the board');
  return { papers, missing: trackers.filter((t) => !papers.some((p) => p.tracker === t)), sealDigest: state.seal.digest };
}

/** Papers all sealed (a sealed election's) or all plaintext (an open one's): the cast says which the election wants. */
function castPapers(papers: Record<string, BallotChoice | SealedPaperJson>): CastInput {
  const entries = Object.entries(papers);
  const sealed = entries.filter(([, paper]) => 'ciphertexts' in paper);
  if (sealed.length === 0) return { papers: papers as Record<string, BallotChoice> };
  if (sealed.length < entries.length) throw new HttpError(400, 'invalid_request', `papers.${entries.find(([, paper]) => !('ciphertexts' in paper))![0]}: give every paper sealed, or none`);
  return { sealedPapers: papers as Record<string, SealedPaperJson> };
}

export const restRoutes: Route[] = [
  {
    ...API_ROUTES.createElection,
    async run(context) {
      const input = parseWith(schema.createElection, readJsonBody(context.event));
      const withoutDeadline = schema.needsDeadline(input);
      if (withoutDeadline) throw new HttpError(400, 'invalid_request', `${withoutDeadline}: needs closesAt too`);
      const id = input.id ?? context.deps.newElectionId();
      const applied = await runCommand(
        context.deps,
        id,
        {
          type: 'CreateElection',
          electionId: id,
          title: input.title,
          ...(input.contests ? { contests: input.contests } : { ballot: input.ballot ?? { kind: 'single' }, candidates: input.candidates }),
          observers: input.observers,
          window: input.closesAt
            ? {
                closesAt: input.closesAt,
                ...(input.opensAt && { opensAt: input.opensAt }),
                ...(input.reminders && { reminders: input.reminders }),
                ...(input.credentialsAt && { credentialsAt: input.credentialsAt }),
              }
            : undefined,
          ...(input.box && { box: input.box }),
          ...(input.trustees && { trustees: input.trustees }),
          ...(input.language && { language: input.language }),
          ...(input.challengeDays !== undefined && { challengeDays: input.challengeDays }),
          ...(input.retentionDays !== undefined && { retentionDays: input.retentionDays }),
          ...(input.timeZone && { timeZone: input.timeZone }),
          ...(input.acceptance && { acceptance: input.acceptance }),
          committee: await committeeOf(context),
          // The roll can be inspected and corrected before anyone gets a link: credentials go out when voting opens.
          credentialMail: 'at-start',
          now: context.deps.clock.now(),
        },
        undefined,
        askedBy(context),
      );
      if (!applied.ok) throw refused(applied.error);
      if (applied.value.state.phase === 'none') throw new Error('created election has no state');
      return json(201, publicView(applied.value.state));
    },
  },
  {
    ...API_ROUTES.listElections,
    async run(context) {
      const { deps } = context;
      const ids = await deps.store.listElectionIds();
      const elections = await Promise.all(
        ids.map(async (id) => {
          const [state, turnout] = await Promise.all([context.reads.election(deps, id), context.reads.turnout(deps, id)]);
          return state.phase === 'none' ? [] : [electionSummary(state, turnout ?? { voted: 0, registered: state.voterCount })];
        }),
      );
      return json(200, { elections: elections.flat() });
    },
  },
  {
    ...API_ROUTES.signedIn,
    async run(context) {
      const { id, name, role, via } = context.member!;
      return json(200, { id, name, role, via });
    },
  },
  {
    ...API_ROUTES.events,
    async run(context) {
      const { after } = parseWith(schema.eventsQuery, context.event.queryStringParameters ?? {}, 'query');
      const { deps, params } = context;
      // The head first: the page read after it reaches at least that far.
      const { state, head } = await deps.store.load(params.id!, { consistent: false });
      existing(state, context);
      const page = (await deps.store.readEventPage(params.id!, after, schema.EVENTS_PER_PAGE + 1)).map(observedEvent);
      const events = withinBytes(page.slice(0, schema.EVENTS_PER_PAGE), schema.EVENTS_PAGE_BYTES);
      return publicJson({ id: params.id!, head, events, ...(page.length > events.length && { more: true }) }, VIEW_MAX_AGE_SECONDS);
    },
  },
  {
    ...API_ROUTES.election,
    run: async (context) => publicJson(publicView(await readExisting(context)), VIEW_MAX_AGE_SECONDS),
  },
  {
    ...API_ROUTES.candidates,
    run: async (context) => {
      const { contests } = await readExisting(context);
      // An election of one contest answers as it always did; with several, each contest's candidates.
      const body = contests.length === 1 ? { candidates: contests[0]!.candidates } : { contests: contests.map(({ id, candidates }) => ({ id, candidates })) };
      return publicJson(body, VIEW_MAX_AGE_SECONDS);
    },
  },
  {
    ...API_ROUTES.addCandidates,
    run: adminCommand(schema.addCandidates, ({ candidates, contest }) => ({ type: 'AddCandidates', candidates, ...(contest !== undefined && { contest }) })),
  },
  {
    ...API_ROUTES.setWindow,
    run: adminCommand(schema.setWindow, (input, { deps }) => ({ type: 'SetVotingWindow', ...input, now: deps.clock.now() })),
  },
  {
    ...API_ROUTES.setObservers,
    run: adminCommand(schema.setObservers, ({ observers }) => ({ type: 'SetObservers', observers })),
  },
  {
    ...API_ROUTES.setMailWording,
    run: adminCommand(schema.mailWording, (wording) => ({ type: 'SetMailWording', ...wording })),
  },
  {
    ...API_ROUTES.previewMail,
    async run(context) {
      const { language } = parseWith(schema.mailPreviewQuery, context.event.queryStringParameters ?? {}, 'query');
      const { state } = await context.deps.store.load(context.params.id!);
      if (state.phase === 'none') throw new HttpError(404, 'not_found', 'no such election');
      return json(200, credentialPreview(state, language ?? state.language));
    },
  },
  {
    ...API_ROUTES.recordObjection,
    run: adminCommand(schema.objection, ({ receivedAt, grounds }, context) => ({ type: 'RecordObjection', receivedAt, grounds, now: context.deps.clock.now() })),
  },
  {
    ...API_ROUTES.decideObjection,
    run: adminCommand(schema.objectionDecision, ({ outcome, reasons }, context) => ({ type: 'DecideObjection', objection: objectionNumber(context.params.objection!), outcome, reasons })),
  },
  {
    ...API_ROUTES.lock,
    run: adminStep(lockElection),
  },
  {
    ...API_ROUTES.start,
    async run(context) {
      const confirmation = parseWith(schema.startVoting, readJsonBody(context.event));
      return answer(await startVoting(context.deps, context.params.id!, { confirmCompromised: confirmation?.confirmCompromised === true, ...askedBy(context) }));
    },
  },
  {
    ...API_ROUTES.acceptResults,
    run: adminStep(acceptResults),
  },
  {
    ...API_ROUTES.enterPostalPapers,
    async run(context) {
      const { contest, entry, papers, totals, invalid } = parseWith(schema.postalPapers, readJsonBody(context.event, schema.POSTAL_PAPERS_BODY_BYTES));
      const count = papers ? { papers, invalid } : { totals: totals!, invalid };
      const entered = await enterPostalPapers(context.deps, context.params.id!, { contest, ...(entry && { entry }), count }, askedBy(context));
      if (!entered.ok) throw refused(entered.error);
      return json(200, entered.value);
    },
  },
  {
    ...API_ROUTES.postalPapers,
    async run(context) {
      const status = await postalPapersOf(context.deps, context.params.id!);
      if (!status.ok) throw refused(status.error);
      return json(200, status.value);
    },
  },
  {
    ...API_ROUTES.retryWorkflow,
    run: adminStep(retryLifecycle),
  },
  {
    ...API_ROUTES.addVoters,
    async run(context) {
      const { voters } = parseWith(schema.addVoters, readJsonBody(context.event));
      const registration = await registerVoters(context.deps, context.params.id!, voters, askedBy(context));
      if (!registration.ok) throw refused(registration.error);
      return json(200, registration.value);
    },
  },
  {
    ...API_ROUTES.postalVoters,
    async run(context) {
      const { studentIds } = parseWith(schema.postalVoters, readJsonBody(context.event));
      const recorded = await recordPostalVotes(context.deps, context.params.id!, studentIds, askedBy(context));
      if (!recorded.ok) throw refused(recorded.error);
      return json(200, recorded.value);
    },
  },
  {
    ...API_ROUTES.reissue,
    async run(context) {
      parseWith(schema.noBody, readJsonBody(context.event));
      const studentId = parseWith(schema.studentId, context.params.studentId, 'studentId');
      await loadExisting(context);
      const reissued = await reissueCredential(context.deps, context.params.id!, studentId, askedBy(context));
      if (!reissued.ok) throw refused(reissued.error);
      return json(200, reissued.value);
    },
  },
  {
    ...API_ROUTES.correctAddress,
    async run(context) {
      const correction = parseWith(schema.addressCorrection, readJsonBody(context.event));
      const studentId = parseWith(schema.studentId, context.params.studentId, 'studentId');
      await loadExisting(context);
      const corrected = await correctVoterAddress(context.deps, context.params.id!, studentId, correction, askedBy(context));
      if (!corrected.ok) throw refused(corrected.error);
      return json(200, corrected.value);
    },
  },
  {
    ...API_ROUTES.mailReport,
    async run(context) {
      await loadExisting(context);
      const { counts, problems } = await context.deps.mail.report(context.params.id!);
      // An observer reads how the mail went, not to whom: the problems name voters and their addresses.
      return json(200, holds(context.member!.role, 'helpdesk') ? { counts, problems } : { counts });
    },
  },
  {
    ...API_ROUTES.newLink,
    async run(context) {
      const { email } = parseWith(schema.newLinkRequest, readJsonBody(context.event));
      const requested = await requestNewLink(context.deps, context.params.id!, email);
      if (!requested.ok) throw refused(requested.error);
      return json(202, { status: 'accepted', message: requested.value });
    },
  },
  {
    ...API_ROUTES.cast,
    async run(context) {
      const input = parseWith(schema.castBallot, readJsonBody(context.event));
      const choice = input.papers ? castPapers(input.papers) : input.choices ? { choices: input.choices } : { abstain: true as const };
      const cast = await castBallot(context.deps, context.cache, context.params.id!, input.token, choice);
      if (!cast.ok) throw refused(cast.error);
      return json(201, cast.value);
    },
  },
  {
    // A POST, so that the token stays out of URLs and so out of every access log.
    ...API_ROUTES.papers,
    async run(context) {
      const { token } = parseWith(schema.papersRequest, readJsonBody(context.event));
      const papers = await papersFor(context.deps, context.cache, context.params.id!, token);
      if (!papers.ok) throw refused(papers.error);
      return json(200, papers.value);
    },
  },
  {
    ...API_ROUTES.turnout,
    async run(context) {
      const turnout = await context.reads.turnout(context.deps, context.params.id!);
      if (!turnout) throw notFound(context);
      return publicJson(turnout, TURNOUT_MAX_AGE_SECONDS);
    },
  },
  {
    ...API_ROUTES.auditLog,
    run: redirectToAuditExport,
  },
  {
    ...API_ROUTES.officialRecord,
    run: officialRecordRoute,
  },
  {
    // A POST, so that the receipt stays out of URLs and so out of every access log.
    ...API_ROUTES.receiptCheck,
    async run(context) {
      const { receipt } = parseWith(schema.receiptCheck, readJsonBody(context.event));
      const state = await loadExisting(context);
      if (state.phase !== 'published') throw new HttpError(409, 'not_published', 'receipts can be checked once the results are published');
      const { electionId, contests } = state;
      if (state.sealed) return json(200, await checkTrackers(context, state, receipt));
      const found = await Promise.all(
        contests.map(async (c) => ({ contest: c.id, ballot: await context.deps.store.findBallot(boxName(electionId, contests, c.id), paperIdOf(receipt, contests, c.id)) })),
      );
      const papers = found.flatMap(({ contest, ballot }) => (ballot ? [{ contest, ballotId: ballot.ballotId, choices: ballot.choices }] : []));
      if (papers.length === 0) throw new HttpError(404, 'receipt_not_found', 'no ballot with this receipt is in the ballot box');
      // The ballot id finds the ballot's line in the audit log; the receipt is not echoed, the caller has it.
      if (contests.length === 1) return json(200, { ballotId: papers[0]!.ballotId, choices: papers[0]!.choices, sealDigest: state.seal.digest });
      return json(200, { papers, sealDigest: state.seal.digest });
    },
  },
  {
    ...API_ROUTES.results,
    async run(context) {
      const results = resultsView(existing(await context.reads.results(context.deps, context.params.id!), context));
      if (!results) throw new HttpError(409, 'not_tallied', 'results exist only once the election is closed and tallied');
      return publicJson(results, VIEW_MAX_AGE_SECONDS);
    },
  },
  {
    // The API's contract, from the schemas above: public, like every GET but the mail report.
    ...API_ROUTES.openApi,
    run: async () => publicJson(openApiDocument(), OPENAPI_MAX_AGE_SECONDS),
  },
];
