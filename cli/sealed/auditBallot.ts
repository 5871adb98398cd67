import { MalformedField, readCiphertext, readList, readObject, readScalar } from '../../domain/crypto/jsonFields';
import { fillBallot } from '../../domain/ballot';
import { auditPaper } from '../../domain/crypto/sealedPaper';
import type { SealedApi } from './api';
import { AUDITED_BALLOT, paperStatement } from './vote';

/**
 * `audit ballot <election> --file <file>` (or the audit data on stdin): the voter's independent
 * check of a challenged ballot (Benaloh's cast-or-audit). The election key and the contests'
 * layouts come from the API, never from the audit data, so that a page that sealed under another
 * key or for another layout is caught too. Exit code 0 only if every paper encrypts its choices.
 */
export async function auditBallot(api: SealedApi, electionId: string, text: string, out: (line: string) => void): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the audit data is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const data = readObject(json, 'audit', ['format', 'version', 'electionId', 'papers']);
  if (data.get('format') !== AUDITED_BALLOT || data.get('version') !== 1) throw new Error(`audit.format: not audit data of a sealed ballot (${AUDITED_BALLOT}, version 1)`);
  if (data.get('electionId') !== electionId) throw new Error(`audit.electionId: this audit data is of election ${JSON.stringify(data.get('electionId'))}, not ${electionId}`);
  const election = await api.election(electionId);
  if (election.box !== 'sealed') throw new Error(`${electionId} is an open election: its papers are not sealed, so there is nothing to audit`);
  const papers = readObject(data.get('papers'), 'audit.papers');
  let problems = 0;
  for (const [contestId, value] of papers) {
    const path = `audit.papers.${contestId}`;
    const contest = election.contests.find((c) => c.id === contestId);
    if (!contest) throw new Error(`${path}: not a contest of ${electionId} (${election.contests.map((c) => c.id).join(', ')})`);
    const paper = readObject(value, path, ['choices', 'ciphertexts', 'randomness']);
    const choices = readList(paper.get('choices'), `${path}.choices`, (name, namePath) => {
      if (typeof name !== 'string') throw new MalformedField(namePath, 'not a name');
      return name;
    });
    const ciphertexts = readList(paper.get('ciphertexts'), `${path}.ciphertexts`, readCiphertext);
    const randomness = readList(paper.get('randomness'), `${path}.randomness`, readScalar);
    const claimed = fillBallot(contest, choices.length === 0 ? { abstain: true } : { choices });
    const checked = claimed.ok ? auditPaper(paperStatement(election, contestId), ciphertexts, randomness, claimed.value) : { ok: false as const, problem: claimed.error.message };
    const what = choices.length === 0 ? 'an abstention' : choices.join(', ');
    if (checked.ok) out(`ok: the paper of ${contestId} encrypts ${what}`);
    else {
      problems += 1;
      out(`PROBLEM: the paper of ${contestId} does not encrypt ${what}: ${checked.problem}`);
    }
  }
  if (problems > 0) out('Do not trust the device that sealed these papers: vote from another one, and tell the committee.');
  return problems === 0 ? 0 : 1;
}
