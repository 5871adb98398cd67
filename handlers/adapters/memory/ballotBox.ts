import { byBallotId, type SealedBallot } from '../../../domain';
import type { BallotBox } from '../../ports';
import { allShards, keys } from '../keys';
import { PAGE, type MemoryTables } from './tables';
import { checkTransaction, TransactionCanceledException } from './transaction';

/** The ballot box in memory: what DynamoElectionStore keeps on its own table, sharded alike, with the same conditions. */
export function memoryBallotBox(tables: MemoryTables): BallotBox {
  const shard = (partition: string): SealedBallot[] => tables.ballots.query(partition).map(({ sk, item }) => storedBallot(sk, item));
  const countShards = (partition: (shard: number) => string, items: { count(pk: string): number }) => allShards().reduce((sum, s) => sum + items.count(partition(s)), 0);
  return {
    async castBallot(electionId, { tokenHash, papers, eligibility, studentId, queuedAt }) {
      const marker = keys.marker(electionId, tokenHash);
      const confirmation = keys.confirmationMail(electionId, tokenHash);
      const ballots = papers.map(({ box, ballot }) => ({ key: keys.ballot(box, ballot.ballotId), content: storedContent(ballot) }));
      checkTransaction([marker, keys.credential(tokenHash), keys.revocation(tokenHash), confirmation, ...ballots.map(({ key }) => key)]);
      if (tables.revocations.has(keys.revocation(tokenHash))) return 'invalid_token';
      const credential = tables.credentials.get(keys.credential(tokenHash));
      // This election's credential, and the claimed voter's: then only a contest's groups can fail the cast.
      const own = credential !== undefined && credential.electionId === electionId && (studentId === undefined || credential.studentId === studentId);
      const eligible = own && eligibility.every((groups) => groups.some((group) => credential.groups?.includes(group)));
      if (!eligible) return own && eligibility.length > 0 ? 'not_eligible' : 'invalid_token';
      if (tables.markers.has(marker)) return 'already_voted';
      if (ballots.some(({ key }) => tables.ballots.has(key))) return 'duplicate_paper';
      if (tables.mail.has(confirmation)) throw new TransactionCanceledException('a confirmation is taken');
      tables.markers.put(marker, true);
      tables.mail.put(confirmation, { electionId, tokenHash, kind: 'confirmation', generation: 0, status: 'pending', attempts: 0, due: queuedAt, queue: keys.queue(confirmation.pk) });
      for (const { key, content } of ballots) tables.ballots.put(key, content);
      return 'accepted';
    },

    async hasVoted(electionId, tokenHash) {
      return tables.markers.has(keys.marker(electionId, tokenHash));
    },

    async readBallots(box) {
      return allShards().flatMap((s) => shard(keys.ballotShard(box, s)));
    },

    ballotsByShard(box) {
      return allShards().map(async function* (s) {
        const ballots = shard(keys.ballotShard(box, s));
        for (let i = 0; i < ballots.length; i += PAGE) yield ballots.slice(i, i + PAGE);
      });
    },

    async ballotsAfter(box, after, limit) {
      const later = allShards().flatMap((s) => shard(keys.ballotShard(box, s)).filter((ballot) => after === undefined || ballot.ballotId > after));
      return later.sort(byBallotId).slice(0, limit);
    },

    async findBallot(box, ballotId) {
      const content = tables.ballots.get(keys.ballot(box, ballotId));
      return content === undefined ? undefined : storedBallot(ballotId, content);
    },

    async countBallots(box) {
      return countShards((s) => keys.ballotShard(box, s), tables.ballots);
    },

    async countParticipation(electionId) {
      return countShards((s) => keys.markerShard(electionId, s), tables.markers);
    },
  };
}

/**
 * Puts a contest's whole box in, and the participation markers of the credentials that cast it:
 * what the casts would have left there, as the benchmarks' seeding of DynamoDB batch-writes them.
 */
export function fillBox(tables: MemoryTables, electionId: string, box: string, ballots: readonly SealedBallot[], voterTokenHashes: Iterable<string>): void {
  for (const ballot of ballots) tables.ballots.put(keys.ballot(box, ballot.ballotId), storedContent(ballot));
  for (const tokenHash of voterTokenHashes) tables.markers.put(keys.marker(electionId, tokenHash), true);
}

/** A ballot's stored content, as DynamoElectionStore writes its attributes: its choices, or a sealed paper. */
const storedContent = (ballot: SealedBallot): string => JSON.stringify(ballot.sealed ? { sealed: ballot.sealed } : ballot.choices);

function storedBallot(ballotId: string, content: string): SealedBallot {
  const parsed = JSON.parse(content);
  return Array.isArray(parsed) ? { ballotId, choices: parsed } : { ballotId, choices: [], sealed: parsed.sealed };
}
