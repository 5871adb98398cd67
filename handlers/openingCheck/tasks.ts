import * as z from 'zod';
import { decryptionUpload, mixUpload, uploadDigest } from '../../contract/sealedBox';
import { electionId } from '../../contract/requestSchemas';
import { schemaProblems } from '../../contract/schemaProblems';
import { fail, ok, type DomainError, type ExistingElection, type Result } from '../../domain';
import type { DecryptionShareJson } from '../../domain/crypto/proofs/decryptionShare';
import type { ShuffleProofJson } from '../../domain/crypto/shuffle';
import { checkOpeningPart, concludeOpeningCheck, planOpeningCheck, type OpeningCheckPlan, type OpeningPartVerdict, type OpeningUpload } from '../../domain/sealedBox/openingCheck';
import type { SealedContestStatement } from '../../domain/crypto/sealedContest';
import type { Deps, OpeningCheckInput } from '../ports';
import { checkExpiry } from '../usecases/openingChecks';
import { acceptCheckedFile, checkInputs, decryptionFile, openable } from '../usecases/openingUploads';
import { assembledUpload } from '../usecases/pendingUploads';

/**
 * The opening-check workflow's tasks (workflows/openingCheck.ts): plan the check of an upload,
 * check each part (many at once, on AWS a Distributed Map), conclude, or record that the check
 * could not run. Each reads the upload from its pending parts and the check's input from the log
 * and the opening files, so that the state passed between them stays small.
 */

const checkInput = z.object({
  electionId,
  contest: z.string().min(1),
  kind: z.enum(['mix', 'decryption']),
  upload: uploadDigest,
  run: z.string().min(1),
  papersPerPart: z.int().min(1),
  position: z.int().nonnegative().nullable(),
  by: z.object({ id: z.string().min(1), name: z.string() }).optional(),
}) satisfies z.ZodType<OpeningCheckInput>;

const planJson = z.object({ parts: z.array(z.object({ index: z.int().nonnegative(), from: z.int().nonnegative(), to: z.int().nonnegative() })), shuffle: z.unknown() });
const partInput = checkInput.extend({ shuffle: z.unknown(), part: planJson.shape.parts.element });
const concludeInput = checkInput.extend({ plan: planJson });
const failureInput = checkInput.extend({ failedStep: z.string(), failure: z.object({ Error: z.string().optional() }).loose().optional() });

/** What the plan hands the Map and the conclusion: the parts, the shuffle's hashes, or that the upload was refused (its record says why). */
export type PlannedCheck = { refused: true; parts: []; shuffle: null } | ({ refused: false } & OpeningCheckPlan);

/** The upload, its contest's statement and the election, as every task reads them; a refusal is what the request would have answered. */
async function uploadUnderCheck(deps: Deps, input: OpeningCheckInput): Promise<Result<{ state: ExistingElection; statement: SealedContestStatement; upload: OpeningUpload }>> {
  const { state } = await deps.store.load(input.electionId);
  if (state.phase === 'none') return fail('not_found', 'no such election');
  const statement = openable(state, input.contest);
  if (!statement.ok) return statement;
  const joined = await assembledUpload(deps, input.electionId, input.upload);
  if (!joined.ok) return joined;
  if (input.kind === 'decryption') {
    const parsed = decryptionUpload.safeParse(joined.value);
    if (!parsed.success) return fail('invalid', schemaProblems(parsed.error, 'upload'));
    return ok({ state, statement: statement.value, upload: decryptionFile(input.contest, { trustee: parsed.data.trustee, shares: parsed.data.shares as DecryptionShareJson[][] }) });
  }
  const parsed = mixUpload.safeParse(joined.value);
  if (!parsed.success) return fail('invalid', schemaProblems(parsed.error, 'upload'));
  const { mixer, outputs, proof } = parsed.data;
  return ok({ state, statement: statement.value, upload: { kind: 'mix', file: { contest: input.contest, position: input.position ?? 0, mixer, outputs, proof: proof as ShuffleProofJson } } });
}

/** The check's record, ended: accepted, or refused as the request would have refused it. */
async function recordEnd(deps: Deps, input: OpeningCheckInput, parts: number | undefined, error?: { code: string; message: string }): Promise<void> {
  const { contest, kind, run } = input;
  await deps.store.putOpeningCheck(
    input.electionId,
    input.upload,
    { contest, kind, run, state: error ? 'refused' : 'accepted', ...(parts !== undefined && { parts }), ...(error && { error: { code: error.code, message: error.message } }) },
    checkExpiry(deps),
  );
}

