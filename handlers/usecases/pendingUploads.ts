import { fail, ok, sha256, type ExistingElection, type Result } from '../../domain';
import { PENDING_UPLOAD_DAYS, type Deps, type PendingUploads, type UploadPart } from '../ports';
import { openable } from './openingUploads';

/**
 * An opening file sent in parts (contract/sealedBox.ts): each part kept beside the log as it
 * arrives, then, when the mix or decryption is posted as `{ upload }`, the parts joined, checked
 * against the SHA-256 that names them and read as the one-request body is.
 */

type UploadDeps = { store: PendingUploads } & Pick<Deps, 'clock'>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Keeps one part of an upload for a contest whose box is being opened; refuses an index past the count, or a count other than the upload's first part gave. */
export async function receiveUploadPart(
  deps: UploadDeps,
  state: ExistingElection,
  contestId: string,
  digest: string,
  part: UploadPart,
): Promise<Result<{ upload: string; part: number; parts: number }>> {
  const statement = openable(state, contestId);
  if (!statement.ok) return statement;
  if (part.index > part.parts) return fail('invalid', `index: part ${part.index} is out of range: the upload has ${part.parts} parts (1 to ${part.parts})`);
  const expiresAt = new Date(deps.clock.now().getTime() + PENDING_UPLOAD_DAYS * DAY_MS);
  const kept = await deps.store.putUploadPart(state.electionId, digest, part, expiresAt);
  if (kept.parts !== part.parts) return fail('conflict', `parts: upload ${digest} was begun with ${kept.parts} parts, not ${part.parts}: send every part with the same count`);
  return ok({ upload: digest, part: part.index, parts: part.parts });
}

/** The upload's whole text: refused, naming the parts, while any has not arrived, and when the parts joined are not the text the SHA-256 names. */
export async function joinedUpload(deps: { store: PendingUploads }, electionId: string, digest: string): Promise<Result<{ text: string; parts: number }>> {
  const upload = await deps.store.readUpload(electionId, digest);
  if (upload === undefined) return fail('conflict', `upload: no part of upload ${digest} has arrived (or its parts have expired): send its parts first`);
  const missing = Array.from({ length: upload.parts }, (_, i) => i + 1).filter((index) => !upload.arrived.has(index));
  if (missing.length > 0) return fail('conflict', `upload: ${partsNamed(missing)} of ${upload.parts} ${missing.length === 1 ? 'has' : 'have'} not arrived`);
  const text = Array.from({ length: upload.parts }, (_, i) => upload.arrived.get(i + 1)!).join('');
  const hashed = sha256(text);
  if (hashed !== digest)
    return fail('invalid', `upload: its ${upload.parts} parts joined hash to ${hashed}, not to ${digest}: a part holds other text than the upload's; send it again under the SHA-256 of its own text`);
  return ok({ text, parts: upload.parts });
}

/** The upload's whole text read as JSON, refused as joinedUpload refuses it or when it is not JSON. */
export async function assembledUpload(deps: { store: PendingUploads }, electionId: string, digest: string): Promise<Result<unknown>> {
  const joined = await joinedUpload(deps, electionId, digest);
  if (!joined.ok) return joined;
  try {
    return ok(JSON.parse(joined.value.text));
  } catch {
    return fail('invalid', `upload: the ${joined.value.parts} parts joined are not JSON`);
  }
}

/** "part 3", "parts 3 and 7", "parts 2, 3 and 7". */
function partsNamed(indexes: number[]): string {
  if (indexes.length === 1) return `part ${indexes[0]}`;
  return `parts ${indexes.slice(0, -1).join(', ')} and ${indexes.at(-1)}`;
}
