/**
 * The parts of an opening file sent in parts (contract/sealedBox.ts: uploadPart), kept beside the
 * log under the SHA-256 of the whole text until the mix or decryption is posted: never in the log
 * or the export, since a pending upload is no accepted data. Each item expires a day after it
 * arrived (DynamoDB's TTL), accepted or abandoned; a part sent again puts back what expired.
 */
export interface PendingUploads {
  /**
   * Keeps part `index` (from 1) of an upload of `parts` parts, unless it is there already (the
   * first copy stands). The upload's count of parts is fixed by its first part: the count it was
   * begun with is returned, and a part sent with another count is not kept.
   */
  putUploadPart(electionId: string, digest: string, part: UploadPart, expiresAt: Date): Promise<{ parts: number }>;
  /** The upload's count of parts and the parts that have arrived whole, by index; undefined when no part has. */
  readUpload(electionId: string, digest: string): Promise<PendingUpload | undefined>;
}

export interface UploadPart {
  index: number;
  parts: number;
  text: string;
}

export interface PendingUpload {
  parts: number;
  arrived: Map<number, string>;
}

/** How long a pending upload's parts are kept after they arrive: long enough to send the rest, short enough that abandoned ones do not pile up. */
export const PENDING_UPLOAD_DAYS = 1;
