import { describe, expect, it } from 'vitest';
import type { ExistingElection } from '../../domain';
import { memoryMemberDirectory } from '../../handlers/adapters/memory/memberDirectory';
import { committeeAddresses } from '../../handlers/lifecycle/committeeAddresses';

/** Whom the lifecycle calls to a sealed box's opening: the committee's members with the committee role, at the addresses the directory holds now. */
describe('the committee’s addresses', () => {
  async function directoryOfFour() {
    let n = 0;
    const directory = memoryMemberDirectory(() => `m${++n}`);
    const chair = await directory.invite({ email: 'Chair@Union.test', name: 'Chris Chair', role: 'committee' });
    const second = await directory.invite({ email: 'grace@union.test', name: 'Grace Hopper', role: 'committee' });
    const desk = await directory.invite({ email: 'helen@union.test', name: 'Helen Desk', role: 'helpdesk' });
    const gone = await directory.invite({ email: 'gone@union.test', name: 'Gone Member', role: 'committee' });
    return { directory, chair, second, desk, gone };
  }
  const roster = (...members: { id: string; name: string; role: string }[]) => ({ committee: members.map(({ id, name, role }) => ({ id, name, role })) }) as unknown as ExistingElection;

  it('mails the roster’s committee members at their addresses now: not the help desk, not a removed account, not one demoted since', async () => {
    const { directory, chair, second, desk, gone } = await directoryOfFour();
    const election = roster(chair, second, desk, gone);
    await directory.remove(gone.id);
    await directory.setRole(second.id, 'observer');
    expect(await committeeAddresses({ directory }, election)).toEqual(['chair@union.test']);
  });

  it('mails nobody the roster does not name, though the directory holds them', async () => {
    const { directory, second } = await directoryOfFour();
    expect(await committeeAddresses({ directory }, roster(second))).toEqual(['grace@union.test']);
  });

  it('mails the deployment’s committee members for an election without a roster (made before accounts, or by the 2019 API)', async () => {
    const { directory } = await directoryOfFour();
    expect((await committeeAddresses({ directory }, {} as ExistingElection)).sort()).toEqual(['chair@union.test', 'gone@union.test', 'grace@union.test']);
  });
});
