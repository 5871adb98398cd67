// @ts-check
/**
 * The API's shapes as the page reads them (types only): the ballot, the count sheet and each
 * contest's result are the backend's own types (domain/election.ts, domain/counting/sheet.ts and
 * domain/tallyResult.ts import nothing the browser lacks); the rest names just the fields the
 * page reads.
 */

/**
 * @typedef {{ name: string, pageLink: string, list?: string }} Candidate
 * @typedef {import('../../domain/counting/sheet').CountingMethod} CountingMethod
 * @typedef {import('../../domain/election').BallotDefinition} BallotDefinition
 * @typedef {{ id: string, title: string, description?: string, ballot: BallotDefinition, candidates: Candidate[] }} Contest
 *   one ballot paper; `contests` lists them in the order voters see them
 * @typedef {{ id: string, title: string, phase: string, window?: { opensAt?: string, closesAt?: string }, compromised: boolean,
 *   contests?: Contest[], ballot?: BallotDefinition, candidates?: Candidate[] }} Election
 *   `ballot` and `candidates` are those of its only contest, and absent when it has several
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
 * @typedef {import('../../domain/counting/sheet').CountSheet} CountSheet
 * @typedef {import('../../domain/counting/sheet').CountRound} CountRound
 * @typedef {import('../../domain/counting/sheet').Lot} Lot
 * @typedef {import('../../domain/counting/sheet').SchulzeSection} SchulzeSection
 * @typedef {import('../../domain/counting/sheet').ListSection} ListSection
 * @typedef {import('../../domain/counting/sheet').ReferendumSection} ReferendumSection
 * @typedef {import('../../domain/tallyResult').TallyResult} Result the backend's own type
 * @typedef {{ id: string, result: Result, turnout: { voted: number, registered: number }, seal: { digest: string } }} Results
 *   an election of one contest
 * @typedef {{ voted: number, postal?: number, registered: number }} Turnout `voted` online; `registered` may vote in it
 * @typedef {{ id: string, title: string, ballot: BallotDefinition, result: Result, turnout: Turnout }} ContestResults
 * @typedef {{ id: string, contests: ContestResults[], turnout: Turnout, seal: { digest: string } }} ContestsResults
 *   an election of several contests
 */

export {};
