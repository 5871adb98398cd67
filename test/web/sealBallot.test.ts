import { describe, expect, it } from 'vitest';
import type { BallotAuditJson } from '../../contract/ballotAudit';
import { readCiphertext } from '../../domain/crypto/jsonFields';
import { baseMultiple, elementToHex, scalar, scalarToHex } from '../../domain/crypto/group';
import { decrypt } from '../../domain/crypto/elgamal';
import { paperLayout } from '../../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessFromJson, verifyKnowledgeOfRandomness } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { sealedContexts } from '../../domain/crypto/sealedContest';
import { openPaper } from '../../domain/crypto/sealedPaper';
import type { Candidate } from '../../domain/election';
import { trackerOf } from '../../domain/sealedBox/sealedCast';
import { checkAudit, sealForAudit, sealForCast, type AuditedElection } from '../../web/lib/seal-ballot';
import { seededRandom } from '../unit/crypto/seededRandom';

/** The voter page's sealing (web/lib/seal-ballot.ts) in node: what it casts opens to the voter's choices, and its audit holds only for the ballot it sealed. */
const candidates: Candidate[] = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'].map((name, i) => ({ name, email: `c${i}@uni.test`, pageLink: 'https://uni.test' }));
const random = seededRandom('voter page sealing');
const secretKey = scalar.random(random);
const election: AuditedElection = {
  id: 'council',
  electionKey: elementToHex(baseMultiple(secretKey)),
  contests: [
    { id: 'speaker', ballot: { kind: 'ranked', method: 'meek-stv', seats: 1 }, candidates },
    { id: 'board', ballot: { kind: 'multi', maxChoices: 2 }, candidates },
  ],
};
const contestOf = (id: string) => election.contests.find((c) => c.id === id)!;
const papers = [
  { contest: 'speaker', choice: { choices: ['Alan Turing', 'Ada Lovelace'] } },
  { contest: 'board', choice: { choices: ['Grace Hopper', 'Ada Lovelace'] } },
];

