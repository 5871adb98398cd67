import type { Role } from '../../domain/committee';

/**
 * The groups of routes, one Lambda function each on AWS, so that each function's role holds only
 * what its routes need: the cast path cannot touch the event stream, readers write nothing.
 */
export type RouteGroup = 'read' | 'cast' | 'newLink' | 'admin' | 'commands' | 'record';

/** Where a route is, as API Gateway writes routes (`{name}` placeholders), and which group serves it. */
export interface RouteAddress {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  group: RouteGroup;
  /**
   * The role a signed-in member needs (domain/committee.ts, `holds`): a committee member may do
   * what the help desk does, and both what an observer reads. Absent: public, or (the 2019
   * command API) checked by the command's own token.
   */
  role?: Role;
}

/**
 * Every route of the API. The routes take their method and path from here, the router its
 * groups, and the CDK stack its routes and functions' roles, without loading the handlers.
 *
 * `read` is the public reads: every GET but the two only an admin may make (the list of
 * elections and the mail report), and the receipt check. `cast` casts, and tells a credential's
 * holder which papers it may cast. `newLink` re-issues credentials for whoever asks by address:
 * it may revoke and queue, nothing else. `record` writes the official record's PDF, a public read
 * whose function alone bundles the PDF library and fonts. `commands` is the 2019 API; `admin`
 * everything else.
 */
