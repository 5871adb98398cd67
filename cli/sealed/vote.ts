import { ciphertextToJson } from '../../domain/crypto/elgamal';
import type { RandomBytes } from '../../domain/crypto/group';
import { ballotAuditToJson } from '../../contract/ballotAudit';
import { readElement } from '../../domain/crypto/jsonFields';
import { paperLayout } from '../../domain/crypto/paperEncoding';
import { knowledgeOfRandomnessToJson } from '../../domain/crypto/proofs/knowledgeOfRandomness';
import { sealedContexts } from '../../domain/crypto/sealedContest';
import { sealPaper, type PaperStatement } from '../../domain/crypto/sealedPaper';
import { trackerOf } from '../../domain/sealedBox/sealedCast';
import type { PublicElectionView } from '../../contract/views';
import type { SealedApi } from './api';
import { fillVoterPapers, readPapersOption } from './papers';

/**
 * `vote <election> --token <token> --papers '<json>'`: casts as the voter's page does, for
 * rehearsals and load tests. In a sealed election each paper is sealed here (sealPaper) under the
 * election key with node's randomness, which is then forgotten; the tracker printed proves
 * nothing about the choices to anyone. With `--audit` the papers are sealed and their randomness
 * printed instead of cast (Benaloh's challenge): `audit ballot` checks it, and a paper so
 * revealed is never cast.
 */

/** A contest's statement for sealing and auditing its papers: the published election key, the contest's layout and the paper's context. */
export function paperStatement(election: PublicElectionView, contestId: string): PaperStatement {
  if (election.box !== 'sealed' || election.electionKey === undefined) throw new Error(`the key ceremony of ${election.id} is not complete: there is no election key to seal a paper under yet`);
  const contest = election.contests.find((c) => c.id === contestId)!;
  return {
    publicKey: readElement(election.electionKey, 'electionKey'),
    layout: paperLayout(contest.ballot, contest.candidates),
    context: sealedContexts.paper({ electionId: election.id, contestId }),
  };
}

/** `note`: where what is not the audit data goes, so that `--audit > file` holds the data alone. */
export async function vote(
  api: SealedApi,
  electionId: string,
  options: { token?: string; papers?: string; audit: boolean },
  random: RandomBytes,
  out: (line: string) => void,
  note: (line: string) => void = out,
): Promise<number> {
  const cast = readPapersOption(options.papers);
  if (!options.audit && options.token === undefined) throw new Error('--token is required: the voter token from the credential mail (its link ends in it)');
  const election = await api.election(electionId);
  if (election.box !== 'sealed') {
    if (options.audit) throw new Error(`--audit: ${electionId} is an open election: its papers are not sealed, so there is no encryption to audit`);
    const answer = await api.cast(electionId, { token: options.token, ...cast });
    out(`Cast. Receipt: ${answer.receipt}`);
    out(`NOTE: ${electionId} is an open election: its ballot box is not secret against the operator.`);
    return 0;
  }
  const sealed = fillVoterPapers(election, cast).map(({ contestId, content }) => ({ contestId, content, paper: sealPaper(paperStatement(election, contestId), content, random) }));
  if (options.audit) {
    // The voter page's format (contract/ballotAudit.ts): `audit ballot` reads either's alike.
    const audited = ballotAuditToJson({
      electionId,
      papers: sealed.map(({ contestId, content, paper }) => ({
        contest: contestId,
        publicKey: paperStatement(election, contestId).publicKey,
        ciphertexts: paper.ciphertexts,
        randomness: paper.randomness,
        choices: content.choices,
      })),
    });
    out(JSON.stringify(audited, null, 2));
    note(`Not cast: these papers are revealed, so they are spoiled. Check them with \`audit ballot ${electionId} --file <file>\`; to vote, run vote again without --audit (sealed afresh).`);
    return 0;
  }
  const papers = Object.fromEntries(sealed.map(({ contestId, paper }) => [contestId, { ciphertexts: paper.ciphertexts.map(ciphertextToJson), proof: knowledgeOfRandomnessToJson(paper.proof) }]));
  const answer = await api.cast(electionId, { token: options.token, papers });
  out(`Cast, sealed. Tracker: ${answer.receipt}`);
  if (sealed.length > 1) for (const { contestId } of sealed) out(`  ${contestId}: ${answer.trackers?.[contestId] ?? '(none)'}`);
  // The voter's own check that the tracker names the papers sealed here, as the board will.
  const trackers = sealed.map(({ contestId }) => trackerOf(papers[contestId]!.ciphertexts));
  if (answer.receipt !== trackers.join('.')) {
    out(`WARNING: the tracker of the papers sealed here is ${trackers.join('.')}, not the one the API answered: tell the committee.`);
    return 1;
  }
  out('  Look for it on the public board; it shows your papers were counted, and proves nothing about your choices to anyone you show it to.');
  return 0;
}
