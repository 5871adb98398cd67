import { describe, expect, it } from 'vitest';
import { decide, evolve, initialState, type ElectionCommand, type ElectionEvent, type ElectionState } from '../../../domain';
import { ciphertextToJson } from '../../../domain/crypto/elgamal';
import { elementFromHex, elementToHex } from '../../../domain/crypto/group';
import { knowledgeOfRandomnessToJson } from '../../../domain/crypto/proofs/knowledgeOfRandomness';
import { paperLayout } from '../../../domain/crypto/paperEncoding';
import { rehearseCeremony, rehearseOpening } from '../../../domain/crypto/rehearsal';
import { sealPaper } from '../../../domain/crypto/sealedPaper';
import { verifySealedContest } from '../../../domain/crypto/sealedContest';
import { checkSealedCast, trackerOf } from '../../../domain/sealedBox/sealedCast';
import { seededRandom } from '../crypto/seededRandom';

const NOW = new Date('2026-12-01T10:00:00Z');
const CANDIDATES = [
  { name: 'Ada', email: '', pageLink: '' },
  { name: 'Grace', email: '', pageLink: '' },
];
const create = {
  type: 'CreateElection',
  electionId: 'council',
  title: 'Council',
  ballot: { kind: 'single' },
  candidates: CANDIDATES,
  window: { closesAt: '2026-12-08T10:00:00Z' },
  box: 'sealed',
  trustees: { count: 3, threshold: 2 },
  now: NOW,
} satisfies ElectionCommand;

/** Decides and applies, failing the test on a refusal. */
function apply(state: ElectionState, command: ElectionCommand): [ElectionState, ElectionEvent[]] {
  const decision = decide(command, state);
  if (!decision.ok) throw new Error(decision.error.message);
  return [decision.value.reduce(evolve, state), decision.value];
}

function refusal(state: ElectionState, command: ElectionCommand): string {
  const decision = decide(command, state);
  if (decision.ok) throw new Error(`${command.type} was not refused`);
  return decision.error.message;
}

const rehearsed = (() => {
  const done = rehearseCeremony({ electionId: 'council', threshold: 2, trustees: 3 }, seededRandom('ceremony'));
  if (!done.ok) throw new Error('rehearsal failed');
  return done.ceremony;
})();

function withKey(): ElectionState {
  let [state] = apply(initialState, create);
  const { certificates, dealings, reviews } = rehearsed.transcript;
  // Certificates out of order: any trustee may go first.
  for (const message of [certificates[2], certificates[0], certificates[1], ...dealings, ...reviews]) [state] = apply(state, { type: 'GiveCeremonyMessage', message });
  return state;
}