export const API_ROUTES = {
  createElection: { method: 'POST', path: '/elections', group: 'admin', role: 'committee' },
  listElections: { method: 'GET', path: '/elections', group: 'admin', role: 'observer' },
  /** Who the bearer token signs in: the console and the CLI show it. */
  signedIn: { method: 'GET', path: '/me', group: 'admin', role: 'observer' },
  /** The log as it grows, a page at a time, for observers: public, no token. */
  events: { method: 'GET', path: '/elections/{id}/events', group: 'read' },
  election: { method: 'GET', path: '/elections/{id}', group: 'read' },
  candidates: { method: 'GET', path: '/elections/{id}/candidates', group: 'read' },
  addCandidates: { method: 'POST', path: '/elections/{id}/candidates', group: 'admin', role: 'committee' },
  setWindow: { method: 'PUT', path: '/elections/{id}/window', group: 'admin', role: 'committee' },
  setObservers: { method: 'PUT', path: '/elections/{id}/observers', group: 'admin', role: 'committee' },
  setMailWording: { method: 'PUT', path: '/elections/{id}/mail-wording', group: 'admin', role: 'committee' },
  previewMail: { method: 'GET', path: '/elections/{id}/mail-preview', group: 'admin', role: 'committee' },
  recordObjection: { method: 'POST', path: '/elections/{id}/objections', group: 'admin', role: 'committee' },
  decideObjection: { method: 'POST', path: '/elections/{id}/objections/{objection}/decision', group: 'admin', role: 'committee' },
  lock: { method: 'POST', path: '/elections/{id}/lock', group: 'admin', role: 'committee' },
  start: { method: 'POST', path: '/elections/{id}/start', group: 'admin', role: 'committee' },
  /** The committee's acceptance of the counted results, which two of its members give: proposed, then confirmed. */
  acceptResults: { method: 'POST', path: '/elections/{id}/acceptance', group: 'admin', role: 'committee' },
  /** A contest's postal papers, entered twice by two committee members after the count; and how each contest's stand. */
  enterPostalPapers: { method: 'POST', path: '/elections/{id}/postal-papers', group: 'admin', role: 'committee' },
  postalPapers: { method: 'GET', path: '/elections/{id}/postal-papers', group: 'admin', role: 'observer' },
  retryWorkflow: { method: 'POST', path: '/elections/{id}/workflow/retry', group: 'admin', role: 'committee' },
  addVoters: { method: 'POST', path: '/elections/{id}/voters', group: 'admin', role: 'committee' },
  postalVoters: { method: 'POST', path: '/elections/{id}/postal-voters', group: 'admin', role: 'committee' },
  reissue: { method: 'POST', path: '/elections/{id}/voters/{studentId}/reissue', group: 'admin', role: 'helpdesk' },
  correctAddress: { method: 'PUT', path: '/elections/{id}/voters/{studentId}/email', group: 'admin', role: 'helpdesk' },
  /** Who on the roll got no mail: a read only an admin may make. */
  mailReport: { method: 'GET', path: '/elections/{id}/mail', group: 'admin', role: 'observer' },
  /** A voter's own request for a new link: public, and answered alike whoever asks. */
  newLink: { method: 'POST', path: '/elections/{id}/credentials/resend', group: 'newLink' },
  cast: { method: 'POST', path: '/elections/{id}/ballots', group: 'cast' },
  /** The papers a voter's credential may cast: public, answered only to the credential's holder. */
  papers: { method: 'POST', path: '/elections/{id}/papers', group: 'cast' },
  turnout: { method: 'GET', path: '/elections/{id}/turnout', group: 'read' },
  auditLog: { method: 'GET', path: '/elections/{id}/audit-log', group: 'read' },
  /** The official record (Wahlniederschrift) as a PDF, once the votes are counted: public, like the log it is built from. */
  officialRecord: { method: 'GET', path: '/elections/{id}/record.pdf', group: 'record' },
  /**
   * Anyone holding a receipt may check it. The published box names each ballot by ballotIdOf its
   * receipt, so a ballot id from the export is no receipt and checks nothing.
   */
  receiptCheck: { method: 'POST', path: '/elections/{id}/receipts/check', group: 'read' },
  results: { method: 'GET', path: '/elections/{id}/results', group: 'read' },
  openApi: { method: 'GET', path: '/openapi.json', group: 'read' },
  /** A sealed election's key ceremony: public to follow, each trustee's message posted by the committee. */
  ceremony: { method: 'GET', path: '/elections/{id}/ceremony', group: 'read' },
  ceremonyCertificate: { method: 'POST', path: '/elections/{id}/ceremony/certificates', group: 'admin', role: 'committee' },
  ceremonyDealing: { method: 'POST', path: '/elections/{id}/ceremony/dealings', group: 'admin', role: 'committee' },
  ceremonyReview: { method: 'POST', path: '/elections/{id}/ceremony/reviews', group: 'admin', role: 'committee' },
  /** A contest's sealed papers with the voters' proofs, by tracker: public, so that voters find theirs and anyone checks them. */
  board: { method: 'GET', path: '/elections/{id}/board/{contest}', group: 'read' },
  /** A contest's opening after the seal: public, as is each mix; the mixes and decryptions are posted by the committee's trustees. */
  opening: { method: 'GET', path: '/elections/{id}/opening/{contest}', group: 'read' },
  openingMix: { method: 'GET', path: '/elections/{id}/opening/{contest}/mixes/{position}', group: 'read' },
  /** A part of a mix or decryption too large for one request, put under the SHA-256 of its whole text before the mix or decryption names it. */
  uploadPart: { method: 'PUT', path: '/elections/{id}/opening/{contest}/uploads/{upload}/parts/{index}', group: 'admin', role: 'committee' },
  submitMix: { method: 'POST', path: '/elections/{id}/opening/{contest}/mixes', group: 'admin', role: 'committee' },
  submitDecryption: { method: 'POST', path: '/elections/{id}/opening/{contest}/decryptions', group: 'admin', role: 'committee' },
  /** Where the check of a mix or decryption too large for one request stands, which the workflow runs after the post. */
  openingCheck: { method: 'GET', path: '/elections/{id}/opening/{contest}/checks/{upload}', group: 'admin', role: 'committee' },
  /** The committee's members at the identity provider: invited, given another role or removed by the committee, each change carried into the elections' rosters. */
  listMembers: { method: 'GET', path: '/members', group: 'admin', role: 'committee' },
  inviteMember: { method: 'POST', path: '/members', group: 'admin', role: 'committee' },
  setMemberRole: { method: 'PUT', path: '/members/{memberId}/role', group: 'admin', role: 'committee' },
  /** A POST, not a DELETE: the routes take GET, POST and PUT only, here and on API Gateway. */
  removeMember: { method: 'POST', path: '/members/{memberId}/remove', group: 'admin', role: 'committee' },
  /** A member's own personal API tokens: any member makes, lists and revokes theirs. */
  createApiToken: { method: 'POST', path: '/tokens', group: 'admin', role: 'observer' },
  listApiTokens: { method: 'GET', path: '/tokens', group: 'admin', role: 'observer' },
  revokeApiToken: { method: 'POST', path: '/tokens/{tokenId}/revoke', group: 'admin', role: 'observer' },
  /** Where the console sends a member to sign in, and the exchange of the code they come back with: public, since nobody is signed in yet. */
  signInStart: { method: 'GET', path: '/sign-in', group: 'admin' },
  signInToken: { method: 'POST', path: '/sign-in/token', group: 'admin' },
  /** The command line's refresh token, for a new access token, or to end its sign-in: public, since the refresh token is the proof. */
  signInRefresh: { method: 'POST', path: '/sign-in/refresh', group: 'admin' },
  signOut: { method: 'POST', path: '/sign-out', group: 'admin' },
  commands: { method: 'POST', path: '/commands', group: 'commands' },
} as const satisfies Record<string, RouteAddress>;

/** The routes one group's function serves. */
export const routesOf = (group: RouteGroup): RouteAddress[] => Object.values(API_ROUTES).filter((route) => route.group === group);
