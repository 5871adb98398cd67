import type { BallotDefinition, Candidate, ElectionId, SealedBallot } from './election';
import type { Breach } from './events';

/** Everything anyone can ask of an election's lifecycle. Times come in from outside: the domain has no clock. */
export type ElectionCommand =
  | {
      type: 'CreateElection';
      electionId: ElectionId;
      title: string;
      ballot: BallotDefinition;
      candidates?: Candidate[];
      observers?: string[];
      window?: { opensAt?: string; closesAt: string; reminders?: string[] };
      now: Date;
    }
  | { type: 'AddCandidates'; candidates: Candidate[] }
  | { type: 'RegisterVoters'; count: number; groups?: Record<string, number> }
  /** Without opensAt the current opening time is kept (the thesis's `set_deadline`), and so are the reminders without `reminders`. */
  | { type: 'SetVotingWindow'; opensAt?: string; closesAt: string; reminders?: string[]; now: Date }
  | { type: 'SetObservers'; observers: string[] }
  | { type: 'Lock' }
  /** Opens voting now, or schedules it when the window opens later. */
  | { type: 'Start'; now: Date }
  | { type: 'Open'; now: Date }
  | { type: 'Close'; now: Date }
  | { type: 'SealAndTally'; ballots: readonly SealedBallot[] }
  | { type: 'Publish'; now: Date }
  | { type: 'ReissueCredential'; voter: string; requestedBy: 'voter' | 'admin' }
  | { type: 'CorrectVoterAddress'; voter: string }
  /** The workflow queued reminder `round` to `voters` voters who had not voted. */
  | { type: 'RecordReminders'; round: number; voters: number }
  | { type: 'RecordLifecycleFailure'; step: string; error: string }
  | { type: 'RecordBreach'; breach: Breach };
