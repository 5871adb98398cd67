// @ts-check
/**
 * The API's shapes as the page reads them (types only), by the very functions that make the
 * answers (contract/views.ts) and the domain's own types: the server-side code they
 * import is type-checked for the browser too (node:crypto stands for web/lib/node-crypto.ts).
 */

/**
 * @typedef {import('../../domain/election').Candidate} Candidate
 * @typedef {import('../../domain/counting/sheet').CountingMethod} CountingMethod
 * @typedef {import('../../domain/election').BallotDefinition} BallotDefinition
 * @typedef {import('../../contract/views').PublicElectionView} Election
 *   `ballot` and `candidates` are those of its only contest, and absent when it has several;
 *   `box` is `sealed` for a sealed election, with `electionKey`, the committee's key its papers
 *   are sealed under, once the key ceremony is complete
 * @typedef {Election['contests'][number]} Contest one ballot paper; `contests` lists them in the order voters see them
 * @typedef {{ title: string, ballot: BallotDefinition, candidates: Candidate[] }} BallotSource
 *   what a ballot is made from: an election of one contest, or one contest of several
 * @typedef {{ choices: string[] } | { abstain: true }} Choice
 * @typedef {Record<string, Choice>} Papers one choice per contest voted in, by contest id
 * @typedef {{ heading: string, body: (Node | string | null | false)[] }} View
 * @typedef {import('./i18n.js').Messages} Messages
 * @typedef {import('./i18n.js').Lang} Lang
 */

/**
 * A ballot being filled in. It holds the voter's marks, so they survive a language switch and the
 * way back from review; every method takes the messages of the language shown now.
 * @typedef {object} Ballot
 * @property {(m: Messages, invalid: boolean) => Node[]} fields the form's controls; `invalid` marks them as refused
 * @property {(m: Messages) => string | undefined} problem why the marks cannot be cast, in words the voter can act on
 * @property {() => Choice} choice what is sent
 * @property {(m: Messages) => Node[]} review what the voter is about to cast
 */

/**
 * @typedef {import('../../contract/views').ResultsView} ResultsView
 * @typedef {import('../../domain/counting/sheet').CountSheet} CountSheet
 * @typedef {import('../../domain/counting/sheet').CountRound} CountRound
 * @typedef {import('../../domain/counting/sheet').Lot} Lot
 * @typedef {import('../../domain/counting/sheet').SchulzeSection} SchulzeSection
 * @typedef {import('../../domain/counting/sheet').ListSection} ListSection
 * @typedef {import('../../domain/counting/sheet').ReferendumSection} ReferendumSection
 * @typedef {import('../../domain/tallyResult').TallyResult} Result the backend's own type
 * @typedef {ResultsView & { result: Result }} Results an election of one contest
 * @typedef {ResultsView['contests'][number]} ContestResults
 * @typedef {ContestResults['turnout']} Turnout `voted` online; `registered` may vote in it
 * @typedef {ResultsView} ContestsResults an election of several contests
 */

export {};
