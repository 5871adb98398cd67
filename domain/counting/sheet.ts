/** The count sheet and the rules' names. It imports nothing, so the voter page's type check reads it too (web/vote/model.js). */

/** Every counting rule the system pins (docs/counting.md, "The rules, exactly", gives each rule's text). */
export const RANKED_METHODS = ['irv', 'scottish-stv', 'meek-stv', 'schulze'] as const;
export const LIST_METHODS = ['dhondt', 'sainte-lague', 'hare-niemeyer'] as const;
export type RankedMethod = (typeof RANKED_METHODS)[number];
export type ListMethod = (typeof LIST_METHODS)[number];
/**
 * What a vote for a whole list counts as, where unions' rules differ: `one`, one list vote for the
 * list's total and none for its candidates (the default, and how every election before the choice
 * counted); `all`, the voter's `votes` given to the list's candidates down the list in order
 * (counting/wholeListVote.ts).
 */
export const LIST_VOTES = ['one', 'all'] as const;
export type ListVote = (typeof LIST_VOTES)[number];
export type CountingMethod = 'plurality' | RankedMethod | ListMethod | 'referendum';

/** Each rule's name in words, for sheets, mails and the CLI. */
export const METHOD_NAMES: Record<CountingMethod, string> = {
  plurality: 'plurality',
  irv: 'instant-runoff voting (IRV)',
  'scottish-stv': 'single transferable vote, Scottish rules (SSI 2007/42)',
  'meek-stv': "single transferable vote, Meek's method (PRF reference rule)",
  schulze: 'Schulze method (winning votes)',
  dhondt: "D'Hondt",
  'sainte-lague': 'Sainte-Laguë/Schepers',
  'hare-niemeyer': 'Hare-Niemeyer (largest remainder)',
  referendum: 'referendum',
};

/**
 * The public record of one count: enough for anyone to follow it round by round and check it by
 * hand. Every vote figure is a decimal string at the rule's scale ("12.00000" for Scottish STV,
 * "12.000000000" for Meek STV, "12" for whole-vote rules), never a float.
 */
export interface CountSheet {
  method: CountingMethod;
  seats: number;
  /** Candidates (or, for list methods, lists) in ballot order, as counted; withdrawn ones are left out. */
  candidates: string[];
  /** Ballots that counted for someone (abstentions and empty ballots are not valid votes). */
  validBallots: number;
  /** The quota at the end of the count, where the rule has one. */
  quota?: string;
  /** Who won a seat, in order of election (for list methods: lists' candidates in seat order). RON never appears here. */
  elected: string[];
  /** Seats left empty: won by "re-open nominations", or a list with more seats than candidates. */
  vacant: number;
  /** Each counted candidate's (or list's) votes at the end of the count. */
  final: Record<string, string>;
  /** Votes that left the count (exhausted ballots and rounding losses) by the end, where the rule moves votes. */
  nonTransferable?: string;
  rounds: CountRound[];
  /** Every tie the rule decided by lot, in order. */
  lots: Lot[];
  /** Schulze: the pairwise table and the strongest paths, indexed like `candidates`; the full ranking. */
  schulze?: SchulzeSection;
  /** List methods: the seats each list won and who filled them. */
  lists?: ListSection;
  /** Referendums: the answer counts and the decision. */
  referendum?: ReferendumSection;
}

/** One stage of a count: the votes after it, and what happened in it. */
export interface CountRound {
  /** 1-based. */
  round: number;
  /** What the stage did: "first preferences", "surplus of X", "exclusion of X", "divisor step". */
  action: string;
  /**
   * Votes of every candidate still counted after this stage (elected ones included, excluded ones
   * left out once their votes have moved; under Meek they move in the next round, so a candidate
   * excluded in a round is listed in it with the votes that excluded them).
   */
  votes: Record<string, string>;
  /** Votes moved in this stage, by receiving candidate, where the stage moved any. */
  transfers?: Record<string, string>;
  /** The transfer value used, where one applies. */
  transferValue?: string;
  /** Non-transferable votes so far. */
  nonTransferable?: string;
  /** The quota in this stage (Meek STV recomputes it). */
  quota?: string;
  elected: Decision[];
  excluded: Decision[];
}

export interface Decision {
  candidate: string;
  /** Why, in the rule's words: "reached the quota", "lowest votes", "lowest votes, tie broken by lot", "remaining seats filled". */
  reason: string;
}

export interface SchulzeSection {
  /** preferences[i][j]: ballots ranking candidates[i] above candidates[j]. */
  preferences: number[][];
  /** strongestPaths[i][j]: the winning-votes strength of the strongest path from i to j. */
  strongestPaths: number[][];
  /** Everyone, best first; ties in the strongest-path order broken by lot (recorded in `lots`). */
  ranking: string[];
}

export interface ListSection {
  /** Per list, in ballot order: its total (candidates' votes plus list votes), seats won and who fills them. */
  results: { list: string; votes: string; seats: number; elected: string[]; emptySeats: number }[];
  /** Divisor methods: each seat in the order it was given, with the quotient that won it. Hare-Niemeyer: the quota share and remainder per list. */
  steps: { seat: number; list: string; quotient: string; reason: string }[];
  /** Per list name: seats won. */
  seatsByList: Record<string, number>;
  /** What a vote for a whole list counted as, when the ballot named it (sheets before it could be named counted `one`). */
  listVote?: ListVote;
}

export interface ReferendumSection {
  yes: number;
  no: number;
  abstain: number;
  /** "simple": more yes than no; "two-thirds": yes at least two thirds of yes + no. Abstentions count for neither. */
  majority: 'simple' | 'two-thirds';
  /** Yes votes needed by the quorum (a share of registered voters), when there is one. */
  quorumVotes?: number;
  passed: boolean;
  reason: string;
}

/** One lot as the count sheet records it, so that anyone can draw it again. */
export interface Lot {
  /** The round (stage) of the count in which it was drawn. */
  round: number;
  /** What it decides, in the rule's words: "exclude", "surplus", "elect", "seat", "rank". */
  purpose: string;
  /** The tied candidates (or lists), sorted by code point: the order the draw indexes. */
  among: string[];
  chosen: string;
  /** SHA-256 (hex) of the seed, the contest, the round, the purpose and `among`; `chosen` is among[draw mod among.length]. */
  draw: string;
}
