import { openingFileParts, type OpeningFiles, type OpeningWait } from '../../ports';
import { keys } from '../keys';
import type { MemoryTables } from './tables';

/** The opening files in memory, in parts as DynamoElectionStore keeps them. */
export function memoryOpeningFiles(tables: MemoryTables): OpeningFiles & OpeningWait {
  return {
    async putOpeningFile(electionId, digest, content) {
      openingFileParts(content).forEach((part, i) => tables.openingFiles.putNew(keys.openingFilePart(electionId, digest, i), part));
    },
    async getOpeningFile(electionId, digest) {
      const parts = tables.openingFiles.query(keys.openingFile(electionId, digest));
      return parts.length === 0 ? undefined : parts.map(({ item }) => item).join('');
    },
    async recordOpeningWait(electionId, taskToken) {
      tables.openingWaits.put(keys.openingWait(electionId), taskToken);
    },
    async openingWait(electionId) {
      return tables.openingWaits.get(keys.openingWait(electionId));
    },
  };
}
