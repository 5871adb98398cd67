import { describe, expect, it } from 'vitest';
import { evolve, initialState, type AuditLine, type ExistingElection, type OpeningFilePart } from '../../../domain';
import type { CiphertextVector } from '../../../domain/crypto/elgamal';
import { checkOpeningPart, checkOpeningUpload, concludeOpeningCheck, planOpeningCheck, type OpeningUpload } from '../../../domain/sealedBox/openingCheck';
import { boardInputs, contestStatement, mixOutputs, type DecryptionFile, type MixFile } from '../../../domain/sealedBox/openingFiles';
import { joinParts } from '../../../domain/sealedBox/verifyOpening';
import { openingOf } from '../../../domain/sealedBox/opening';
import { sealedExport } from '../../support/sealedExport';

/** The council contest of a published sealed election of six voters: its statement, its board, and its files of each mix and decryption. */
function councilOf(lines: readonly AuditLine[]) {
  const state = lines.flatMap((line) => (line.kind === 'event' ? [line.event] : [])).reduce(evolve, initialState) as ExistingElection;
  const files = joinParts(
    lines.flatMap((line) => (line.kind === 'opening' ? [line as OpeningFilePart] : [])),
    [],
  );
  const opening = openingOf(state.sealed!, 'council');
  const fileOf = <T>(digest: string) => JSON.parse(files.get(digest)!) as T;
  return {
    statement: contestStatement(state, 'council')!,
    board: boardInputs(lines.flatMap((line) => (line.kind === 'ballot' && line.contest === 'council' ? [line] : [])) as never),
    mixes: opening.mixes.map((mix) => fileOf<MixFile>(mix.digest)),
    decryptions: opening.decryptions.map((decryption) => fileOf<DecryptionFile>(decryption.digest)),
  };
}

/** The check as the workflow makes it: planned, each part on its own (its verdict through JSON, as it travels), then concluded. */
function checkedInParts(council: ReturnType<typeof councilOf>, inputs: readonly CiphertextVector[], upload: OpeningUpload, papersPerPart: number) {
  const plan = planOpeningCheck(council.statement, inputs, upload, papersPerPart);
  if (!plan.ok) return plan;
  const travelled = JSON.parse(JSON.stringify(plan.value)) as typeof plan.value;
  const verdicts = travelled.parts.map((part) => JSON.parse(JSON.stringify(checkOpeningPart(council.statement, inputs.slice(part.from, part.to), upload, travelled.shuffle, part))));
  return { parts: travelled.parts.length, ...concludeOpeningCheck(council.statement, upload, travelled, verdicts) };
}

const CUTS = [1, 2, 4, 6];

/**
 * The system's check of a mix or a trustee's shares comes in parts, so that the workflow checks a
 * large upload on many functions at once; however the papers are cut, it accepts what one check
 * accepts and refuses what it refuses, with the same words.
 */
describe("the check of an opening's upload in parts", () => {
  const council = councilOf(sealedExport('check-in-parts', 6));
  const firstMix: OpeningUpload = { kind: 'mix', file: council.mixes[0]! };
  const lastMix = mixOutputs(council.mixes.at(-1)!);
  const decryption: OpeningUpload = { kind: 'decryption', file: council.decryptions[0]! };

  it('accepts an honest mix and honest shares however the papers are cut', () => {
    expect(checkOpeningUpload(council.statement, council.board, firstMix)).toEqual({ ok: true, value: undefined });
    for (const papersPerPart of CUTS) {
      expect(checkedInParts(council, council.board, firstMix, papersPerPart)).toMatchObject({ ok: true, parts: Math.ceil(6 / papersPerPart) });
      expect(checkedInParts(council, lastMix, decryption, papersPerPart)).toMatchObject({ ok: true });
    }
  });

  it.each([
    ['two outputs swapped', (file: MixFile) => ({ ...file, outputs: [file.outputs[1]!, file.outputs[0]!, ...file.outputs.slice(2)] })],
    ["a response of the last paper's link changed", (file: MixFile) => ({ ...file, proof: { ...file.proof, sHat: [...file.proof.sHat.slice(0, -1), file.proof.sHat[0]!] } })],
    ['a link of the commitment chain moved', (file: MixFile) => ({ ...file, proof: { ...file.proof, tHat: [file.proof.tHat[0]!, file.proof.tHat[0]!, ...file.proof.tHat.slice(2)] } })],
  ])('refuses a mix with %s in every cut, as one check does', (_, forge) => {
    const forged: OpeningUpload = { kind: 'mix', file: forge(council.mixes[0]!) };
    const whole = checkOpeningUpload(council.statement, council.board, forged);
    expect(whole.ok).toBe(false);
    expect(!whole.ok && whole.error.message).toMatch(/^proof: the shuffle proof fails \(/);
    for (const papersPerPart of CUTS) expect(checkedInParts(council, council.board, forged, papersPerPart)).toMatchObject({ ok: false, error: !whole.ok && whole.error });
  });

  it("refuses a trustee's share of paper 4 that is paper 3's, naming it in every cut", () => {
    const file = council.decryptions[0]!;
    const forged: OpeningUpload = { kind: 'decryption', file: { ...file, shares: file.shares.map((paper, i) => (i === 4 ? file.shares[3]! : paper)) } };
    const whole = checkOpeningUpload(council.statement, lastMix, forged);
    expect(!whole.ok && whole.error.message).toMatch(new RegExp(`^shares\\[4\\]\\[0\\]: the share does not prove a decryption by trustee ${file.trustee} \\(`));
    for (const papersPerPart of CUTS) expect(checkedInParts(council, lastMix, forged, papersPerPart)).toMatchObject({ ok: false, error: !whole.ok && whole.error });
  });

  it('refuses a malformed field or a wrong count before any part runs', () => {
    const file = council.mixes[0]!;
    expect(planOpeningCheck(council.statement, council.board, { kind: 'mix', file: { ...file, outputs: file.outputs.slice(1) } }, 2)).toMatchObject({
      ok: false,
      error: { message: "outputs: 5 papers where the mix's input has 6" },
    });
    expect(planOpeningCheck(council.statement, council.board, { kind: 'mix', file: { ...file, proof: { ...file.proof, t1: 'zz' } } }, 2)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^proof\.t1: /) },
    });
    expect(planOpeningCheck(council.statement, lastMix, { kind: 'decryption', file: { ...council.decryptions[0]!, trustee: 9 } }, 2)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^trustee: 9 is not one of the \d trustees$/) },
    });
  });
});
