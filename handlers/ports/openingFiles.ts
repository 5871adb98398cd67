/**
 * The files of a sealed box's opening (each mix's outputs and shuffle proof, each trustee's
 * decryption shares), kept beside the election's log under their SHA-256, which the log's
 * MixAccepted and DecryptionAccepted events record: too large for an event, and fixed by it.
 */
export interface OpeningFiles {
  /** Keeps a file under its digest; the same digest again is the same content, and the first stands. */
  putOpeningFile(electionId: string, digest: string, content: string): Promise<void>;
  getOpeningFile(electionId: string, digest: string): Promise<string | undefined>;
}

/** A file is kept in parts of at most this many characters (one DynamoDB item each, under its 400 KB). */
export const OPENING_FILE_PART_CHARACTERS = 300_000;

export const openingFileParts = (content: string): string[] =>
  Array.from({ length: Math.max(1, Math.ceil(content.length / OPENING_FILE_PART_CHARACTERS)) }, (_, i) => content.slice(i * OPENING_FILE_PART_CHARACTERS, (i + 1) * OPENING_FILE_PART_CHARACTERS));

/**
 * Where the workflow waits for the committee to open the box (a Step Functions task token, on
 * AWS): kept beside the log, never in it, so that the last decryption can end the wait.
 */
export interface OpeningWait {
  /** Keeps the token of the execution now waiting; a retried execution's replaces it. */
  recordOpeningWait(electionId: string, taskToken: string): Promise<void>;
  openingWait(electionId: string): Promise<string | undefined>;
}
