import { boxName, type ElectionState, type ExistingElection } from '../../domain';
import { boardQuery, BOARD_PAGE_PAPERS, ceremonyMessage, decryptionUpload, mixPartQuery, mixUpload, uploadPart, uploadPartPath, uploadReference } from '../../contract/sealedBox';
import { publicView } from '../../contract/views';
import { mixesNeeded } from '../../domain/crypto/sealedContest';
import { nextOpeningStep, openingOf } from '../../domain/sealedBox/opening';
import type { CeremonyStepName } from '../../domain/sealedBox/keyCeremonyLog';
import type { ShuffleProofJson } from '../../domain/crypto/shuffle';
import type { DecryptionShareJson } from '../../domain/crypto/proofs/decryptionShare';
import { ceremonyView, giveCeremonyMessage } from '../usecases/keyCeremony';
import { decryptionFile, nextMixFile, submitOpeningFile } from '../usecases/openingUploads';
import { mixText } from '../usecases/mixFileParts';
import { assembledUpload, receiveUploadPart } from '../usecases/pendingUploads';
import { beginOpeningCheck, checkedOnWorkflow, openingCheckView, type UploadSource } from '../usecases/openingChecks';
import type { OpeningUpload } from '../../domain/sealedBox/openingCheck';
import type { OpeningUploadKind } from '../ports';
import { VIEW_MAX_AGE_SECONDS } from '../usecases/publicReadAges';
import type { Applied } from '../runCommand';
import { askedBy } from './auth';
import type { Route, RouteContext } from './context';
import { refused } from './errors';
import { HttpError, json, MAX_OPENING_BODY_BYTES, parseWith, readJsonBody, type ApiResponse } from './http';
import { API_ROUTES } from './routeTable';
import type { Result } from '../../domain';
import type { ZodType } from 'zod';

/**
 * The sealed box's routes: the key ceremony (each trustee's message, posted by the committee),
 * the public board of sealed papers, and the opening after the seal (each mix, then each
 * trustee's decryption shares, checked as they arrive). Their requests are in contract/sealedBox.ts.
 */

async function loadSealed(context: RouteContext): Promise<ExistingElection> {
  const { state } = await context.deps.store.load(context.params.id!, { consistent: false });
  if (state.phase === 'none') throw new HttpError(404, 'not_found', `no election "${context.params.id}"`);
  if (!state.sealed) throw new HttpError(404, 'not_sealed', 'this election keeps its ballots in plaintext: it has no sealed box');
  return state;
}

function contestOf(state: ExistingElection, context: RouteContext): string {
  const contest = context.params.contest!;
  if (!state.contests.some((c) => c.id === contest)) throw new HttpError(404, 'not_found', `contest: "${contest}" is not a contest of this election (${state.contests.map((c) => c.id).join(', ')})`);
  return contest;
}

const publicAnswer = (body: unknown): ApiResponse => {
  const response = json(200, body);
  return { ...response, headers: { ...response.headers, 'cache-control': `public, max-age=${VIEW_MAX_AGE_SECONDS}` } };
};

function applied(result: Result<Applied>, status = 201): ApiResponse {
  if (!result.ok) throw refused(result.error);
  return json(status, publicView(result.value.state as Exclude<ElectionState, { phase: 'none' }>));
}

/** A public answer whose body is JSON text already (a mix's file as it was kept). */
const publicText = (body: string): ApiResponse => ({ ...publicAnswer(null), body });

/**
 * A mix's or decryption's body: the upload itself, or `{ upload }` naming the parts put before,
 * which are joined, checked against their SHA-256 and read by the same schema. A contest too
 * large to check within this request is checked by the opening-check workflow instead: the
 * answer is the check's state (202), and the check reads the upload itself.
 */
function openingUpload<T>(schema: ZodType<T>, context: RouteContext): { read: () => Promise<T>; source: UploadSource } {
  const body = readJsonBody(context.event, MAX_OPENING_BODY_BYTES);
  if (typeof body !== 'object' || body === null || !('upload' in body)) {
    const upload = parseWith(schema, body);
    return { read: async () => upload, source: { text: JSON.stringify(body) } };
  }
  const { upload } = parseWith(uploadReference, body);
  return {
    read: async () => {
      const joined = await assembledUpload(context.deps, context.params.id!, upload);
      if (!joined.ok) throw refused(joined.error);
      return parseWith(schema, joined.value, 'upload');
    },
    source: { digest: upload },
  };
}

/** A mix or decryption posted: checked here and applied (201), or, for a contest too large for one request, its check begun on the workflow (202). */
async function submitted<T>(context: RouteContext, schema: ZodType<T>, kind: OpeningUploadKind, file: (upload: T, state: ExistingElection, contest: string) => OpeningUpload): Promise<ApiResponse> {
  const { read, source } = openingUpload(schema, context);
  const state = await loadSealed(context);
  const contest = contestOf(state, context);
  if (checkedOnWorkflow(context.deps, state, contest)) {
    const begun = await beginOpeningCheck(context.deps, state, contest, kind, source, askedBy(context));
    if (!begun.ok) throw refused(begun.error);
    const response = json(202, begun.value);
    return { ...response, headers: { ...response.headers, location: `/elections/${encodeURIComponent(state.electionId)}/opening/${encodeURIComponent(contest)}/checks/${begun.value.upload}` } };
  }
  const upload = await read();
  return applied(await submitOpeningFile(context.deps, context.params.id!, contest, (current) => file(upload, current, contest), askedBy(context)));
}

