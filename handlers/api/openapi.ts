import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import type { ZodObject, ZodType } from 'zod';
import { CREDENTIALS_LEAD_DAYS, LIMITS, SMALL_CONTEST_VOTERS } from '../../domain';
import * as schema from '../../contract/requestSchemas';
import { API_ROUTES, type RouteAddress } from './routeTable';
import { PROPOSAL_MINUTES, type Role } from '../../domain/committee';
import { thesisCommand } from './thesisCommands';
import * as sealed from '../../contract/sealedBox';

/**
 * The API's contract as an OpenAPI 3.1 document, built from the zod schemas the routes parse
 * with, so a request the document allows is one the routes accept as far as JSON Schema can say
 * (name, text and group rules that only code can check are told in words). Every answer a route
 * can give is listed; `test/integration/openapi.test.ts` checks that every route is here and that
 * Spectral finds nothing wrong, `test/e2e/apiContract.test.ts` that the running stack keeps to it.
 */

/** The document changes only with a deployment. */
export const OPENAPI_MAX_AGE_SECONDS = 300;

const BEARER_AUTH = 'bearer';

const errorBody = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ description: 'What went wrong, for programs: `invalid_request`, `wrong_phase`, …' }),
      message: z.string().meta({ description: 'What went wrong, for people; a refused field is named first (`voters.0.email: …`)' }),
    }),
  })
  .meta({ id: 'Error', description: 'Every refusal and fault: `{ error: { code, message } }`.' });

const phase = z.enum(['draft', 'locked', 'scheduled', 'open', 'closed', 'tallied', 'published']);
const actorView = z.strictObject({ id: z.string(), name: z.string() });
/** Whether the counted results wait for the committee, and who accepted them: the election's view and the results say the same. */
const acceptanceFields = {
  awaitingAcceptance: z
    .literal(true)
    .optional()
    .meta({ description: "Counted, provisional, and waiting for the committee's acceptance (`POST /elections/{id}/acceptance`): nothing is mailed or published until two members accept." }),
  accepted: z
    .strictObject({ at: z.string(), by: actorView.optional(), proposedBy: actorView.optional(), alone: z.literal(true).optional() })
    .optional()
    .meta({ description: 'Once the committee accepted the results: when, who confirmed (`by`) and who proposed it, or `alone` on a committee of one.' }),
};
const candidateView = z.looseObject({ name: z.string(), email: z.string(), pageLink: z.string(), list: z.string().optional() }).meta({ id: 'CandidateView' });
const contestView = z.looseObject({ id: z.string(), title: z.string(), ballot: z.looseObject({ kind: z.string() }), candidates: z.array(candidateView), eligibleVoters: z.int() });
const electionView = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    phase,
    locked: z.boolean(),
    language: z.enum(['de', 'en']).meta({ description: "The voters' mail's language, unless a voter's roll entry names theirs." }),
    timeZone: z.string().meta({ description: 'The IANA time zone every time in a mail is shown in.' }),
    challengeDays: z.int().meta({ description: 'Days after the publication in which the election may be challenged.' }),
    acceptance: z
      .enum(['committee', 'automatic'])
      .meta({ description: '`committee`: two committee members accept the counted results before they are mailed and published; `automatic`: published as soon as counted.' }),
    ...acceptanceFields,
    issuedRecord: z
      .strictObject({ head: z.int(), records: z.array(z.strictObject({ language: z.enum(['de', 'en']), sha256: z.string() })) })
      .optional()
      .meta({
        description:
          "Once the results are final: the official record as issued then, as of event `head` (the acceptance, or the count where none is asked for), and each language's SHA-256, which the log's `OfficialRecordIssued` lists (`GET /elections/{id}/record.pdf?version=issued`).",
      }),
    challengeEndsAt: z.string().optional().meta({ description: 'Once published: when the challenge period ends.' }),
    retentionDays: z.int().meta({ description: "Days the voters' personal data is kept after the challenge period and every objection's decision." }),
    personalData: z
      .union([z.strictObject({ status: z.literal('kept'), deleteAt: z.string(), waitsFor: z.array(z.int()) }), z.strictObject({ status: z.literal('deleted'), deletedAt: z.string() })])
      .optional()
      .meta({
        description:
          "Once published: the voters' personal data (addresses, student ids, mail, credentials) is `kept` until `deleteAt`, and longer while the objections in `waitsFor` are undecided; `deleted` once the daily sweep deleted it (`PersonalDataDeleted` in the log).",
      }),
    objections: z
      .array(z.strictObject({ id: z.int(), late: z.boolean(), outcome: z.enum(['upheld', 'rejected', 'inadmissible']).optional() }))
      .optional()
      .meta({ description: "Once published: the objections recorded, and each one's decision once made; when each came, its grounds and the reasons are in the log's events." }),
    wording: z
      .strictObject({ senderName: z.string().optional(), greeting: z.string().optional(), closing: z.string().optional() })
      .optional()
      .meta({ description: "The committee's own words in the voters' mail (`PUT /elections/{id}/mail-wording`)." }),
    contests: z.array(contestView),
    voterCount: z.int(),
    credentialMail: z.enum(['held', 'released', 'at-registration']).meta({
      description:
        "When the voters' credentials are mailed: `held` until voting opens (every election created over this API), `released` once they went out (`credentialsReleasedAt`), `at-registration` as each voter was registered (the 2019 command API).",
    }),
    credentialsAt: z.string().optional().meta({ description: 'When the held credentials go out, when the committee set a time before the opening; absent: as voting opens.' }),
    credentialsReleasedAt: z.string().optional().meta({ description: 'When the held credentials were mailed.' }),
    compromised: z.boolean(),
    breaches: z.int(),
    workflowFailure: z
      .strictObject({ step: z.string(), error: z.string() })
      .optional()
      .meta({ description: 'Where the workflow stopped and why, until it is retried (`POST /elections/{id}/workflow/retry`) or moves the election on.' }),
    workflowRetries: z.int().optional().meta({ description: 'How often the committee retried the workflow.' }),
    warnings: z
      .array(z.strictObject({ code: z.literal('small_contest'), field: z.string(), contest: z.string(), onlineVoters: z.int(), message: z.string() }))
      .optional()
      .meta({
        description: `Once voters are on the roll: each contest in which fewer than ${SMALL_CONTEST_VOTERS} voters may vote online, whose published ballots may show how they voted. A warning, never a refusal.`,
      }),
  })
  .meta({ id: 'Election', description: 'What anyone may see of an election: no voter, token or observer address.' });
/** Where a voter's new credential is: queued to send, or held until voting opens. */
const CREDENTIAL_ON_ITS_WAY = z.enum(['pending', 'held']);
const registration = z.looseObject({
  registered: z.int(),
  alreadyRegistered: z.array(z.string()),
  emailTaken: z.array(z.looseObject({})),
  mail: z.enum(['queued', 'held']).meta({ description: "`held`: the credentials go out when voting opens; `queued`: they are on their way now (the 2019 command API's elections)." }),
  stoppedEarly: z.string().optional(),
});
const postalRecording = z.looseObject({
  recorded: z.int(),
  alreadyPostal: z.array(z.string()),
  notOnRoll: z.array(z.string()),
  changedMeanwhile: z.array(z.string()),
  stoppedEarly: z.string().optional(),
});
const results = z
  .looseObject({
    id: z.string(),
    title: z.string(),
    phase,
    contests: z.array(z.looseObject({ id: z.string(), result: z.looseObject({}) })),
    turnout: z.looseObject({ voted: z.int(), registered: z.int() }),
    compromised: z.boolean(),
    ...acceptanceFields,
  })
  .meta({ id: 'Results' });
