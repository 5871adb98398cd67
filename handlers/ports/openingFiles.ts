/**
 * The files of a sealed box's opening (each mix's outputs and shuffle proof, each trustee's
 * decryption shares), kept beside the election's log under their SHA-256, which the log's
 * MixAccepted and DecryptionAccepted events record: too large for an event, and fixed by it.
 */
export interface OpeningFiles {
  /** Keeps a file under its digest; the same digest again is the same content, and the first stands. */
  putOpeningFile(electionId: string, digest: string, content: string): Promise<void>;
  getOpeningFile(electionId: string, digest: string): Promise<string | undefined>;
  /** How many parts a file is kept in: 0 when there is no such file. */
  countOpeningFileParts(electionId: string, digest: string): Promise<number>;
  /** Parts `first` to `first + count − 1` (from 0) of a file, joined: a file too large for one answer is read a few parts at a time. */
  readOpeningFileParts(electionId: string, digest: string, first: number, count: number): Promise<string>;
}

/** A file is kept in parts of at most this many characters (one DynamoDB item each, under its 400 KB). */
export const OPENING_FILE_PART_CHARACTERS = 300_000;

export const openingFileParts = (content: string, partCharacters = OPENING_FILE_PART_CHARACTERS): string[] =>
  Array.from({ length: Math.max(1, Math.ceil(content.length / partCharacters)) }, (_, i) => content.slice(i * partCharacters, (i + 1) * partCharacters));
