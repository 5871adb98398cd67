import type { PersonalMail, PersonalRecords } from '../../ports';
import { keys } from '../keys';
import type { MemoryTables } from './tables';

/** Deletes every item of a partition, of whichever kind: how many there were. */
function erasePartition(tables: MemoryTables, pk: string): number {
  let erased = 0;
  for (const items of tables.itemMaps()) {
    for (const { sk } of items.query(pk)) if (items.delete({ pk, sk })) erased += 1;
  }
  return erased;
}

/** The erasure of an election's voters in memory: the partitions DynamoElectionStore deletes, in its order. */
export function memoryPersonalRecords(tables: MemoryTables): PersonalRecords {
  return {
    async eraseCredentials(tokenHashes) {
      let erased = 0;
      for (const tokenHash of tokenHashes) {
        if (tables.credentials.delete(keys.credential(tokenHash))) erased += 1;
        tables.revocations.delete(keys.revocation(tokenHash));
      }
      return erased;
    },

    async eraseVoterRecords(electionId) {
      const rollEntries = erasePartition(tables, keys.roll(electionId));
      let otherItems = 0;
      for (const pk of keys.voterRecordPartitions(electionId)) otherItems += erasePartition(tables, pk);
      otherItems += erasePartition(tables, keys.rollSalt(electionId).pk);
      return { rollEntries, otherItems };
    },
  };
}

/** The erasure of an election's mail in memory, each message's item first, as DynamoMailQueue does. */
export function memoryPersonalMail(tables: MemoryTables): PersonalMail {
  return {
    async *voterCredentialPages(electionId) {
      for (const pk of keys.electionMailPartitions(electionId)) {
        const voters = tables.mail
          .query(pk)
          .filter(({ sk }) => sk.startsWith('VOTER#'))
          .map(({ item }) => ({ studentId: item.studentId!, generation: item.generation! }));
        if (voters.length > 0) yield voters;
      }
    },

    async eraseElectionMail(electionId) {
      let erased = 0;
      for (const pk of keys.electionMailPartitions(electionId)) {
        for (const { item } of tables.mail.query(pk)) {
          for (const message of keys.sentMessagesOf(item)) if (tables.sentMessages.delete(message)) erased += 1;
        }
        erased += erasePartition(tables, pk);
      }
      return erased;
    },
  };
}