const postalFigures = z.strictObject({ papers: z.int(), abstentions: z.int(), invalid: z.int(), votes: z.array(z.strictObject({ name: z.string(), votes: z.int() })) });
const postalPapersView = z
  .strictObject({
    contests: z.array(
      z.strictObject({
        contest: z.string(),
        postalVoters: z.int(),
        first: z.strictObject({ by: actorView.optional(), at: z.string() }).optional(),
        agreed: z.strictObject({ by: actorView.optional(), at: z.string(), figures: postalFigures }).optional(),
      }),
    ),
    counted: z.boolean().meta({ description: 'The results count the agreed postal papers: the committee may accept them.' }),
  })
  .meta({ id: 'PostalPapers' });
const checkedPaper = { ballotId: z.string(), choices: z.unknown() };

const json = (description: string, body: ZodType): ZodOpenApiResponseObject => ({ description, content: { 'application/json': { schema: body } } });
const refusal = (description: string) => json(description, errorBody);

type Refusals = Partial<Record<400 | 401 | 403 | 404 | 409, string>>;

interface RouteDoc {
  operationId: string;
  tag: 'setup' | 'voters' | 'voting' | 'public' | '2019' | 'contract' | 'sealed' | 'members';
  summary: string;
  description?: string;
  /** The schema the route parses its body with; `optional` when the route takes no body or an empty one. */
  body?: { schema: ZodType; optional?: boolean };
  studentIdInPath?: boolean;
  /** Further path parameters, by name (a contest, a mix's position). */
  pathParams?: Record<string, ZodType>;
  /** The query parameters the route parses, when it takes any. */
  query?: ZodObject;
  success: { status: 200 | 201 | 202 | 302; response: ZodOpenApiResponseObject };
  /** A second success, where the route answers some requests another way (a check begun on a workflow: 202). */
  alsoSuccess?: { status: 202; response: ZodOpenApiResponseObject };
  refusals: Refusals;
}

const electionIdParam = schema.electionId.meta({ description: 'The election: 1–63 lowercase letters, digits or dashes; any other id is answered 404.', example: 'council-2026' });
const studentIdParam = schema.studentId.meta({ description: 'The voter, as on the roll (percent-encoded).', example: 's1001' });

const SIGNED_IN_REFUSALS = {
  401: 'No valid bearer token: a session, a personal API token, or the admin token.',
  403: "The member's role does not hold the route's (`forbidden`: the message names the role needed and the member's), or the member is not on this election's committee.",
} as const;

/** Who may call a route, in words: a role holds the ones below it (committee, then helpdesk, then observer). */
const ROLE_WORDS: Record<Role, string> = {
  committee: 'Role: `committee`.',
  helpdesk: 'Role: `helpdesk` or `committee`.',
  observer: 'Role: any member (`observer`, `helpdesk` or `committee`).',
};

/** The role API_ROUTES gives the route at this method and path. */
function roleOf(method: string, path: string): Role | undefined {
  const routes: RouteAddress[] = Object.values(API_ROUTES);
  return routes.find((route) => route.method === method && route.path === path)?.role;
}
const BODY_REFUSAL = 'The body is not JSON, over 1 MiB, or not of the schema: the message names the field.';
const NO_ELECTION = 'No such election.';
const CHANGED = 'Refused in this phase, or the election changed meanwhile (`conflict`: try again).';

function operation(method: string, path: string, doc: RouteDoc): ZodOpenApiOperationObject {
  const role = roleOf(method, path);
  const pathParams = path.includes('{id}') ? { id: electionIdParam, ...(doc.studentIdInPath && { studentId: studentIdParam }), ...doc.pathParams } : doc.pathParams;
  return {
    operationId: doc.operationId,
    tags: [doc.tag],
    summary: doc.summary,
    description: role ? `${doc.description ?? doc.summary}\n\n${ROLE_WORDS[role]}` : (doc.description ?? doc.summary),
    security: role ? [{ [BEARER_AUTH]: [] }] : [],
    ...(role && { 'x-role': role }),
    ...((pathParams || doc.query) && { requestParams: { ...(pathParams && { path: z.object(pathParams) }), ...(doc.query && { query: doc.query }) } }),
    ...(doc.body && { requestBody: { required: !doc.body.optional, content: { 'application/json': { schema: doc.body.schema } } } }),
    responses: {
      [doc.success.status]: doc.success.response,
      ...(doc.alsoSuccess && { [doc.alsoSuccess.status]: doc.alsoSuccess.response }),
      ...Object.fromEntries(Object.entries({ ...(role && SIGNED_IN_REFUSALS), ...doc.refusals }).map(([status, why]) => [status, refusal(why)])),
      500: { $ref: '#/components/responses/Fault' },
      503: { $ref: '#/components/responses/Busy' },
    },
  };
}

/** The lock, the start and the acceptance of the results, which need two committee members when the election's committee has two or more. */
const TWO_MEMBERS = `On an election whose committee has two or more members, the first committee member's call proposes it (202) and a second committee member's call within ${PROPOSAL_MINUTES} minutes does it; both are in the log. A committee of one acts at once, and the log says it acted alone.`;
const PROPOSED_AGAIN = '`awaiting_second_member`: the member who proposed it asked again; another committee member must confirm.';
const PROPOSED = {
  status: 202 as const,
  response: json(
    'Proposed: waiting for a second committee member.',
    electionView.extend({
      proposal: z.strictObject({
        action: z.enum(['Lock', 'Start', 'Accept']),
        proposedBy: actorView,
        expiresAt: z.string(),
        message: z.string(),
      }),
    }),
  ),
};

const electionAnswer = (description: string, status: 200 | 201 = 200) => ({ status, response: json(description, electionView) });

