import type { CountingMethod, CountSheet } from './counting/sheet';

/**
 * A contest's result as the tally records it and the API publishes it. It imports only the count
 * sheet's types, which import nothing, so the voter page reads results by this very type.
 */
export interface TallyResult {
  ballots: number;
  abstentions: number;
  /** In a sealed election: papers that decrypted to no paper of the contest, counted as invalid (among `ballots`). */
  invalid?: number;
  seats: number;
  /**
   * Every candidate, most votes first; equal counts keep the order candidates were added in. For
   * ranked ballots, first preferences; for list ballots, each list's total; for a referendum, yes and no.
   */
  counts: { candidate: string; votes: number }[];
  /** Who won a seat: in order of election where the rule has one. RON never: its seats are `vacant`. */
  elected: string[];
  /** Plurality only: candidates with equal votes competing for the seats left over, a tie reported, never broken. */
  tied: string[];
  /** How the ballots were counted; absent for plurality (and in every result recorded before other methods existed). */
  method?: CountingMethod;
  /** Seats left empty: won by RON, or a list's seats beyond its candidates. Absent when none could be. */
  vacant?: number;
  /** A referendum's decision. */
  passed?: boolean;
  /** The count sheet of every rule but plurality, whose counts are its whole sheet. */
  sheet?: CountSheet;
}
