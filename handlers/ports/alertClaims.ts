/**
 * Who is sending the alerts of one CloudTrail event: a lease, on the mail table because it is the
 * one mutable table, so that a claim whose holder died can be taken over once its lease runs out.
 */
export interface AlertClaims {
  /** Takes the right to send the alerts of one CloudTrail event for `leaseMs`: false while another delivery of it (the other path) holds an unexpired claim. */
  claimBreachAlert(cloudTrailEventId: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Gives a claim up at once (its alert failed), so that the delivery Lambda retries takes it again; only the claim made at `now`. */
  releaseBreachAlert(cloudTrailEventId: string, now: Date, leaseMs: number): Promise<void>;
}
