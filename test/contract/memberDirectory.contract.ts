import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccountExists, UnknownMember, type MemberDirectory } from '../../handlers/ports';

/** Gives each case a directory of its own: a fresh twin, or a fresh pool in cognito-local. */
export type DirectoryFactory = () => Promise<MemberDirectory>;

/**
 * What the committee's directory keeps, run against the twin in memory (memory.test.ts) and
 * against CognitoMemberDirectory on cognito-local (cognito.test.ts).
 */
export function memberDirectoryContract(makeDirectory: DirectoryFactory): void {
  describe("the committee's member directory", () => {
    let directory: MemberDirectory;
    beforeEach(async () => {
      directory = await makeDirectory();
    });

    it('invites a member by address, name and role: listed with that role, found by the id it was given', async () => {
      const ada = await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
      expect(ada).toEqual({ id: expect.any(String), email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
      expect(await directory.members()).toEqual([ada]);
      expect(await directory.member(ada.id)).toEqual(ada);
    });

    it('keeps an address folded to lower case, and refuses a second account for it (the field email); the first stands', async () => {
      const ada = await directory.invite({ email: ' Ada@Uni.TEST ', name: 'Ada Lovelace', role: 'helpdesk' });
      expect(ada.email).toBe('ada@uni.test');
      const error = await directory.invite({ email: 'ADA@uni.test', name: 'Someone Else', role: 'committee' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccountExists);
      expect(error).toMatchObject({ field: 'email' });
      expect(await directory.members()).toEqual([ada]);
    });

    it('lists every member by name, each with their role', async () => {
      const grace = await directory.invite({ email: 'grace@uni.test', name: 'Grace Hopper', role: 'observer' });
      const alan = await directory.invite({ email: 'alan@uni.test', name: 'Alan Turing', role: 'helpdesk' });
      const edsger = await directory.invite({ email: 'edsger@uni.test', name: 'Edsger Dijkstra', role: 'committee' });
      expect(await directory.members()).toEqual([alan, edsger, grace]);
    });

    it('moves a member to another role: listed and found with that role alone', async () => {
      const alan = await directory.invite({ email: 'alan@uni.test', name: 'Alan Turing', role: 'helpdesk' });
      await directory.setRole(alan.id, 'committee');
      expect(await directory.member(alan.id)).toEqual({ ...alan, role: 'committee' });
      await directory.setRole(alan.id, 'observer');
      expect(await directory.members()).toEqual([{ ...alan, role: 'observer' }]);
    });

    it('removes a member: no longer listed nor found, and their address may be invited again, as a new account', async () => {
      const ada = await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
      const grace = await directory.invite({ email: 'grace@uni.test', name: 'Grace Hopper', role: 'observer' });
      await directory.remove(ada.id);
      expect(await directory.members()).toEqual([grace]);
      expect(await directory.member(ada.id)).toBeUndefined();
      const again = await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'observer' });
      expect(again.id).not.toBe(ada.id);
    });

    it('knows no one by an id it never gave, and refuses to change or remove them (the field id)', async () => {
      const stranger = randomUUID();
      expect(await directory.member(stranger)).toBeUndefined();
      for (const change of [() => directory.setRole(stranger, 'committee'), () => directory.remove(stranger)]) {
        const error = await change().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UnknownMember);
        expect(error).toMatchObject({ field: 'id' });
      }
      expect(await directory.members()).toEqual([]);
    });
  });
}
