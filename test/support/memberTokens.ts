import type { Member, Role } from '../../domain/committee';
import type { Deps } from '../../handlers/ports';
import { makeApiToken } from '../../handlers/usecases/apiTokens';

/**
 * A member's first personal API token, made as the console's session would make it: the test app
 * has no identity provider to sign in to, and `POST /tokens` needs its member signed in. `role`:
 * the token's, the member's own unless given.
 */
export async function firstTokenOf(deps: Pick<Deps, 'directory' | 'apiTokens' | 'clock' | 'secureBytes'>, member: Member, role: Role = member.role): Promise<string> {
  const made = await makeApiToken(deps, { id: member.id, name: member.name, role: member.role, via: 'session' }, { role, expiresInDays: 30 });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.token;
}