const contestParam = { contest: z.string().meta({ description: 'The contest, by its id (`main` in an election of one contest).', example: 'main' }) };
const ceremonyView = z.looseObject({
  electionId: z.string(),
  threshold: z.int(),
  trustees: z.int(),
  certificates: z.array(z.looseObject({})),
  dealings: z.array(z.looseObject({})),
  reviews: z.array(z.looseObject({})),
  publicKey: z.string().optional(),
  verificationKeys: z.array(z.string()).optional(),
});
const ceremonyStep = (step: string, operationId: string): RouteDoc => ({
  operationId,
  tag: 'sealed',
  summary: `Give a trustee's ${step.slice(0, -1)} in the key ceremony`,
  description: `Before the lock, once the ceremony is at its ${step}: the message exactly as the trustee's page or the CLI made it. It is checked against the messages before it; the last review publishes the election key, or a complaint ends the round and the ceremony starts over.`,
  body: { schema: sealed.ceremonyMessage },
  success: { status: 201, response: json('The ceremony with the message in it.', ceremonyView) },
  refusals: {
    400: `${BODY_REFUSAL} A message that fails its checks is refused naming the field.`,
    404: 'No such election, or it is not sealed.',
    409: 'The ceremony is not at this step, the trustee gave theirs already, or the election is locked.',
  },
});
const OPENING_REFUSALS = {
  400: "The body is not JSON, over 5.5 MB, or not of the schema, or a proof fails: the message names the field or the failed equation. Given as `{ upload }`: the parts joined do not hash to the upload's name, or are not JSON.",
  404: 'No such election or contest, or it is not sealed.',
  409: 'Not sealed yet, or not this step: another mix is needed first, the trustee acted already, or t trustees have decrypted. Given as `{ upload }`: a part has not arrived (the message names each).',
} as const;
/** Where the check of an upload on the workflow stands. */
const openingCheckView = z.strictObject({
  upload: z.string().meta({ description: "The SHA-256 of the upload's whole text." }),
  contest: z.string(),
  kind: z.enum(['mix', 'decryption']),
  state: z.enum(['checking', 'accepted', 'refused']).meta({
    description:
      '`accepted`: the mix or decryption is in the log. `refused`: `error` says why, as a one-request post would have been refused (`check_failed`: the check itself stopped; post the upload again).',
  }),
  parts: z.int().optional().meta({ description: 'The parts its proofs were cut into, once planned.' }),
  checked: z.int().meta({ description: 'How many parts are checked.' }),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});
const CHECKED_ON_WORKFLOW = {
  status: 202,
  response: json(
    'A contest too large to check within one request (over 2,000 ciphertexts on AWS: papers × ciphertexts a paper): the check is begun on the opening-check workflow, in parts at once; the answer is its state, and `location` the address to ask until it is `accepted` or `refused`. A check of the same upload still running is answered as it stands.',
    openingCheckView,
  ),
} as const;
const UPLOAD_AS_PARTS = ` Larger than one request may carry (5.5 MB), it is put in parts first (\`PUT …/uploads/{upload}/parts/{index}\`) and posted as \`{ upload }\`, the SHA-256 of its whole text.`;