describe('a sealed election in the log', () => {
  it('needs its trustees, and only a sealed election has them', () => {
    expect(refusal(initialState, { ...create, trustees: undefined } as ElectionCommand)).toMatch(/^trustees: a sealed election needs its trustees/);
    expect(refusal(initialState, { ...create, trustees: { count: 2, threshold: 3 } })).toMatch(/^trustees\.threshold: /);
    expect(refusal(initialState, { ...create, box: 'open' } as ElectionCommand)).toMatch(/^trustees: only a sealed election/);
  });

  it('cannot be locked before the ceremony has published its key, and says whom it waits for', () => {
    let [state] = apply(initialState, create);
    [state] = apply(state, { type: 'GiveCeremonyMessage', message: rehearsed.transcript.certificates[1] });
    expect(refusal(state, { type: 'Lock', now: NOW })).toBe("the sealed box has no key yet: the trustees' key ceremony is at its certificates, waiting for trustee(s) 1, 3");
  });

  it('checks every message as it arrives and publishes the key after the last review', () => {
    let [state] = apply(initialState, create);
    const { certificates, dealings } = rehearsed.transcript;
    expect(refusal(state, { type: 'GiveCeremonyMessage', message: dealings[0] })).toMatch(/^trustee: the ceremony is at its certificates/);
    const forged = { ...certificates[0]!, transportKey: certificates[1]!.transportKey };
    expect(refusal(state, { type: 'GiveCeremonyMessage', message: forged })).toMatch(/^proof: does not prove knowledge of the transport secret .*\(the certificate of trustee 1\)$/);
    [state] = apply(state, { type: 'GiveCeremonyMessage', message: certificates[0] });
    expect(refusal(state, { type: 'GiveCeremonyMessage', message: certificates[0] })).toMatch(/^trustee: trustee 1 has already given their certificate/);
    const final = withKey();
    expect(final.phase === 'draft' && final.sealed?.key?.publicKey).toBe(elementToHex(rehearsed.result.publicKey));
    expect(final.phase !== 'none' && final.sealed?.key?.verificationKeys).toHaveLength(3);
    expect(decide({ type: 'Lock', now: NOW }, final).ok).toBe(true);
  });

  it('refuses a dealing whose sealed shares were changed', () => {
    let [state] = apply(initialState, create);
    const { certificates, dealings } = rehearsed.transcript;
    // Dealer 2 seals to trustee 1 a share that does not match its commitments: trustee 1's real share from dealer 3.
    const bad = { ...dealings[1]!, shares: [dealings[2]!.shares[0]!, ...dealings[1]!.shares.slice(1)] };
    for (const message of certificates) [state] = apply(state, { type: 'GiveCeremonyMessage', message });
    // The dealing's proof covers its sealed shares: the swap is refused at once.
    expect(refusal(state, { type: 'GiveCeremonyMessage', message: bad })).toMatch(/^proof: .*\(the dealing of trustee 2\)$/);
  });
});

describe('a sealed cast', () => {
  const state = withKey();
  if (state.phase === 'none' || !state.sealed?.key) throw new Error('no key');
  const publicKey = elementFromHex(state.sealed.key.publicKey);
  const layout = paperLayout({ kind: 'single' }, CANDIDATES);
  const sealed = sealPaper({ publicKey, layout, context: { electionId: 'council', contestId: 'main' } }, { choices: ['Ada'] }, seededRandom('voter'));
  const paper = { ciphertexts: sealed.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(sealed.proof) };

  it('takes a paper proved for this election and contest, under its tracker', () => {
    const checked = checkSealedCast(state, { main: paper });
    expect(checked.ok && checked.value).toEqual([{ contest: 'main', tracker: trackerOf(paper.ciphertexts), paper }]);
  });

  it('refuses a paper proved for another contest, a changed ciphertext or a malformed one, naming the field', () => {
    const other = sealPaper({ publicKey, layout, context: { electionId: 'council', contestId: 'board' } }, { choices: ['Ada'] }, seededRandom('voter'));
    const moved = { ciphertexts: other.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(other.proof) };
    const refused = (papers: Record<string, unknown>) => {
      const checked = checkSealedCast(state, papers as never);
      return checked.ok ? 'accepted' : checked.error.message;
    };
    expect(refused({ main: moved })).toMatch(/^papers\.main\.proof: does not prove knowledge/);
    expect(refused({ main: { ...paper, ciphertexts: [{ ...paper.ciphertexts[0]!, beta: paper.ciphertexts[0]!.alpha }] } })).toMatch(/^papers\.main\.proof: /);
    expect(refused({ main: { ...paper, ciphertexts: [{ alpha: 'zz', beta: paper.ciphertexts[0]!.beta }] } })).toMatch(/^papers\.main\.ciphertexts\[0\]\.alpha: /);
    expect(refused({ board: paper })).toMatch(/^papers\.board: not a contest/);
  });
});

