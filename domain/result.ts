/** Why a command was refused. The handlers map codes to HTTP statuses; the domain knows none. */
/**
 * `compromised`: breaches were recorded while the election was locked, and the admin has not
 * confirmed starting it all the same. `forbidden`: the member who asked is not on the election's
 * committee roster, or lacks the role the command needs (domain/commandRoles.ts). `awaiting_acceptance`:
 * the results wait for the committee's acceptance before they are published (domain/acceptance.ts).
 * `entries_differ`: a second entry of postal papers does not equal the first (domain/postalPapers.ts).
 */
export type DomainErrorCode =
  'not_found' | 'already_exists' | 'wrong_phase' | 'outside_window' | 'invalid' | 'conflict' | 'compromised' | 'forbidden' | 'awaiting_second_member' | 'awaiting_acceptance' | 'entries_differ';

export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: DomainErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