export const planCheck =
  (deps: Deps) =>
  async (raw: unknown): Promise<PlannedCheck> => {
    const input = checkInput.parse(raw);
    const refuse = async (error: DomainError): Promise<PlannedCheck> => {
      await recordEnd(deps, input, undefined, error);
      return { refused: true, parts: [], shuffle: null };
    };
    const read = await uploadUnderCheck(deps, input);
    if (!read.ok) return refuse(read.error);
    const inputs = await checkInputs(deps, read.value.state, input.contest, read.value.upload);
    if (!inputs.ok) return refuse(inputs.error);
    const plan = planOpeningCheck(read.value.statement, inputs.value, read.value.upload, input.papersPerPart);
    if (!plan.ok) return refuse(plan.error);
    const { contest, kind, run } = input;
    await deps.store.putOpeningCheck(input.electionId, input.upload, { contest, kind, run, state: 'checking', parts: plan.value.parts.length }, checkExpiry(deps));
    deps.log.info('opening check planned', { electionId: input.electionId, contest, kind, parts: plan.value.parts.length });
    return { refused: false, ...plan.value };
  };

export const checkPart =
  (deps: Deps) =>
  async (raw: unknown): Promise<Record<string, never>> => {
    const input = partInput.parse(raw);
    const read = await uploadUnderCheck(deps, input);
    // The plan read the same upload and log and found nothing wrong; a refusal now means they changed under the check.
    if (!read.ok) throw new Error(`part ${input.part.index} of the check: ${read.error.message}`);
    const inputs = await checkInputs(deps, read.value.state, input.contest, read.value.upload, input.part);
    if (!inputs.ok) throw new Error(`part ${input.part.index} of the check: ${inputs.error.message}`);
    const verdict = checkOpeningPart(read.value.statement, inputs.value, read.value.upload, input.shuffle as OpeningCheckPlan['shuffle'], input.part);
    await deps.store.putOpeningCheckPart(input.electionId, input.upload, input.run, input.part.index, JSON.stringify(verdict), checkExpiry(deps));
    return {};
  };

export const concludeCheck =
  (deps: Deps) =>
  async (raw: unknown): Promise<Record<string, never>> => {
    const input = concludeInput.parse(raw);
    const plan = { parts: input.plan.parts, shuffle: input.plan.shuffle as OpeningCheckPlan['shuffle'] };
    const parts = plan.parts.length;
    const read = await uploadUnderCheck(deps, input);
    if (!read.ok) {
      await recordEnd(deps, input, parts, read.error);
      return {};
    }
    const kept = await deps.store.readOpeningCheckParts(input.electionId, input.upload, input.run);
    const verdicts = plan.parts.map(({ index }) => {
      const verdict = kept.get(index);
      if (verdict === undefined) throw new Error(`part ${index} of the check has no verdict`);
      return JSON.parse(verdict) as OpeningPartVerdict;
    });
    const checked = concludeOpeningCheck(read.value.statement, read.value.upload, plan, verdicts);
    if (!checked.ok) {
      await recordEnd(deps, input, parts, checked.error);
      return {};
    }
    const accepted = await acceptCheckedFile(deps, input.electionId, read.value.upload, plan.parts.at(-1)?.to ?? 0, { by: input.by });
    await recordEnd(deps, input, parts, accepted.ok ? undefined : accepted.error);
    deps.log.info('opening check ended', { electionId: input.electionId, contest: input.contest, kind: input.kind, accepted: accepted.ok });
    return {};
  };

/** A step that failed (a function's crash, a timeout) leaves the upload neither accepted nor refused: the record says so, and the trustee posts it again. */
export const recordCheckFailure =
  (deps: Deps) =>
  async (raw: unknown): Promise<Record<string, never>> => {
    const input = failureInput.parse(raw);
    deps.log.error('opening check failed', { electionId: input.electionId, contest: input.contest, step: input.failedStep, error: input.failure?.Error });
    const message = `the check stopped at ${input.failedStep}${input.failure?.Error ? ` (${input.failure.Error})` : ''}: the upload was neither accepted nor refused; post it again`;
    await recordEnd(deps, input, undefined, { code: 'check_failed', message });
    return {};
  };