describe('the opening of a sealed box', () => {
  it('takes mixes by different trustees, then t decryptions, and counts the papers read back', () => {
    let state = withKey();
    const random = seededRandom('opening');
    [state] = apply(state, { type: 'RegisterVoters', count: 3 });
    [state] = apply(state, { type: 'Lock', now: NOW });
    [state] = apply(state, { type: 'Start', now: NOW });
    if (state.phase === 'none' || !state.sealed?.key) throw new Error('no key');
    const publicKey = elementFromHex(state.sealed.key.publicKey);
    const layout = paperLayout({ kind: 'single' }, CANDIDATES);
    const statement = { electionId: 'council', contestId: 'main', publicKey, verificationKeys: state.sealed.key.verificationKeys.map(elementFromHex), threshold: 2, layout };
    const board = ['Ada', 'Grace', 'Ada'].map((name) => sealPaper({ publicKey, layout, context: { electionId: 'council', contestId: 'main' } }, { choices: [name] }, random));
    const ballots = board.map((p) => {
      const json = { ciphertexts: p.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(p.proof) };
      return { ballotId: trackerOf(json.ciphertexts), choices: [], sealed: json };
    });
    [state] = apply(state, { type: 'Close', now: new Date('2026-12-08T10:00:00Z') });
    const [sealedState, sealEvents] = apply(state, { type: 'SealAndTally', boxes: new Map([['main', ballots]]), voters: 3 });
    expect(sealEvents.map((e) => e.type)).toEqual(['BallotBoxSealed']);
    state = sealedState;
    const record = rehearseOpening(statement, board, rehearsed.secretShares, { mixers: [1, 3], decryptors: [2, 3] }, random);
    expect(refusal(state, { type: 'AcceptDecryption', contest: 'main', trustee: 2, digest: 'd' })).toMatch(/0 of its 2 mixes/);
    [state] = apply(state, { type: 'AcceptMix', contest: 'main', position: 0, mixer: 1, papers: 3, digest: 'm1' });
    expect(refusal(state, { type: 'AcceptMix', contest: 'main', position: 1, mixer: 1, papers: 3, digest: 'm2' })).toMatch(/^mixer: trustee 1 has already mixed/);
    expect(refusal(state, { type: 'AcceptMix', contest: 'main', position: 0, mixer: 3, papers: 3, digest: 'm2' })).toMatch(/shuffle the last one/);
    [state] = apply(state, { type: 'AcceptMix', contest: 'main', position: 1, mixer: 3, papers: 3, digest: 'm2' });
    [state] = apply(state, { type: 'AcceptDecryption', contest: 'main', trustee: 2, digest: 'd2' });
    expect(refusal(state, { type: 'TallyOpened', papers: new Map() })).toMatch(/not every contest is opened yet: main/);
    [state] = apply(state, { type: 'AcceptDecryption', contest: 'main', trustee: 3, digest: 'd3' });
    const verified = verifySealedContest(statement, record);
    if (!verified.ok) throw new Error(verified.failed.reason);
    const [tallied] = apply(state, { type: 'TallyOpened', papers: new Map([['main', verified.papers]]) });
    expect(tallied.phase === 'tallied' && tallied.results['main']?.counts).toEqual([
      { candidate: 'Ada', votes: 2 },
      { candidate: 'Grace', votes: 1 },
    ]);
  });

  it('has nothing to mix or decrypt in a contest nobody voted in: it is opened at the seal and counts no paper', () => {
    let state = withKey();
    [state] = apply(state, { type: 'RegisterVoters', count: 3 });
    [state] = apply(state, { type: 'Lock', now: NOW });
    [state] = apply(state, { type: 'Start', now: NOW });
    [state] = apply(state, { type: 'Close', now: new Date('2026-12-08T10:00:00Z') });
    [state] = apply(state, { type: 'SealAndTally', boxes: new Map(), voters: 0 });
    expect(refusal(state, { type: 'AcceptMix', contest: 'main', position: 0, mixer: 1, papers: 0, digest: 'm' })).toMatch(/nobody voted in it/);
    const [tallied] = apply(state, { type: 'TallyOpened', papers: new Map([['main', []]]) });
    expect(tallied.phase === 'tallied' && tallied.results['main']).toMatchObject({ ballots: 0, abstentions: 0 });
  });
});
