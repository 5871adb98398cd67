import { describe, expect, it } from 'vitest';
import { memoryMemberDirectory } from '../../handlers/adapters/memory/memberDirectory';
import { ensureChair } from '../../infra/local/committeeChair';

/** The local stack's bootstrap member, on the directory's in-memory twin: one chair, found again, always of the committee. */
describe("the local stack's chair", () => {
  it('is invited once in the committee role and found again by the address, in any case, with the same id', async () => {
    const directory = memoryMemberDirectory();
    const chair = await ensureChair(directory, { email: 'Ada@Uni.test', name: 'Ada Lovelace' });
    expect(chair).toEqual({ id: expect.any(String), name: 'Ada Lovelace', role: 'committee', email: 'ada@uni.test' });

    expect(await ensureChair(directory, { email: ' ada@uni.test ', name: 'Ada L.' })).toEqual(chair);
    expect(await directory.members()).toEqual([chair]);
  });

  it('is put back in the committee role when found in a lower one', async () => {
    const directory = memoryMemberDirectory();
    const chair = await ensureChair(directory, { email: 'ada@uni.test', name: 'Ada Lovelace' });
    await directory.setRole(chair.id, 'helpdesk');

    expect(await ensureChair(directory, { email: 'ada@uni.test', name: 'Ada Lovelace' })).toEqual(chair);
    expect(await directory.member(chair.id)).toMatchObject({ role: 'committee' });
  });

  it('refuses an address whose account the directory does not list (disabled, or in no group), naming the address', async () => {
    const directory = memoryMemberDirectory();
    await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
    const hidingIt = { ...directory, members: async () => [] };

    await expect(ensureChair(hidingIt, { email: 'ada@uni.test', name: 'Ada Lovelace' })).rejects.toThrow("the chair's address ada@uni.test has an account that is disabled or in no role's group");
  });
});
