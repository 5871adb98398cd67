import type { DomainError } from '../../domain';
import { HttpError } from './http';

const STATUS: Record<string, number> = {
  not_found: 404,
  voter_not_found: 404,
  already_exists: 409,
  wrong_phase: 409,
  compromised: 409,
  outside_window: 409,
  invalid: 400,
  invalid_token: 403,
  forbidden: 403,
  awaiting_second_member: 409,
  awaiting_acceptance: 409,
  entries_differ: 409,
  already_voted: 409,
  postal_voter: 409,
  cast_in_progress: 409,
  duplicate_paper: 409,
  email_taken: 409,
  conflict: 409,
};

/** A refusal from the domain or a use case, as the REST API answers it. */
export const refused = (error: { code: string; message: string } | DomainError): HttpError => new HttpError(STATUS[error.code] ?? 400, error.code, error.message);