/** A sealed election's routes. */
const SEALED_BOX_ROUTES: Record<string, RouteDoc> = {
  'GET /elections/{id}/ceremony': {
    operationId: 'getCeremony',
    tag: 'sealed',
    summary: "The trustees' key ceremony",
    description: "The round under way (or the one that published the key): every certificate, dealing and review in trustee order, then the election key and each trustee's verification key.",
    success: { status: 200, response: json('The ceremony.', ceremonyView) },
    refusals: { 400: 'The path is not valid percent-encoding.', 404: 'No such election, or it is not sealed.' },
  },
  'POST /elections/{id}/ceremony/certificates': ceremonyStep('certificates', 'giveCertificate'),
  'POST /elections/{id}/ceremony/dealings': ceremonyStep('dealings', 'giveDealing'),
  'POST /elections/{id}/ceremony/reviews': ceremonyStep('reviews', 'giveReview'),
  'GET /elections/{id}/board/{contest}': {
    operationId: 'getBoard',
    tag: 'sealed',
    summary: "A contest's board of sealed papers",
    description: `Every sealed paper of the contest with the voter's proof, under its tracker, in tracker order, ${sealed.BOARD_PAGE_PAPERS} at a time: \`next\` says where the next page starts.`,
    pathParams: contestParam,
    query: sealed.boardQuery,
    success: { status: 200, response: json('A page of the board.', z.looseObject({ contest: z.string(), papers: z.array(z.looseObject({ tracker: z.string() })), next: z.int().optional() })) },
    refusals: { 400: 'The query or path is not valid.', 404: 'No such election or contest, or it is not sealed.' },
  },
  'GET /elections/{id}/opening/{contest}': {
    operationId: 'getOpening',
    tag: 'sealed',
    summary: "A contest's opening after the seal",
    description: 'The mixes and decryptions recorded so far, what the contest still needs (`next`: mix, decryption or opened).',
    pathParams: contestParam,
    success: { status: 200, response: json('The opening.', z.looseObject({ contest: z.string(), mixes: z.array(z.looseObject({})), decryptions: z.array(z.looseObject({})), opened: z.boolean() })) },
    refusals: { 400: 'The path is not valid percent-encoding.', 404: 'No such election or contest, or it is not sealed.' },
  },
  'GET /elections/{id}/opening/{contest}/mixes/{position}': {
    operationId: 'getMix',
    tag: 'sealed',
    summary: 'One mix of a contest',
    description: "The mix's outputs and shuffle proof as the mixer uploaded them; the next mix shuffles them, the trustees decrypt the last.",
    pathParams: { ...contestParam, position: z.string().meta({ description: "The mix's position: 0 for the first.", example: '0' }) },
    query: sealed.mixPartQuery,
    success: {
      status: 200,
      response: json(
        "The mix; with `?part`, that part of its file's JSON text (a mix's answer would be over Lambda's 6 MB): the parts' texts joined in order are the mix's JSON.",
        z.union([
          z.looseObject({ mixer: z.int(), outputs: z.array(z.array(z.looseObject({}))) }),
          z.strictObject({ part: z.int(), parts: z.int(), text: z.string() }).meta({ id: 'MixPart', description: "One part of a mix's JSON text." }),
        ]),
      ),
    },
    refusals: { 400: 'The path or query is not valid, or the mix is too large for one answer: read it with `?part`.', 404: 'No such election, contest, mix or part.' },
  },
  'PUT /elections/{id}/opening/{contest}/uploads/{upload}/parts/{index}': {
    operationId: 'putUploadPart',
    tag: 'sealed',
    summary: 'A part of a mix or decryption too large for one request',
    description: `The JSON text of the mix or decryption, cut into parts of at most ${sealed.UPLOAD_PART_CHARACTERS.toLocaleString('en')} characters, each put here under the SHA-256 of the whole text and its index (from 1); then the mix or decryption is posted as \`{ upload }\`. A part put again is kept as first put. The parts are kept beside the log, not in it nor in the export, and expire a day after they arrive.`,
    pathParams: {
      ...contestParam,
      upload: z.string().meta({ description: "The SHA-256 of the upload's whole text, in hex.", example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
      index: z.string().meta({ description: 'The part, from 1.', example: '1' }),
    },
    body: { schema: sealed.uploadPart },
    success: { status: 200, response: json('Kept.', z.strictObject({ upload: z.string(), part: z.int(), parts: z.int() })) },
    refusals: {
      400: 'The body is not JSON or not of the schema (a part over its characters), the path is not valid, or the index is past the count of parts.',
      404: 'No such election or contest, or it is not sealed.',
      409: 'Not sealed yet, or the upload was begun with another count of parts.',
    },
  },
  'POST /elections/{id}/opening/{contest}/mixes': {
    operationId: 'submitMix',
    tag: 'sealed',
    summary: "A trustee's mix of a contest",
    description: `The board (first mix) or the last mix, re-encrypted and permuted, with its shuffle proof: checked before it is recorded.${UPLOAD_AS_PARTS}`,
    pathParams: contestParam,
    body: { schema: z.union([sealed.mixUpload, sealed.uploadReference]) },
    success: electionAnswer('Recorded.', 201),
    alsoSuccess: CHECKED_ON_WORKFLOW,
    refusals: OPENING_REFUSALS,
  },
  'POST /elections/{id}/opening/{contest}/decryptions': {
    operationId: 'submitDecryption',
    tag: 'sealed',
    summary: "A trustee's decryption shares of a contest",
    description: `Every ciphertext of the last mix, each share with its proof against the trustee's verification key: checked before it is recorded. With t trustees' shares in every contest, the count follows.${UPLOAD_AS_PARTS}`,
    pathParams: contestParam,
    body: { schema: z.union([sealed.decryptionUpload, sealed.uploadReference]) },
    success: electionAnswer('Recorded.', 201),
    alsoSuccess: CHECKED_ON_WORKFLOW,
    refusals: OPENING_REFUSALS,
  },
  'GET /elections/{id}/opening/{contest}/checks/{upload}': {
    operationId: 'getOpeningCheck',
    tag: 'sealed',
    summary: 'Where the check of a large mix or decryption stands',
    description: 'The check the opening-check workflow runs of a mix or decryption posted for a contest too large to check within one request (answered 202). Kept a day after it began.',
    pathParams: { ...contestParam, upload: sealed.uploadDigest.meta({ description: "The SHA-256 of the upload's whole text, as the 202 answer gave it." }) },
    success: { status: 200, response: json('The check.', openingCheckView) },
    refusals: {
      400: "The upload is not named by a SHA-256 (64 lowercase hex digits): the message names the path's field.",
      404: 'No such election or contest, or no check of this upload was begun (or it ended over a day ago).',
    },
  },
};

const memberView = z.strictObject({ id: z.string(), name: z.string(), email: z.string(), role: schema.role }).meta({ id: 'Member' });
const memberChange = z
  .looseObject({
    ...memberView.shape,
    elections: z.array(
      z.strictObject({
        election: z.string(),
        outcome: z.enum(['recorded', 'unchanged', 'refused']),
        message: z.string().optional().meta({ description: "The election's reason, when it refused the change." }),
      }),
    ),
  })
  .meta({
    description:
      "The member as the directory has them now, and what became of the change in each election whose log keeps a roster and is not published: `recorded`, `unchanged` (the roster had it so), or `refused` with the election's reason. The directory's change stands either way.",
  });
const memberIdParam = { memberId: schema.memberId.meta({ description: "The member's id at the identity provider, as `GET /members` lists it.", example: '0a1b2c3d-4e5f-6789-abcd-ef0123456789' }) };
const tokenState = z.enum(['active', 'expired', 'revoked']);
const listedToken = z.strictObject({
  id: z.string(),
  role: schema.role,
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
  state: tokenState,
});
const LAST_COMMITTEE = "the change would leave no member with the committee role (`conflict`: the message names the field, and says so when it is the asking member's own)";
const NO_MEMBER = 'No such member (`not_found`, naming `memberId`).';
const NO_SIGN_IN = '`no_sign_in`: this deployment has no hosted sign-in (no `authDomainPrefix` on AWS).';
const session = z.strictObject({ accessToken: z.string(), expiresIn: z.int(), refreshToken: z.string().optional() });

/** The committee's members and personal API tokens (handlers/api/memberRoutes.ts). */
const MEMBER_ROUTES: Record<string, RouteDoc> = {
  'GET /members': {
    operationId: 'listMembers',
    tag: 'members',
    summary: "The committee's members",
    description: 'Every enabled account in a role, by name, as the identity provider has it.',
    success: { status: 200, response: json('The members.', z.strictObject({ members: z.array(memberView) })) },
    refusals: {},
  },
  'GET /sign-in': {
    operationId: 'signInStart',
    tag: 'members',
    summary: 'Where the console sends a member to sign in',
    description: "The identity provider's authorize endpoint and the console's app client. The console sends the member there with the authorization code grant and PKCE (S256), and back to `/admin`.",
    success: { status: 200, response: json('The hosted sign-in.', z.strictObject({ authorizeUrl: z.string(), clientId: z.string() })) },
    refusals: { 404: NO_SIGN_IN },
  },
  'POST /sign-in/token': {
    operationId: 'signInToken',
    tag: 'members',
    summary: 'Exchange the code the hosted sign-in gave back for a session',
    description:
      "`{ code, codeVerifier, redirectUri, keepSignedIn? }`: the code from the sign-in's return, the PKCE verifier kept for it, and the address it was sent back to. Answers the member's access token, which the console keeps in memory and sends as `Authorization: Bearer …` for its hour. Only with `keepSignedIn: true` (the command line's `election login`) is the refresh token given out too.",
    body: { schema: schema.signInGrant },
    success: { status: 200, response: json('The session.', session) },
    refusals: {
      400: `${BODY_REFUSAL} \`invalid_grant\`: the provider refused the code (expired, used, or not matching its verifier or address).`,
      404: NO_SIGN_IN,
    },
  },
  'POST /sign-in/refresh': {
    operationId: 'signInRefresh',
    tag: 'members',
    summary: 'A new access token for the refresh token of a sign-in',
    description: "`{ refreshToken }`, as `election login` kept it: answers a new access token for an hour. On AWS a sign-in lasts 12 hours from the member's sign-in at the provider.",
    body: { schema: schema.signInRefresh },
    success: { status: 200, response: json('The session.', session) },
    refusals: { 400: `${BODY_REFUSAL} \`invalid_grant\`: the sign-in has expired or was ended (logged out, or the member removed).`, 404: NO_SIGN_IN },
  },
  'POST /sign-out': {
    operationId: 'signOut',
    tag: 'members',
    summary: 'End the sign-in a refresh token keeps',
    description:
      '`{ refreshToken }`: the provider revokes it and the access tokens made from it (RFC 7009). `revoked: false` where the provider cannot revoke (cognito-local, on the local stack); a token unknown or revoked already is answered `revoked: true`, as the RFC asks.',
    body: { schema: schema.signInRefresh },
    success: { status: 200, response: json('Ended.', z.strictObject({ revoked: z.boolean() })) },
    refusals: { 400: BODY_REFUSAL, 404: NO_SIGN_IN },
  },
  'POST /members': {
    operationId: 'inviteMember',
    tag: 'members',
    summary: 'Invite a member',
    description:
      'Makes the account, which the identity provider mails an invitation to, and records the member on the roster of every election that keeps one and is not published (`RecordMember`, asked by the member inviting).',
    body: { schema: schema.inviteMember },
    success: { status: 201, response: json('Invited.', memberChange) },
    refusals: { 400: BODY_REFUSAL, 409: 'The address has an account already (`already_exists`, naming `email`), or this deployment keeps no member accounts.' },
  },
  'PUT /members/{memberId}/role': {
    operationId: 'setMemberRole',
    tag: 'members',
    summary: "Change a member's role",
    description: "Moves the account to the role, and records the member with it on every election's roster (`RecordMember`). Their sessions and tokens act with the new role within a minute.",
    pathParams: memberIdParam,
    body: { schema: schema.memberRole },
    success: { status: 200, response: json('Changed.', memberChange) },
    refusals: { 400: `${BODY_REFUSAL} Or the member id is not valid.`, 404: NO_MEMBER, 409: `Refused: ${LAST_COMMITTEE}.` },
  },
  'POST /members/{memberId}/remove': {
    operationId: 'removeMember',
    tag: 'members',
    summary: 'Remove a member',
    description:
      'Deletes the account: its sessions and tokens stop working within a minute. The member is taken off the roster of every election that has them and is not published (`RemoveMember`). A POST: the API takes no DELETE.',
    pathParams: memberIdParam,
    body: { schema: schema.noBody, optional: true },
    success: { status: 200, response: json('Removed.', memberChange) },
    refusals: { 400: `${BODY_REFUSAL} Or the member id is not valid.`, 404: NO_MEMBER, 409: `Refused: ${LAST_COMMITTEE}.` },
  },
  'POST /tokens': {
    operationId: 'createApiToken',
    tag: 'members',
    summary: 'Make a personal API token',
    description: `For a script or the command line: acts as the member who made it, with \`role\` (at most their own), until \`expiresInDays\` (${schema.API_TOKEN_DAYS.default} unless given) have passed or it is revoked. Its text is in this answer and never again: only its SHA-256 is kept.`,
    body: { schema: schema.apiTokenRequest },
    success: {
      status: 201,
      response: json(
        'Made: `token` is shown this once.',
        z.strictObject({ id: z.string(), token: z.string().meta({ description: '`elect_` and 43 base64url characters.' }), role: schema.role, label: z.string(), expiresAt: z.string() }),
      ),
    },
    refusals: {
      400: BODY_REFUSAL,
      403: "The role is higher than the member's own as they are signed in (`forbidden`, naming `role`): a help desk token makes no committee token.",
      409: 'The member signed in has no account (the admin token acts as no account): sign in as a member to make tokens.',
    },
  },
  'GET /tokens': {
    operationId: 'listApiTokens',
    tag: 'members',
    summary: "The member's own personal API tokens",
    description: 'Oldest first, expired and revoked ones included; never their text nor their hash.',
    success: { status: 200, response: json('The tokens.', z.strictObject({ tokens: z.array(listedToken) })) },
    refusals: {},
  },
  'POST /tokens/{tokenId}/revoke': {
    operationId: 'revokeApiToken',
    tag: 'members',
    summary: 'Revoke one of your personal API tokens',
    description: 'From then on it is refused. Revoking it again changes nothing.',
    pathParams: { tokenId: schema.apiTokenId.meta({ description: 'The token, as `GET /tokens` lists it.', example: '0123456789abcdef' }) },
    body: { schema: schema.noBody, optional: true },
    success: { status: 200, response: json('Revoked.', z.strictObject({ id: z.string(), revoked: z.literal(true) })) },
    refusals: { 400: `${BODY_REFUSAL} Or the token id is not valid.`, 404: "The member has no token of this id (another member's is not found either)." },
  },
};

/** Every route of the router, by `METHOD path`: the test fails when one is missing or extra. */
const ROUTES: Record<string, RouteDoc> = {
  'GET /me': {
    operationId: 'signedIn',
    tag: 'setup',
    summary: 'Who the token signs in',
    description: 'The member a bearer token acts as, and with which role: a session, a personal API token, or the admin token (`via: token`).',
    success: {
      status: 200,
      response: json('The member.', z.strictObject({ id: z.string(), name: z.string(), role: z.enum(['committee', 'helpdesk', 'observer']), via: z.enum(['session', 'token']) })),
    },
    refusals: {},
  },
  'GET /elections': {
    operationId: 'listElections',
    tag: 'setup',
    summary: 'List the elections',
    description: 'Every election of this deployment, for the console: where each stands and how many have voted.',
    success: {
      status: 200,
      response: json(
        'The elections.',
        z.strictObject({
          elections: z.array(
            z.looseObject({
              id: z.string(),
              title: z.string(),
              phase,
              box: z.enum(['sealed', 'open']).meta({ description: "Sealed: encrypted in the voter's browser, opened by the trustees together. Open: not secret against the operator." }),
              locked: z.boolean(),
              compromised: z.boolean(),
              voterCount: z.int(),
              turnout: z.looseObject({ voted: z.int(), registered: z.int() }),
            }),
          ),
        }),
      ),
    },
    refusals: {},
  },
  'GET /elections/{id}/events': {
    operationId: 'getEvents',
    tag: 'public',
    summary: 'The event log as it grows, for observers',
    description: `Every event after \`after\` (default 0), oldest first, at most ${schema.EVENTS_PER_PAGE} per answer (\`more: true\` when there are more: ask again from the last one's \`seq\`). Observers' addresses are shown as their count, and such events carry \`redacted: true\`; every other event's hash can be recomputed from what is shown.`,
    query: schema.eventsQuery.extend({ after: schema.eventsQuery.shape.after.meta({ description: 'The last event already read; 0 for all.', example: 0 }) }),
    success: {
      status: 200,
      response: json(
        'A page of the log, and its head when it was read (cached for a second or two).',
        z.strictObject({
          id: z.string(),
          head: z.strictObject({ seq: z.int(), hash: z.string() }),
          events: z.array(z.looseObject({ seq: z.int(), at: z.string(), type: z.string(), data: z.looseObject({}), prevHash: z.string(), hash: z.string(), redacted: z.literal(true).optional() })),
          more: z.literal(true).optional(),
        }),
      ),
    },
    refusals: { 400: 'The path is not valid percent-encoding, or `after` is not a whole number.', 404: NO_ELECTION },
  },
  'POST /elections': {
    operationId: 'createElection',
    tag: 'setup',
    summary: 'Create an election',
    description: `One \`ballot\` (single by default) with its \`candidates\`, or \`contests\`, each with its own. \`opensAt\`, \`reminders\` and \`credentialsAt\` need \`closesAt\`. \`credentialsAt\`: when the voters' credentials, held until the start, go out, before \`opensAt\` and at most ${CREDENTIALS_LEAD_DAYS} days before it; without it they go out as voting opens. Names must contain a letter or digit and separate words by single spaces.`,
    body: { schema: schema.createElection },
    success: electionAnswer('Created: the election as the public sees it.', 201),
    refusals: { 400: BODY_REFUSAL, 409: 'An election with this id exists.' },
  },
  'GET /elections/{id}': {
    operationId: 'getElection',
    tag: 'public',
    summary: 'The election as anyone may see it',
    success: electionAnswer('The election (public, cached for a few seconds).'),
    refusals: { 400: 'The path is not valid percent-encoding.', 404: NO_ELECTION },
  },
  'GET /elections/{id}/candidates': {
    operationId: 'listCandidates',
    tag: 'public',
    summary: 'The candidates: of the one contest, or of each contest',
    success: {
      status: 200,
      response: json(
        '`candidates`, or `contests` with theirs when there are several.',
        z.union([z.looseObject({ candidates: z.array(candidateView) }), z.looseObject({ contests: z.array(z.looseObject({ id: z.string(), candidates: z.array(candidateView) })) })]),
      ),
    },
    refusals: { 400: 'The path is not valid percent-encoding.', 404: NO_ELECTION },
  },
  'POST /elections/{id}/candidates': {
    operationId: 'addCandidates',
    tag: 'setup',
    summary: 'Add candidates (before the election is locked)',
    body: { schema: schema.addCandidates },
    success: electionAnswer('Added.'),
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: CHANGED },
  },
  'PUT /elections/{id}/window': {
    operationId: 'setVotingWindow',
    tag: 'setup',
    summary: 'Set when voting opens and closes, the reminders, and when the credentials go out',
    description: `The whole window, until voting starts. \`opensAt\` and \`reminders\` left out are kept as they were. \`credentialsAt\`: when the voters' credentials, held until the start, go out, before \`opensAt\` and at most ${CREDENTIALS_LEAD_DAYS} days before it; left out, they go out as voting opens (a send time set before is dropped).`,
    body: { schema: schema.setWindow },
    success: electionAnswer('Set.'),
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: CHANGED },
  },
  'PUT /elections/{id}/observers': {
    operationId: 'setObservers',
    tag: 'setup',
    summary: "Set the election's observers, who get its seal notice and breach alerts",
    body: { schema: schema.setObservers },
    success: electionAnswer('Set.'),
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: CHANGED },
  },
  'PUT /elections/{id}/mail-wording': {
    operationId: 'setMailWording',
    tag: 'setup',
    summary: "The committee's own words in the voters' mail",
    description:
      "Until the lock: `senderName` (the sender's display name, at most 60 characters), `greeting` (one line above the system's text, at most 120) and `closing` (below it, at most 600 characters on 8 lines), each optional; the whole wording replaces the last. Plain text only: no link or address, nothing invisible or direction-changing, no word mixing letters of several scripts (refused, naming the field). `GET /elections/{id}/mail-preview` shows the result.",
    body: { schema: schema.mailWording },
    success: electionAnswer('Set.'),
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: `${CHANGED} \`wrong_phase\`: the election is locked already.` },
  },
  'POST /elections/{id}/objections': {
    operationId: 'recordObjection',
    tag: 'setup',
    summary: 'Record an objection to the published election (Wahlanfechtung)',
    description:
      "`{ receivedAt, grounds }`: when the objection reached the committee (not in the future) and the committee's summary of its grounds, at most 2,000 characters. The log is public: the grounds never name who objected. Numbered 1, 2, … in the order recorded; one received after the challenge period (`challengeEndsAt` in the election) is recorded as `late`. At most 20 per election.",
    body: { schema: schema.objection },
    success: electionAnswer('Recorded.'),
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: `${CHANGED} \`wrong_phase\`: the election is not published.` },
  },
  'POST /elections/{id}/objections/{objection}/decision': {
    operationId: 'decideObjection',
    tag: 'setup',
    summary: "The committee's decision on an objection",
    description: '`{ outcome: upheld | rejected | inadmissible, reasons }`, once per objection.',
    pathParams: { objection: z.string().meta({ description: "The objection's number, as recorded: 1, 2, …", example: '1' }) },
    body: { schema: schema.objectionDecision },
    success: electionAnswer('Decided.'),
    refusals: {
      400: `${BODY_REFUSAL} An objection number that is not one (naming \`objection\`).`,
      404: `${NO_ELECTION} No objection of that number (naming \`objection\`).`,
      409: `${CHANGED} Decided already (\`conflict\`, naming \`objection\`), or the election is not published (\`wrong_phase\`).`,
    },
  },
  'GET /elections/{id}/mail-preview': {
    operationId: 'previewMail',
    tag: 'setup',
    summary: 'The credential mail as a voter will read it',
    description:
      "In `language` (`de` or `en`; the election's without it), with the committee's wording, the window in the election's time zone, and a sample link and token in place of the voter's. The links start at their path (`/vote#election=…`): the API does not know the voting site's address.",
    query: schema.mailPreviewQuery.extend({ language: schema.mailPreviewQuery.shape.language.meta({ description: "The preview's language; the election's without it.", example: 'de' }) }),
    success: { status: 200, response: json('The mail.', z.strictObject({ subject: z.string(), text: z.string(), fromName: z.string().optional(), language: z.enum(['de', 'en']) })) },
    refusals: { 400: '`language` is neither `de` nor `en` (naming `language`).', 404: NO_ELECTION },
  },
  'POST /elections/{id}/lock': {
    operationId: 'lockElection',
    tag: 'setup',
    summary: 'Lock the definition and the roll',
    description: `Locks the election and records the roll's size and fingerprint. The answer carries \`warnings\` for contests small enough to show how their voters voted; they do not stop the lock. ${TWO_MEMBERS}`,
    body: { schema: schema.noBody, optional: true },
    success: electionAnswer('Locked, with any warnings.'),
    alsoSuccess: PROPOSED,
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: `${CHANGED} ${PROPOSED_AGAIN}` },
  },
  'POST /elections/{id}/start': {
    operationId: 'startVoting',
    tag: 'setup',
    summary: 'Start voting now, or at opensAt',
    description: `Starts a locked election. One with breaches recorded while it was locked starts only with \`confirmCompromised: true\`. ${TWO_MEMBERS}`,
    body: { schema: schema.startVoting, optional: true },
    success: electionAnswer('Started or scheduled.'),
    alsoSuccess: PROPOSED,
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: `${CHANGED} \`compromised\`: confirm first. ${PROPOSED_AGAIN}` },
  },
  'POST /elections/{id}/acceptance': {
    operationId: 'acceptResults',
    tag: 'setup',
    summary: "The committee's acceptance of the counted results",
    description: `For an election created with \`acceptance: committee\`: once counted, its results are provisional and the workflow waits; once accepted, it mails and publishes them. ${TWO_MEMBERS}`,
    body: { schema: schema.noBody, optional: true },
    success: electionAnswer('Accepted: the results are mailed and published now (`accepted` says who accepted them).'),
    alsoSuccess: PROPOSED,
    refusals: {
      400: BODY_REFUSAL,
      404: NO_ELECTION,
      409: `\`wrong_phase\`: the results are not counted yet, are accepted or published already, or the election publishes them by itself (\`acceptance: automatic\`). ${PROPOSED_AGAIN}`,
    },
  },
  'POST /elections/{id}/postal-papers': {
    operationId: 'enterPostalPapers',
    tag: 'setup',
    summary: "A committee member's entry of a contest's postal papers",
    description:
      "After the count, while the results of an election created with `acceptance: committee` wait for the committee, each contest with postal voters gets its postal papers entered twice, as a count by hand is read twice: a first entry by one committee member, a second by another (the caller is the entry's member). Each paper is given as a voter fills it online (`papers`: `choices` or `abstain: true`), or, for a ballot counted by marks (single, multi, list, referendum; never ranked: IRV, STV and Schulze read each ranking), the hand-counted `totals`; `invalid` counts the papers found invalid. The second entry must equal the first as a set of papers (their order does not matter): then they are agreed, and once every contest's are, the results are counted again with them, lots drawn as before. An entry of 0 papers, given twice, records that none arrived.",
    body: { schema: schema.postalPapers },
    success: { status: 200, response: json("Entered: each contest's postal papers as they stand.", postalPapersView) },
    refusals: {
      400: `The body is not JSON, over ${schema.POSTAL_PAPERS_BODY_BYTES / 1024 / 1024} MiB, or not of the schema; or (\`invalid\`) a paper is not one the ballot allows (\`papers.<i>\`), there are more papers than postal voters, or totals are given for a ranked ballot: the message names the field.`,
      404: NO_ELECTION,
      409: "`wrong_phase`: the results are not counted yet, accepted already, or the election publishes by itself; `conflict`: no first entry yet, the contest's papers are agreed already, or the first entry was given again meanwhile; `entries_differ`: the second entry differs from the first, and the message says where (the papers in one entry only, the invalid papers, each total): nothing is recorded, and the committee reads again.",
    },
  },
  'GET /elections/{id}/postal-papers': {
    operationId: 'postalPapers',
    tag: 'setup',
    summary: "Each contest's postal papers: entries given, by whom, agreed",
    success: {
      status: 200,
      response: json("Each contest with postal voters: its first entry (who, when), and once agreed the second's and the postal figures; `counted` once the results count them.", postalPapersView),
    },
    refusals: { 400: 'The path is not valid percent-encoding.', 404: NO_ELECTION },
  },
  'POST /elections/{id}/workflow/retry': {
    operationId: 'retryWorkflow',
    tag: 'setup',
    summary: 'Run the election workflow again after it stopped at a failed step',
    description:
      'The election shows `workflowFailure` (the step and the error) once its workflow stopped. This records the retry in the log and runs the workflow again from the log: every step already done is skipped, so it picks up at the step that failed. On AWS it is a new execution of the state machine, named after the election and the retry.',
    body: { schema: schema.noBody, optional: true },
    success: electionAnswer('Retried: the workflow runs again.'),
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: `${CHANGED} Refused too while the workflow has not stopped, and after ${LIMITS.workflowRetries} retries.` },
  },
  'POST /elections/{id}/voters': {
    operationId: 'addVoters',
    tag: 'voters',
    summary: 'Put voters on the roll; their credentials are mailed',
    body: { schema: schema.addVoters },
    success: { status: 200, response: json('Registered; credentials queued. Voters already on the roll, or with an address another voter has, are listed.', registration) },
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: CHANGED },
  },
  'POST /elections/{id}/postal-voters': {
    operationId: 'recordPostalVoters',
    tag: 'voters',
    summary: 'Mark voters as having voted by post',
    body: { schema: schema.postalVoters },
    success: { status: 200, response: json('Recorded; those already postal, not on the roll or changed meanwhile are listed.', postalRecording) },
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: CHANGED },
  },
  'POST /elections/{id}/voters/{studentId}/reissue': {
    operationId: 'reissueCredential',
    tag: 'voters',
    summary: "Revoke a voter's credential and mail a new one",
    body: { schema: schema.noBody, optional: true },
    studentIdInPath: true,
    success: {
      status: 200,
      response: json(
        'Re-issued: the new credential is on its way (`pending`), or goes out with the held credentials, as voting opens or at the committee’s send time (`held`).',
        z.looseObject({ studentId: z.string(), mail: CREDENTIAL_ON_ITS_WAY }),
      ),
    },
    refusals: {
      400: `${BODY_REFUSAL} Or the student id is not valid.`,
      404: 'No such election, or no such voter on its roll.',
      409: 'The voter has voted, voted by post, or the credential changed meanwhile.',
    },
  },
  'PUT /elections/{id}/voters/{studentId}/email': {
    operationId: 'correctVoterAddress',
    tag: 'voters',
    summary: "Correct a voter's address and mail a new credential there",
    description:
      "Until voting ends, for a voter who has not voted and did not vote by post: the new address is kept beside the roll entry (the roll's lines, fingerprinted at the lock, hold no address), the old link stops working and `VoterAddressCorrected` names the voter by roll hash only.",
    body: { schema: schema.addressCorrection },
    studentIdInPath: true,
    success: {
      status: 200,
      response: json(
        'Corrected: the new credential is on its way (`pending`), or goes out with the held credentials, as voting opens or at the committee’s send time (`held`).',
        z.looseObject({ studentId: z.string(), email: z.string(), mail: CREDENTIAL_ON_ITS_WAY }),
      ),
    },
    refusals: {
      400: `${BODY_REFUSAL} Or the student id is not valid, or the address is the one on the roll.`,
      404: 'No such election, or no such voter on its roll.',
      409: "The address is another voter's (`email_taken`), the voter has voted (`already_voted`) or voted by post (`postal_voter`), voting has ended (`wrong_phase`), or the credential changed meanwhile.",
    },
  },
  'GET /elections/{id}/mail': {
    operationId: 'mailReport',
    tag: 'voters',
    summary: 'How the credential mail went: counts, and who got none',
    success: {
      status: 200,
      response: json(
        'Counts by status, and (to the help desk and the committee, not to an observer) the voters whose mail bounced or was not delivered.',
        z.looseObject({ counts: z.record(z.string(), z.int()), problems: z.array(z.looseObject({})).optional() }),
      ),
    },
    refusals: { 400: 'The path is not valid percent-encoding.', 404: NO_ELECTION },
  },
  'POST /elections/{id}/credentials/resend': {
    operationId: 'requestNewLink',
    tag: 'voting',
    summary: 'A voter asks for their link again by address',
    description:
      'Only queued, and answered alike after the same work whatever the address. The mail sender then counts it in the log (`LinkRequestsCounted`: no address, no voter) and, when the address is on the roll and its voter has not voted, mails the voter their link again: the same link, which keeps working. At most once per 10 minutes and 5 times per voter, which the answer does not show.',
    body: { schema: schema.newLinkRequest },
    success: { status: 202, response: json('Accepted.', z.looseObject({ status: z.literal('accepted'), message: z.string() })) },
    refusals: { 400: BODY_REFUSAL, 404: NO_ELECTION, 409: 'Voting has ended.' },
  },
  'POST /elections/{id}/ballots': {
    operationId: 'castBallot',
    tag: 'voting',
    summary: 'Cast a ballot with a credential',
    description: 'Exactly one of `papers` (one per contest the voter votes in), or in an election of one contest `choices` or `abstain: true`.',
    body: { schema: schema.castBallot },
    success: { status: 201, response: json('Cast: the receipt, shown to the voter only, finds the ballot once results are published.', z.looseObject({ receipt: z.string() })) },
    refusals: {
      400: `${BODY_REFUSAL} Or the choices do not fit the ballot.`,
      403: 'The token is not valid for this election.',
      404: NO_ELECTION,
      409: 'Already voted with this token, a cast with it is under way, or voting is not open.',
    },
  },
  'POST /elections/{id}/papers': {
    operationId: 'papersForCredential',
    tag: 'voting',
    summary: 'Which contests a credential may vote in',
    body: { schema: schema.papersRequest },
    success: { status: 200, response: json('The contest ids.', z.looseObject({ contests: z.array(z.string()) })) },
    refusals: { 400: BODY_REFUSAL, 403: 'The token is not valid for this election.', 404: NO_ELECTION, 409: 'Already voted with this token, or voting is not open.' },
  },
  'GET /elections/{id}/turnout': {
    operationId: 'getTurnout',
    tag: 'public',
    summary: 'Voters registered and voted so far',
    description: 'Overall while voting runs; with several contests, `contests` (papers cast in each) only once voting has closed, since per contest it would show which papers each voter cast.',
    success: { status: 200, response: json('Turnout (public, cached for a second or two).', z.looseObject({ registered: z.int(), voted: z.int() })) },
    refusals: { 400: 'The path is not valid percent-encoding.', 404: NO_ELECTION },
  },
  'GET /elections/{id}/audit-log': {
    operationId: 'getAuditLog',
    tag: 'public',
    summary: 'The whole event log, for `audit verify`',
    success: {
      status: 302,
      response: { description: 'A short-lived link to the gzipped NDJSON export, in `Location`.', headers: z.object({ location: z.string().meta({ description: 'The export, valid for minutes.' }) }) },
    },
    refusals: { 400: 'The path is not valid percent-encoding.', 404: NO_ELECTION, 409: 'The results are not published yet.' },
  },
  'GET /elections/{id}/record.pdf': {
    operationId: 'getOfficialRecord',
    tag: 'public',
    summary: 'The official record (Wahlniederschrift) as a PDF',
    description:
      "The official record of the election, built from its event log: contests, voting window, committee and who did each step, eligible voters and postal voters, papers and votes, the elected and the substitutes, every lot drawn, breaches, the roll's fingerprint, the seal digest and the head of the log, and lines for the committee's signatures. Provisional (it says so) until the results are published. The same log gives the same bytes: `election audit record` builds them again from the audit export, to compare SHA-256 digests with a printed copy's.",
    query: schema.recordQuery.extend({
      language: schema.recordQuery.shape.language.meta({ description: 'German (the default, the language of the rules) or English.', example: 'de' }),
      version: schema.recordQuery.shape.version.meta({
        description:
          "`current` (the default): the record of the log as it stands. `issued`: the record as issued when the results became final (as of the committee's acceptance, or of the count where none is asked for), whose SHA-256 the log lists in its `OfficialRecordIssued` event: the copy the committee signs.",
        example: 'issued',
      }),
    }),
    success: {
      status: 200,
      response: {
        description: 'The record, as a PDF.',
        content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
        headers: z.object({ 'content-disposition': z.string().meta({ description: '`inline; filename="record-<election>-<language>.pdf"`.' }) }),
      },
    },
    refusals: {
      400: 'The path is not valid percent-encoding, or the query is not valid: the message names the field.',
      404: NO_ELECTION,
      409: '`wrong_phase`: the votes are not counted yet, or, asked for the `issued` record, it is not issued yet.',
    },
  },
  'POST /elections/{id}/receipts/check': {
    operationId: 'checkReceipt',
    tag: 'public',
    summary: "Find one's ballot by receipt once results are published",
    body: { schema: schema.receiptCheck },
    success: {
      status: 200,
      response: json(
        'The ballot (of each contest the receipt voted in) and the seal it is counted under.',
        z.union([z.looseObject({ ...checkedPaper, sealDigest: z.string() }), z.looseObject({ papers: z.array(z.looseObject({ contest: z.string(), ...checkedPaper })), sealDigest: z.string() })]),
      ),
    },
    refusals: { 400: BODY_REFUSAL, 404: 'No such election, or no ballot with this receipt.', 409: 'The results are not published yet.' },
  },
  'GET /elections/{id}/results': {
    operationId: 'getResults',
    tag: 'public',
    summary: 'The results once tallied',
    success: { status: 200, response: json("Each contest's result and turnout, and the seal.", results) },
    refusals: { 400: 'The path is not valid percent-encoding.', 404: NO_ELECTION, 409: 'Not closed and tallied yet.' },
  },
  'POST /commands': {
    operationId: 'thesisCommand',
    tag: '2019',
    summary: "The 2019 system's single endpoint, on the election `default`",
    description: 'Payloads as in 2019: `command` says which; admin commands carry `administrator_token`. 200 on success, 403 on a wrong token or a refusal, 400 for a payload of no known shape.',
    body: { schema: thesisCommand },
    success: { status: 200, response: json('Done: `status: ok`, with what the command answers.', z.looseObject({ status: z.literal('ok') })) },
    refusals: {
      400: 'An unknown `command`, or a payload not of its schema: the message names the field.',
      403: 'A wrong administrator token, or refused (wrong phase, invalid token, already voted…).',
      409: 'The election changed meanwhile: try again.',
    },
  },
  ...SEALED_BOX_ROUTES,
  ...MEMBER_ROUTES,
  [`GET ${API_ROUTES.openApi.path}`]: {
    operationId: 'getOpenApi',
    tag: 'contract',
    summary: 'This document',
    success: { status: 200, response: json('The OpenAPI 3.1 document.', z.looseObject({ openapi: z.string() })) },
    refusals: {},
  },
};

function buildDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const [route, doc] of Object.entries(ROUTES)) {
    const [method, path] = route.split(' ') as [string, string];
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation(method, path, doc) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Student election API',
      version: '1',
      description: 'Elections defined and run by an admin, voted in with single-use credentials mailed to each voter, counted and published with an event log anyone can verify.',
    },
    servers: [{ url: '/', description: 'The API on the host that serves this document' }],
    tags: [
      { name: '2019', description: 'The 2019 command API, kept for its clients' },
      { name: 'contract', description: 'This document' },
      { name: 'members', description: "The committee's members, and each member's personal API tokens" },
      { name: 'public', description: 'Reads and checks anyone may make' },
      { name: 'sealed', description: "A sealed election's box: the trustees' key ceremony, the board of sealed papers, the opening after the close" },
      { name: 'setup', description: 'Defining an election and running its lifecycle (admin)' },
      { name: 'voters', description: 'The roll and the credential mail (admin)' },
      { name: 'voting', description: 'What a voter does with a credential' },
    ],
    security: [],
    paths,
    components: {
      securitySchemes: {
        [BEARER_AUTH]: {
          type: 'http',
          scheme: 'bearer',
          description:
            "A committee member's session (the console's sign-in), a personal API token (`elect_…`, made with `npm run cli -- tokens create`), or the deployment's admin token (`ADMIN_TOKEN` locally, acting as the committee member `npm start` prints). Each route states the role it needs (`x-role`).",
        },
      },
      responses: {
        Fault: refusal('A fault of ours (`internal_error`): nothing was changed unless the message says so.'),
        Busy: refusal('Throttled even after retries (`busy`): nothing was changed; try again in a moment.'),
      },
    },
  });
}

let built: ReturnType<typeof buildDocument> | undefined;

/** Built on first request only, so that no other route's cold start pays for it. */
export function openApiDocument() {
  built ??= buildDocument();
  return built;
}
