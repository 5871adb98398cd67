import { ceremonyParameters } from '../crypto/keyCeremony';
import { fail, ok, type Result } from '../result';
import { nameProblem } from '../text';

/** The committee members who hold the sealed box's key: `count` of them, any `threshold` of whom open it; `names`, one per trustee in order, when the committee gave them. */
export interface Trustees {
  count: number;
  threshold: number;
  names?: string[];
}

/** How an election keeps its ballots: `sealed` (encrypted in the voter's browser, opened by the trustees together) or `open` (plaintext, not secret against whoever runs the servers). */
export type BoxMode = 'sealed' | 'open';

export function checkTrustees(trustees: Trustees | undefined): Result<Trustees> {
  if (trustees === undefined) return fail('invalid', 'trustees: a sealed election needs its trustees: { "count": n, "threshold": t }');
  const parameters = ceremonyParameters(trustees.threshold, trustees.count);
  if (!parameters.ok) return fail('invalid', `trustees.${parameters.failed === 'trustees' ? 'count' : 'threshold'}: ${parameters.reason}`);
  if (trustees.names !== undefined) {
    if (trustees.names.length !== trustees.count) return fail('invalid', `trustees.names: give one name per trustee (${trustees.count}), or none`);
    for (const [i, name] of trustees.names.entries()) {
      const problem = nameProblem(name);
      if (problem) return fail('invalid', `trustees.names[${i}]: ${problem}`);
    }
  }
  return ok({ count: trustees.count, threshold: trustees.threshold, ...(trustees.names && { names: trustees.names }) });
}
