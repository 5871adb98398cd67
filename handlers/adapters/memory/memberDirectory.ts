import { randomUUID } from 'node:crypto';
import { emailKey } from '../../../domain';
import type { Member } from '../../../domain/committee';
import { AccountExists, UnknownMember, type MemberDirectory } from '../../ports';

type Account = Member & { email: string };

/** The committee's accounts in memory, with CognitoMemberDirectory's rules: one account an address, ids the provider gives. */
export function memoryMemberDirectory(newId: () => string = randomUUID): MemberDirectory {
  const accounts = new Map<string, Account>();
  const known = (id: string) => {
    const account = accounts.get(id);
    if (!account) throw new UnknownMember(id);
    return account;
  };
  return {
    async members() {
      return [...accounts.values()].map((a) => ({ ...a })).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    },

    async member(id) {
      const account = accounts.get(id);
      return account && { ...account };
    },

    async invite({ email, name, role }) {
      const address = emailKey(email.trim());
      if ([...accounts.values()].some((a) => a.email === address)) throw new AccountExists(address);
      const account = { id: newId(), name, role, email: address };
      accounts.set(account.id, account);
      return { ...account };
    },

    async setRole(id, role) {
      known(id).role = role;
    },

    async remove(id) {
      known(id);
      accounts.delete(id);
    },
  };
}
