import { openingFileParts, type OpeningChecks, type OpeningFiles, type CommitteeWaits, type PendingUploads } from '../../ports';
import { keys } from '../keys';
import type { MemoryTables } from './tables';

/** The opening files in memory, in parts as DynamoElectionStore keeps them, and the uploads pending beside them and their checks (which never expire here). */
export function memoryOpeningFiles(tables: MemoryTables): OpeningFiles & CommitteeWaits & PendingUploads & OpeningChecks {
  return {
    async putOpeningFile(electionId, digest, content) {
      openingFileParts(content).forEach((part, i) => tables.openingFiles.putNew(keys.openingFilePart(electionId, digest, i), part));
    },
    async getOpeningFile(electionId, digest) {
      const parts = tables.openingFiles.query(keys.openingFile(electionId, digest));
      return parts.length === 0 ? undefined : parts.map(({ item }) => item).join('');
    },
    async countOpeningFileParts(electionId, digest) {
      return tables.openingFiles.count(keys.openingFile(electionId, digest));
    },
    async readOpeningFileParts(electionId, digest, first, count) {
      const range = { from: keys.openingFilePart(electionId, digest, first).sk, to: keys.openingFilePart(electionId, digest, first + count - 1).sk };
      return tables.openingFiles
        .query(keys.openingFile(electionId, digest), range)
        .map(({ item }) => item)
        .join('');
    },
    async putUploadPart(electionId, digest, { index, parts, text }) {
      const count = keys.pendingUploadCount(electionId, digest);
      tables.pendingUploadCounts.putNew(count, parts);
      const begun = tables.pendingUploadCounts.get(count)!;
      if (begun === parts) tables.pendingUploadParts.putNew(keys.pendingUploadChunk(electionId, digest, index, 0), text);
      return { parts: begun };
    },
    async readUpload(electionId, digest) {
      const parts = tables.pendingUploadCounts.get(keys.pendingUploadCount(electionId, digest));
      if (parts === undefined) return undefined;
      const arrived = tables.pendingUploadParts.query(keys.pendingUpload(electionId, digest)).map(({ sk, item }) => [Number(sk.split('#')[1]), item] as const);
      return { parts, arrived: new Map(arrived) };
    },
    async putOpeningCheck(electionId, upload, record) {
      tables.openingChecks.put(keys.openingCheck(electionId, upload), structuredClone(record));
    },
    async readOpeningCheck(electionId, upload) {
      const record = tables.openingChecks.get(keys.openingCheck(electionId, upload));
      if (record === undefined) return undefined;
      const prefix = keys.openingCheckParts(electionId, upload, record.run);
      const checked = tables.openingCheckParts.query(prefix.pk).filter(({ sk }) => sk.startsWith(prefix.sk)).length;
      return { ...structuredClone(record), checked };
    },
    async putOpeningCheckPart(electionId, upload, run, index, verdict) {
      tables.openingCheckParts.put(keys.openingCheckPart(electionId, upload, run, index), verdict);
    },
    async readOpeningCheckParts(electionId, upload, run) {
      const prefix = keys.openingCheckParts(electionId, upload, run);
      return new Map(
        tables.openingCheckParts
          .query(prefix.pk)
          .filter(({ sk }) => sk.startsWith(prefix.sk))
          .map(({ sk, item }) => [Number(sk.slice(prefix.sk.length)), item] as const),
      );
    },
    async recordWait(electionId, wait, taskToken) {
      tables.committeeWaits.put(keys.committeeWait(electionId, wait), taskToken);
    },
    async waitToken(electionId, wait) {
      return tables.committeeWaits.get(keys.committeeWait(electionId, wait));
    },
  };
}
