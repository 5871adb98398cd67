import { beforeEach, describe, expect, it } from 'vitest';
import type { SealedBallot } from '../../domain';
import type { CastWrite } from '../../handlers/ports';
import { collect, decided, dueOf, electionWithVoters, newTokenHash, reissueCommand, T0, type Ports, type PortsFactory } from './fixtures';

export function ballotBoxContract(makePorts: PortsFactory): void {
  describe('the ballot box', () => {
    let ports: Ports;
    beforeEach(async () => {
      ports = await makePorts();
    });

    const credential = async (electionId: string, studentId = 's1', groups?: string[]) => {
      const tokenHash = newTokenHash();
      await ports.store.issueCredential(tokenHash, { electionId, studentId, email: `${studentId}@uni.test`, generation: 1, ...(groups && { groups }) });
      return tokenHash;
    };
    const paper = (box: string, choices: string[] = ['Ada Lovelace']) => ({ box, ballot: { ballotId: newTokenHash(), choices } });
    const cast = (electionId: string, write: Partial<CastWrite> & Pick<CastWrite, 'tokenHash'>) =>
      ports.store.castBallot(electionId, { papers: [paper(electionId)], eligibility: [], queuedAt: T0.toISOString(), ...write });

    it('a cast lands whole: the marker, each paper in its box, and the confirmation queued', async () => {
      const id = await electionWithVoters(ports.store, 'cast');
      const tokenHash = await credential(id);
      const papers = [paper(`${id}#main`, ['Ada Lovelace']), paper(`${id}#board`, ['Grace Hopper'])];
      expect(await cast(id, { tokenHash, papers })).toBe('accepted');
      expect(await ports.store.hasVoted(id, tokenHash)).toBe(true);
      expect(await ports.store.countParticipation(id)).toBe(1);
      for (const { box, ballot } of papers) {
        expect(await ports.store.readBallots(box)).toEqual([ballot]);
        expect(await ports.store.findBallot(box, ballot.ballotId)).toEqual(ballot);
        expect(await ports.store.countBallots(box)).toBe(1);
      }
      expect(await ports.store.findBallot(`${id}#main`, papers[1]!.ballot.ballotId)).toBeUndefined();
      expect((await dueOf(ports, id, T0)).map((key) => key.sk)).toEqual([`CONFIRM#${tokenHash}`]);
    });

    it('a second cast with the same credential is already_voted and adds nothing', async () => {
      const id = await electionWithVoters(ports.store, 'twice');
      const tokenHash = await credential(id);
      expect(await cast(id, { tokenHash })).toBe('accepted');
      expect(await cast(id, { tokenHash })).toBe('already_voted');
      expect(await ports.store.countBallots(id)).toBe(1);
      expect(await ports.store.countParticipation(id)).toBe(1);
    });

    it('concurrent casts with one credential: exactly one lands, the others are already_voted or contended', async () => {
      const id = await electionWithVoters(ports.store, 'concurrent');
      const tokenHash = await credential(id);
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => cast(id, { tokenHash })));
      expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
      expect(outcomes.filter((o) => o !== 'accepted').every((o) => o === 'already_voted' || o === 'contended')).toBe(true);
      expect(await ports.store.countBallots(id)).toBe(1);
    });

    it("an unknown credential, or another election's, is invalid_token", async () => {
      const id = await electionWithVoters(ports.store, 'unknown');
      const other = await electionWithVoters(ports.store, 'other');
      expect(await cast(id, { tokenHash: newTokenHash() })).toBe('invalid_token');
      expect(await cast(id, { tokenHash: await credential(other) })).toBe('invalid_token');
      expect(await ports.store.countBallots(id)).toBe(0);
    });

    it("a credential cast under another voter's name (the 2019 API names its voter) is invalid_token", async () => {
      const id = await electionWithVoters(ports.store, 'named');
      const tokenHash = await credential(id, 's1');
      expect(await cast(id, { tokenHash, studentId: 's2' })).toBe('invalid_token');
      expect(await cast(id, { tokenHash, studentId: 's1' })).toBe('accepted');
    });

    it('a voter in none of the groups of a contest their cast has a paper for is not_eligible; in one of each, accepted', async () => {
      const id = await electionWithVoters(ports.store, 'groups');
      const law = await credential(id, 's1', ['law']);
      const noGroups = await credential(id, 's2');
      expect(await cast(id, { tokenHash: law, eligibility: [['law', 'medicine'], ['medicine']] })).toBe('not_eligible');
      expect(await cast(id, { tokenHash: noGroups, eligibility: [['law']] })).toBe('not_eligible');
      expect(await ports.store.countParticipation(id)).toBe(0);
      expect(await cast(id, { tokenHash: law, eligibility: [['medicine', 'law'], ['law']] })).toBe('accepted');
    });

    it("another election's credential is invalid_token, not not_eligible, whatever its groups", async () => {
      const id = await electionWithVoters(ports.store, 'foreign-groups');
      const other = await electionWithVoters(ports.store, 'foreign');
      expect(await cast(id, { tokenHash: await credential(other, 's1', ['law']), eligibility: [['medicine']] })).toBe('invalid_token');
    });

    it('a revoked credential is invalid_token', async () => {
      const id = await electionWithVoters(ports.store, 'revoked', 's1');
      const tokenHash = await credential(id);
      const { head, events, state } = await decided(ports.store, id, reissueCommand);
      expect(await ports.store.appendWithReissue(id, head, events, state, { studentId: 's1', generation: 1, revokedTokenHash: tokenHash, queuedAt: T0.toISOString() })).toBe('reissued');
      expect(await cast(id, { tokenHash })).toBe('invalid_token');
      expect(await ports.store.hasVoted(id, tokenHash)).toBe(false);
    });

    it('the box reads as one stream per shard, each in ballot id order, which together hold every ballot', async () => {
      const id = await electionWithVoters(ports.store, 'shards');
      const papers: SealedBallot[] = [];
      for (let i = 0; i < 20; i++) {
        const p = paper(id, [`choice ${i}`]);
        papers.push(p.ballot);
        expect(await cast(id, { tokenHash: await credential(id, `s${i}`), papers: [p] })).toBe('accepted');
      }
      const shards = await Promise.all(ports.store.ballotsByShard(id).map(collect));
      for (const shard of shards) expect(shard.map((b) => b.ballotId)).toEqual(shard.map((b) => b.ballotId).sort());
      const byId = (a: { ballotId: string }, b: { ballotId: string }) => (a.ballotId < b.ballotId ? -1 : 1);
      expect(shards.flat().sort(byId)).toEqual([...papers].sort(byId));
      expect((await ports.store.readBallots(id)).sort(byId)).toEqual([...papers].sort(byId));
      expect(await ports.store.countBallots(id, { consistent: false })).toBe(20);

      // Page by page after the last id seen, the box comes in id order, each ballot once.
      const pages: SealedBallot[][] = [];
      for (let after: string | undefined, page = await ports.store.ballotsAfter(id, undefined, 6); page.length > 0; page = await ports.store.ballotsAfter(id, after, 6)) {
        pages.push(page);
        after = page.at(-1)!.ballotId;
      }
      expect(pages.map((page) => page.length)).toEqual([6, 6, 6, 2]);
      expect(pages.flat()).toEqual([...papers].sort(byId));
    });
  });
}
