// @ts-check
/**
 * The API's shapes as the page reads them (types only). The backend's own types live in domain/
 * (election.ts, counting/sheet.ts); the page cannot import them, since they reach Node-only
 * modules, so these name just the fields the page reads, under the same names.
 */

/**
 * @typedef {{ name: string, pageLink: string, list?: string }} Candidate
 * @typedef {'irv' | 'scottish-stv' | 'meek-stv' | 'schulze'} RankedMethod
 * @typedef {'dhondt' | 'sainte-lague' | 'hare-niemeyer'} ListMethod
 * @typedef {'plurality' | RankedMethod | ListMethod | 'referendum'} CountingMethod
 * @typedef {{ kind: 'single', ron?: boolean }
 *   | { kind: 'multi', maxChoices: number }
 *   | { kind: 'ranked', method: RankedMethod, seats: number, ron?: boolean }
 *   | { kind: 'list', method: ListMethod, seats: number, lists: string[], votes: number, maxPerCandidate: number }
 *   | { kind: 'referendum', majority: 'simple' | 'two-thirds', quorumPercent?: number }} BallotDefinition
 * @typedef {{ id: string, title: string, phase: string, ballot: BallotDefinition, window?: { opensAt?: string, closesAt?: string },
 *   candidates: Candidate[], compromised: boolean }} Election
 * @typedef {{ choices: string[] } | { abstain: true }} Choice
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
 * @typedef {{ candidate: string, reason: string }} Decision
 * @typedef {{ round: number, action: string, votes: Record<string, string>, transfers?: Record<string, string>, transferValue?: string,
 *   nonTransferable?: string, quota?: string, elected: Decision[], excluded: Decision[] }} CountRound
 * @typedef {{ round: number, purpose: string, among: string[], chosen: string, draw: string }} Lot
 * @typedef {{ preferences: number[][], strongestPaths: number[][], ranking: string[] }} SchulzeSection
 * @typedef {{ results: { list: string, votes: string, seats: number, elected: string[], emptySeats: number }[],
 *   steps: { seat: number, list: string, quotient: string, reason: string }[] }} ListSection
 * @typedef {{ yes: number, no: number, abstain: number, majority: 'simple' | 'two-thirds', quorumVotes?: number, passed: boolean, reason: string }} ReferendumSection
 * @typedef {{ method: CountingMethod, seats: number, candidates: string[], validBallots: number, quota?: string, elected: string[], vacant: number,
 *   nonTransferable?: string, rounds: CountRound[], lots: Lot[], schulze?: SchulzeSection, lists?: ListSection, referendum?: ReferendumSection }} CountSheet
 * @typedef {{ counts: { candidate: string, votes: number }[], abstentions: number, elected: string[], tied: string[],
 *   method?: CountingMethod, vacant?: number, passed?: boolean, sheet?: CountSheet }} Result
 * @typedef {{ id: string, result: Result, turnout: { voted: number, registered: number }, seal: { digest: string } }} Results
 */

export {};
