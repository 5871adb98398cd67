import type { BallotDefinition, Candidate } from '../domain/election';
import { ciphertextToJson, type CiphertextJson, type CiphertextVector } from '../domain/crypto/elgamal';
import { elementToHex, scalarToHex, type Element } from '../domain/crypto/group';
import { at, MalformedField, readCiphertext, readElement, readList, readObject, readScalar } from '../domain/crypto/jsonFields';
import { paperLayout } from '../domain/crypto/paperEncoding';
import { sealedContexts } from '../domain/crypto/sealedContest';
import { auditPaper } from '../domain/crypto/sealedPaper';

/**
 * A ballot the voter challenged before casting (Benaloh's cast-or-audit, auditPaper in
 * domain/crypto/sealedPaper.ts): the voter page writes it, the page itself and `audit ballot`
 * read and check it. Each paper carries the key it was sealed under, its ciphertexts, their
 * randomness and the choices the voter says they made, so that anyone can encrypt the choices
 * again and compare. Such a ballot is spoiled: its randomness is out, and it is never cast.
 */
export interface BallotAuditJson {
  electionId: string;
  papers: AuditedPaperJson[];
}

export interface AuditedPaperJson {
  contest: string;
  /** The election key, hex, as the page had it. */
  publicKey: string;
  ciphertexts: CiphertextJson[];
  /** One scalar per ciphertext, hex. */
  randomness: string[];
  /** As the box stores a paper's content (domain/election.ts BallotContent); empty for an abstention. */
  choices: string[];
}

export interface AuditedPaper {
  contest: string;
  publicKey: Element;
  ciphertexts: CiphertextVector;
  randomness: readonly bigint[];
  choices: readonly string[];
}

export interface BallotAudit {
  electionId: string;
  papers: readonly AuditedPaper[];
}

export const ballotAuditToJson = ({ electionId, papers }: BallotAudit): BallotAuditJson => ({
  electionId,
  papers: papers.map(({ contest, publicKey, ciphertexts, randomness, choices }) => ({
    contest,
    publicKey: elementToHex(publicKey),
    ciphertexts: ciphertexts.map(ciphertextToJson),
    randomness: randomness.map(scalarToHex),
    choices: [...choices],
  })),
});

function readString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new MalformedField(path, 'not a string');
  return value;
}

/** Reads an audited ballot as the page writes it; throws a MalformedField naming the first field that is missing, extra or not canonical (`papers[0].randomness[1]: …`). */
export function ballotAuditFromJson(json: unknown): BallotAudit {
  const fields = readObject(json, 'ballot', ['electionId', 'papers']);
  const papers = readList(fields.get('papers'), 'papers', (entry, path) => {
    const paper = readObject(entry, path, ['contest', 'publicKey', 'ciphertexts', 'randomness', 'choices']);
    return {
      contest: readString(paper.get('contest'), at(path, 'contest')),
      publicKey: readElement(paper.get('publicKey'), at(path, 'publicKey')),
      ciphertexts: readList(paper.get('ciphertexts'), at(path, 'ciphertexts'), readCiphertext),
      randomness: readList(paper.get('randomness'), at(path, 'randomness'), readScalar),
      choices: readList(paper.get('choices'), at(path, 'choices'), readString),
    };
  });
  if (papers.length === 0) throw new MalformedField('papers', 'no paper');
  return { electionId: readString(fields.get('electionId'), 'electionId'), papers };
}

/** What the audit is held to: the election as `GET /elections/{id}` publishes it, key included. */
export interface AuditedElection {
  id: string;
  electionKey: string;
  contests: readonly { id: string; ballot: BallotDefinition; candidates: readonly Candidate[] }[];
}

/**
 * Checks an audited ballot against the election: every paper is of one of its contests, sealed
 * under its published key (a page that used a key of its own would be caught here, not by the
 * re-encryption), and encrypts exactly the choices it claims. Names the first failure.
 */
export function checkBallotAudit(election: AuditedElection, audit: BallotAudit): { ok: true; contests: string[] } | { ok: false; problem: string } {
  if (audit.electionId !== election.id) return { ok: false, problem: `electionId: "${audit.electionId}" is not this election ("${election.id}")` };
  for (const [index, paper] of audit.papers.entries()) {
    const path = `papers[${index}]`;
    const contest = election.contests.find((c) => c.id === paper.contest);
    if (!contest) return { ok: false, problem: `${path}.contest: "${paper.contest}" is not a contest of this election` };
    if (audit.papers.findIndex((p) => p.contest === paper.contest) !== index) return { ok: false, problem: `${path}.contest: "${paper.contest}" has a paper already` };
    if (elementToHex(paper.publicKey) !== election.electionKey) return { ok: false, problem: `${path}.publicKey: not the election key` };
    const statement = { publicKey: paper.publicKey, layout: paperLayout(contest.ballot, contest.candidates), context: sealedContexts.paper({ electionId: election.id, contestId: contest.id }) };
    const audited = auditPaper(statement, paper.ciphertexts, paper.randomness, { choices: [...paper.choices] });
    if (!audited.ok) return { ok: false, problem: `${path} (${paper.contest}): ${audited.problem}` };
  }
  return { ok: true, contests: audit.papers.map((p) => p.contest) };
}