describe('sealing a ballot in the voter page', () => {
  it('casts papers whose proofs verify and which open to the choices, a ranking in order and any other paper sorted', () => {
    const { papers: cast, trackers, receipt } = sealForCast(election, papers, random);
    expect(Object.keys(cast)).toEqual(['speaker', 'board']);
    // Each paper's tracker is the one the board lists it under; the receipt joins them in the order of the contests.
    expect(trackers).toEqual({ speaker: trackerOf(cast.speaker!.ciphertexts), board: trackerOf(cast.board!.ciphertexts) });
    expect(receipt).toBe(`${trackers.speaker}.${trackers.board}`);
    for (const [contestId, choices] of [
      ['speaker', ['Alan Turing', 'Ada Lovelace']],
      ['board', ['Ada Lovelace', 'Grace Hopper']],
    ] as const) {
      const paper = cast[contestId]!;
      expect(Object.keys(paper).sort()).toEqual(['ciphertexts', 'proof']);
      const ciphertexts = paper.ciphertexts.map((c, i) => readCiphertext(c, `ciphertexts[${i}]`));
      const statement = { publicKey: baseMultiple(secretKey), ciphertexts, context: sealedContexts.paper({ electionId: 'council', contestId }) };
      expect(verifyKnowledgeOfRandomness(statement, knowledgeOfRandomnessFromJson(paper.proof))).toEqual({ ok: true });
      const contest = contestOf(contestId);
      expect(
        openPaper(
          paperLayout(contest.ballot, contest.candidates),
          ciphertexts.map((c) => decrypt(secretKey, c)),
        ),
      ).toEqual({ ok: true, content: { choices } });
    }
  });

  it('seals an abstention as a paper like any other', () => {
    const cast = sealForCast(election, [{ contest: 'board', choice: { abstain: true } }], random).papers;
    const ciphertexts = cast.board!.ciphertexts.map((c, i) => readCiphertext(c, `ciphertexts[${i}]`));
    expect(
      openPaper(
        paperLayout(contestOf('board').ballot, candidates),
        ciphertexts.map((c) => decrypt(secretKey, c)),
      ),
    ).toEqual({ ok: true, content: { choices: [] } });
  });

  it('reveals an audited ballot in the agreed shape, and the check holds', () => {
    const audit = sealForAudit(election, papers, random);
    expect(Object.keys(audit)).toEqual(['electionId', 'papers']);
    expect(audit.papers.map((p) => Object.keys(p))).toEqual([
      ['contest', 'publicKey', 'ciphertexts', 'randomness', 'choices'],
      ['contest', 'publicKey', 'ciphertexts', 'randomness', 'choices'],
    ]);
    expect(audit.papers.map((p) => [p.contest, p.publicKey, p.choices])).toEqual([
      ['speaker', election.electionKey, ['Alan Turing', 'Ada Lovelace']],
      ['board', election.electionKey, ['Ada Lovelace', 'Grace Hopper']],
    ]);
    // It survives the copy a voter makes of it as text.
    expect(checkAudit(election, JSON.parse(JSON.stringify(audit)))).toEqual({ ok: true, contests: ['speaker', 'board'] });
  });

  it('seals with the browser randomness by default, afresh each time', () => {
    const first = sealForAudit(election, papers);
    const second = sealForAudit(election, papers);
    expect(checkAudit(election, first)).toMatchObject({ ok: true });
    expect(first.papers[0]!.randomness).not.toEqual(second.papers[0]!.randomness);
    expect(first.papers[0]!.ciphertexts).not.toEqual(second.papers[0]!.ciphertexts);
  });

  describe('the audit fails', () => {
    const audit = sealForAudit(election, papers, random);
    const changed = (change: (copy: BallotAuditJson) => void): BallotAuditJson => {
      const copy = structuredClone(audit);
      change(copy);
      return copy;
    };

    it('for tampered randomness', () => {
      const tampered = changed((a) => (a.papers[1]!.randomness[0] = scalarToHex(scalar.random(random))));
      expect(checkAudit(election, tampered)).toEqual({ ok: false, problem: 'papers[1] (board): ciphertext 0 does not encrypt this choice' });
    });

    it('for other choices than the sealed ones', () => {
      const claimed = changed((a) => (a.papers[0]!.choices = ['Ada Lovelace', 'Alan Turing']));
      expect(checkAudit(election, claimed)).toEqual({ ok: false, problem: 'papers[0] (speaker): ciphertext 0 does not encrypt this choice' });
    });

    it('for a paper sealed under another key than the election key, though it encrypts the choices', () => {
      const otherKey = { ...election, electionKey: elementToHex(baseMultiple(scalar.random(random))) };
      expect(checkAudit(election, sealForAudit(otherKey, papers, random))).toEqual({ ok: false, problem: 'papers[0].publicKey: not the election key' });
    });

    it('for another election, a contest it does not have, a contest twice', () => {
      expect(checkAudit({ ...election, id: 'board' }, audit)).toEqual({ ok: false, problem: 'electionId: "council" is not this election ("board")' });
      expect(
        checkAudit(
          election,
          changed((a) => (a.papers[1]!.contest = 'senate')),
        ),
      ).toEqual({ ok: false, problem: 'papers[1].contest: "senate" is not a contest of this election' });
      expect(
        checkAudit(
          election,
          changed((a) => (a.papers[1]!.contest = 'speaker')),
        ),
      ).toEqual({ ok: false, problem: 'papers[1].contest: "speaker" has a paper already' });
    });

    it('for a malformed field, named by its path', () => {
      expect(
        checkAudit(
          election,
          changed((a) => (a.papers[0]!.randomness[0] = 'ff'.repeat(32))),
        ),
      ).toEqual({ ok: false, problem: 'papers[0].randomness[0]: not below the group order' });
      expect(
        checkAudit(
          election,
          changed((a) => a.papers[1]!.ciphertexts.pop()),
        ),
      ).toEqual({ ok: false, problem: 'papers[1] (board): 0 ciphertexts and 1 randomness for a paper of 1' });
      expect(checkAudit(election, { ...audit, extra: 1 })).toEqual({ ok: false, problem: 'ballot.extra: not a field of this record' });
    });
  });

  it('refuses to seal a name that is not on the ballot', () => {
    expect(() => sealForCast(election, [{ contest: 'board', choice: { choices: ['Nobody'] } }], random)).toThrow('"Nobody" is not on this ballot');
    expect(() => sealForCast(election, [{ contest: 'senate', choice: { abstain: true } }], random)).toThrow('papers.senate: not a contest of this election');
  });
});
