import { ballotAuditFromJson, checkBallotAudit } from '../../contract/ballotAudit';
import { MalformedField } from '../../domain/crypto/jsonFields';
import type { SealedApi } from './api';

/**
 * `audit ballot <election> --file <file>` (or the audit data on stdin): the voter's independent
 * check of a challenged ballot (Benaloh's cast-or-audit), as the voter page or `vote --audit`
 * wrote it (contract/ballotAudit.ts). The election key and the contests' layouts come from the
 * API, never from the audit data alone, so that a page that sealed under another key or for
 * another layout is caught too. Exit code 0 only if every paper encrypts its choices.
 */
export async function auditBallot(api: SealedApi, electionId: string, text: string, out: (line: string) => void): Promise<number> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the audit data is not JSON: ${(error as Error).message}`, { cause: error });
  }
  let audit;
  try {
    audit = ballotAuditFromJson(json);
  } catch (error) {
    if (error instanceof MalformedField) throw new Error(`audit.${error.path}: ${error.reason}`, { cause: error });
    throw error;
  }
  if (audit.electionId !== electionId) throw new Error(`audit.electionId: this audit data is of election ${JSON.stringify(audit.electionId)}, not ${electionId}`);
  const election = await api.election(electionId);
  if (election.box !== 'sealed' || election.electionKey === undefined) throw new Error(`${electionId} is not a sealed election with a key: its papers are not sealed, so there is nothing to audit`);
  const checked = checkBallotAudit({ id: election.id, electionKey: election.electionKey, contests: election.contests }, audit);
  const what = (choices: readonly string[]) => (choices.length === 0 ? 'an abstention' : choices.join(', '));
  if (checked.ok) {
    for (const paper of audit.papers) out(`ok: the paper of ${paper.contest} encrypts ${what(paper.choices)}`);
    return 0;
  }
  out(`PROBLEM: ${checked.problem}`);
  out('Do not trust the device that sealed these papers: vote from another one, and tell the committee.');
  return 1;
}
