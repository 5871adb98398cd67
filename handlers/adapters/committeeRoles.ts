import { holds, ROLES, type Role } from '../../domain/committee';

/** The highest role among an account's groups (ROLES lists them highest first); any other group counts for nothing. */
export const highestRole = (groups: readonly string[]): Role | undefined => ROLES.find((role) => groups.includes(role));

/**
 * What a session or an API token may do now: the role it was issued with, unless the member has
 * since been moved to a role that no longer holds it; then the member's role now.
 */
export const roleNow = (issued: Role, current: Role): Role => (holds(current, issued) ? issued : current);
