import type { EffectsLedger } from '../../ports';
import { keys } from '../keys';
import type { MemoryTables } from './tables';

/** The records of side effects in memory: each put once, as DynamoElectionStore puts them. */
export function memoryEffectsLedger(tables: MemoryTables): EffectsLedger {
  return {
    async isDone(effect) {
      return tables.done.has(keys.done(effect));
    },

    async markDone(effect) {
      tables.done.putNew(keys.done(effect), true);
    },

    async planMailPage(electionId, mailing, page, { first, last }) {
      tables.mailPlanPages.putNew(keys.mailPlanPage(electionId, mailing, page), { first, last });
    },

    async readMailPage(electionId, mailing, page) {
      const range = tables.mailPlanPages.get(keys.mailPlanPage(electionId, mailing, page));
      return range && { ...range };
    },

    async recordUndeliveredMail(electionId, studentId, purpose, reason) {
      tables.undeliveredMail.putNew(keys.undeliveredMail(electionId, studentId, purpose), { studentId, purpose, reason });
    },
  };
}
