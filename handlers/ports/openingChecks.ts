import type { Actor } from '../../domain/committee';
/** What an uploaded opening file is: a mixer's shuffle, or a trustee's decryption shares. */
export type OpeningUploadKind = 'mix' | 'decryption';

/** What the opening-check workflow is started with: the upload (kept as a pending upload under its SHA-256) and how to cut its check. */
export interface OpeningCheckInput {
  electionId: string;
  contest: string;
  kind: OpeningUploadKind;
  /** The SHA-256 of the upload's whole text: the pending upload it reads. */
  upload: string;
  /** When this check was begun (ISO): a check begun again keeps its parts' verdicts apart from the last one's. */
  run: string;
  /** Papers in one part of the check, each part one run of the part's function. */
  papersPerPart: number;
  /** The mix's place in the contest's opening, fixed when it was posted (its proof is bound to it); null for a decryption. */
  position: number | null;
  /** The committee member who posted it: the log records them as asking for the mix's or decryption's acceptance. */
  by?: Actor;
}

/**
 * Starts the workflow that checks an upload too large to check within one API request: its proofs
 * in parts, in parallel (a Distributed Map on AWS), then the mix or decryption accepted or refused.
 */
export interface OpeningCheckStarter {
  /** The most ciphertexts (papers × ciphertexts a paper) the API checks within its own request; a larger upload goes to the workflow. */
  readonly inlineCiphertexts: number;
  /** About how many ciphertexts one part of the workflow's check takes. */
  readonly ciphertextsPerPart: number;
  startOpeningCheck(input: OpeningCheckInput): Promise<void>;
  /** Whether the execution of this check's run is still running: a record left "checking" by one that is not (stopped with the local stack, say) is begun again. */
  isRunning(check: Pick<OpeningCheckInput, 'electionId' | 'upload' | 'run'>): Promise<boolean>;
}

/** Where a check stands: running, or ended with the mix or decryption accepted (its event in the log) or refused (why, as the API would refuse it). */
export interface OpeningCheckRecord {
  contest: string;
  kind: OpeningUploadKind;
  run: string;
  state: 'checking' | 'accepted' | 'refused';
  /** The parts its proofs were cut into, once the check has planned them. */
  parts?: number;
  error?: { code: string; message: string };
}

/**
 * A check's record and its parts' verdicts, kept beside the log with the upload's pending parts
 * (and expiring with them): never in the log or the export, which hold only what was accepted.
 */
export interface OpeningChecks {
  putOpeningCheck(electionId: string, upload: string, record: OpeningCheckRecord, expiresAt: Date): Promise<void>;
  /** The check's record and how many of its run's parts have a verdict; undefined when no check of this upload was begun. */
  readOpeningCheck(electionId: string, upload: string): Promise<(OpeningCheckRecord & { checked: number }) | undefined>;
  /** One part's verdict (JSON text), under the check's run and the part's index. */
  putOpeningCheckPart(electionId: string, upload: string, run: string, index: number, verdict: string, expiresAt: Date): Promise<void>;
  /** The verdicts of a run's parts, by index. */
  readOpeningCheckParts(electionId: string, upload: string, run: string): Promise<Map<number, string>>;
}