/** One trustee's message of the ceremony's step, posted by the committee. */
function ceremonyStepRoute(address: (typeof API_ROUTES)['ceremonyCertificate' | 'ceremonyDealing' | 'ceremonyReview'], step: Exclude<CeremonyStepName, 'complete'>): Route {
  return {
    ...address,
    async run(context) {
      const message = parseWith(ceremonyMessage, readJsonBody(context.event));
      await loadSealed(context);
      const given = await giveCeremonyMessage(context.deps, context.params.id!, step, message, askedBy(context));
      if (!given.ok) throw refused(given.error);
      const view = await ceremonyView(context.deps, given.value.state as ExistingElection);
      if (!view.ok) throw refused(view.error);
      return json(201, view.value);
    },
  };
}

export const sealedBoxRoutes: Route[] = [
  {
    ...API_ROUTES.ceremony,
    async run(context) {
      const view = await ceremonyView(context.deps, await loadSealed(context));
      if (!view.ok) throw refused(view.error);
      return publicAnswer(view.value);
    },
  },
  ceremonyStepRoute(API_ROUTES.ceremonyCertificate, 'certificates'),
  ceremonyStepRoute(API_ROUTES.ceremonyDealing, 'dealings'),
  ceremonyStepRoute(API_ROUTES.ceremonyReview, 'reviews'),
  {
    ...API_ROUTES.board,
    async run(context) {
      const { after } = parseWith(boardQuery, context.event.queryStringParameters ?? {}, 'query');
      const state = await loadSealed(context);
      const contest = contestOf(state, context);
      // One paper more than the page, to know whether another page follows.
      const ballots = await context.deps.store.ballotsAfter(boxName(state.electionId, state.contests, contest), after, BOARD_PAGE_PAPERS + 1);
      const papers = ballots.slice(0, BOARD_PAGE_PAPERS).map(({ ballotId, sealed }) => ({ tracker: ballotId, ...sealed }));
      return publicAnswer({ contest, papers, ...(ballots.length > BOARD_PAGE_PAPERS && { next: papers.at(-1)!.tracker }) });
    },
  },
  {
    ...API_ROUTES.opening,
    async run(context) {
      const state = await loadSealed(context);
      const contest = contestOf(state, context);
      const box = state.sealed!;
      const opening = openingOf(box, contest);
      return publicAnswer({
        contest,
        mixesNeeded: mixesNeeded(box.trustees.count),
        threshold: box.trustees.threshold,
        mixes: opening.mixes,
        decryptions: opening.decryptions,
        next: nextOpeningStep(box, opening),
        opened: nextOpeningStep(box, opening) === 'opened',
      });
    },
  },
  {
    ...API_ROUTES.openingMix,
    async run(context) {
      const state = await loadSealed(context);
      const contest = contestOf(state, context);
      const position = Number(context.params.position);
      if (!Number.isInteger(position) || position < 0) throw new HttpError(404, 'not_found', `position: "${context.params.position}" is not a mix's position (0, 1, …)`);
      const { part } = parseWith(mixPartQuery, context.event.queryStringParameters ?? {}, 'query');
      const read = await mixText(context.deps.store, state, contest, position, part);
      if (!read.ok) throw refused(read.error);
      return 'whole' in read.value ? publicText(read.value.whole) : publicAnswer(read.value);
    },
  },
  {
    ...API_ROUTES.uploadPart,
    async run(context) {
      const { upload, index } = parseWith(uploadPartPath, context.params, 'path');
      const { parts, text } = parseWith(uploadPart, readJsonBody(context.event, MAX_OPENING_BODY_BYTES));
      const state = await loadSealed(context);
      const contest = contestOf(state, context);
      const kept = await receiveUploadPart(context.deps, state, contest, upload, { index, parts, text });
      if (!kept.ok) throw refused(kept.error);
      return json(200, kept.value);
    },
  },
  {
    ...API_ROUTES.submitMix,
    run: (context) => submitted(context, mixUpload, 'mix', ({ mixer, outputs, proof }, state, contest) => nextMixFile(state, contest, { mixer, outputs, proof: proof as ShuffleProofJson })),
  },
  {
    ...API_ROUTES.submitDecryption,
    run: (context) => submitted(context, decryptionUpload, 'decryption', ({ trustee, shares }, _state, contest) => decryptionFile(contest, { trustee, shares: shares as DecryptionShareJson[][] })),
  },
  {
    ...API_ROUTES.openingCheck,
    async run(context) {
      const { upload } = parseWith(uploadReference, { upload: context.params.upload }, 'path');
      const state = await loadSealed(context);
      const view = await openingCheckView(context.deps, state.electionId, contestOf(state, context), upload);
      if (!view.ok) throw refused(view.error);
      return json(200, view.value);
    },
  },
];
