import { emailKey } from '../../domain';
import type { Member } from '../../domain/committee';
import { AccountExists, type MemberDirectory } from '../../handlers/ports';

/** The bootstrap committee member of the local pool: the member the admin token acts as. */
export interface LocalChair {
  email: string;
  /** The display name the log shows; only used when the account is made. */
  name: string;
}

/**
 * The chair's account, found again by its address or invited in the committee role: a restart on
 * the same data keeps one chair with one id. An account found in a lower role is put back in the
 * committee's group, as the admin token acts for the committee; it keeps the name it was made with.
 */
export async function ensureChair(directory: MemberDirectory, chair: LocalChair): Promise<Member & { email: string }> {
  const address = emailKey(chair.email.trim());
  const found = (await directory.members()).find((member) => member.email === address);
  if (!found) {
    return directory.invite({ email: address, name: chair.name, role: 'committee' }).catch((error: unknown) => {
      // Listed nowhere, yet there: disabled, or in no role's group. Another account would not be the chair.
      if (error instanceof AccountExists)
        throw new Error(`the chair's address ${address} has an account that is disabled or in no role's group: enable it and put it in the committee group, or choose another address`);
      throw error;
    });
  }
  if (found.role !== 'committee') await directory.setRole(found.id, 'committee');
  return { ...found, role: 'committee' };
}
