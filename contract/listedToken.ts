import type { Role } from '../domain/committee';

/** A personal API token as its member's list shows it (`GET /tokens`): never its text nor its hash. */
export interface ListedToken {
  id: string;
  role: Role;
  label: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  state: 'active' | 'expired' | 'revoked';
}
