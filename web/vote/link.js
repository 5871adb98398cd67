// @ts-check
/**
 * The e-mailed link is `/vote#election=<id>&token=<token>`, and the results e-mail's
 * `/vote#election=<id>&view=count-sheet`. The fragment never leaves the browser; the token is
 * taken out of the address bar before anything else happens, so it lands in no history entry,
 * bookmark or screenshot of the address bar.
 */

const ELECTION_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
/** The parts of the page a link may open at. */
const VIEWS = /** @type {const} */ (['count-sheet']);

/**
 * @param {string} hash `location.hash`, with or without its `#`
 * @returns {{ electionId?: string, token?: string, view?: (typeof VIEWS)[number] }} only values of the right shape
 */
export function parseLink(hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const electionId = params.get('election')?.trim() ?? '';
  const token = params.get('token')?.trim() ?? '';
  const view = VIEWS.find((known) => known === params.get('view'));
  return { electionId: ELECTION_ID.test(electionId) ? electionId : undefined, token: TOKEN.test(token) ? token : undefined, ...(view && { view }) };
}

/** @param {string} token */
export const isTokenShaped = (token) => TOKEN.test(token);

/**
 * Reads the link and rewrites the address to hold only the election (and the view it opens at),
 * replacing the history entry.
 * @param {Location} location
 * @param {History} history
 */
export function takeLink(location, history) {
  const link = parseLink(location.hash);
  const kept = link.electionId ? `#election=${link.electionId}${link.view ? `&view=${link.view}` : ''}` : '';
  history.replaceState(null, '', `${location.pathname}${kept}`);
  return link;
}
