import type { ElectionStore, MailQueue } from '../../ports';
import { memoryAlertClaims } from './alertClaims';
import { memoryBallotBox } from './ballotBox';
import { memoryCredentials } from './credentials';
import { memoryEffectsLedger } from './effectsLedger';
import { memoryEventStream } from './eventStream';
import { memoryLinkRequestCounts, memoryLinkRequests } from './linkRequests';
import { memoryMailOutbox } from './mailOutbox';
import { memoryOpeningFiles } from './openingFiles';
import { memoryPersonalMail, memoryPersonalRecords } from './personalData';
import { memoryRoll } from './roll';
import { MemoryTables } from './tables';

export { fillBox } from './ballotBox';
export { MemoryTables } from './tables';

/**
 * The in-memory twins of the DynamoDB store and mail queue, over one set of tables as the real
 * ones share theirs: every port with the conditions the DynamoDB ones enforce
 * (test/contract/ holds both to them), so that use cases test in milliseconds without Java.
 */
export function memoryStores(tables = new MemoryTables()): { store: ElectionStore; mail: MailQueue; tables: MemoryTables } {
  const store: ElectionStore = {
    ...memoryEventStream(tables),
    ...memoryRoll(tables),
    ...memoryCredentials(tables),
    ...memoryBallotBox(tables),
    ...memoryEffectsLedger(tables),
    ...memoryLinkRequestCounts(tables),
    ...memoryOpeningFiles(tables),
    ...memoryPersonalRecords(tables),
  };
  const mail: MailQueue = { ...memoryMailOutbox(tables), ...memoryLinkRequests(tables), ...memoryAlertClaims(tables), ...memoryPersonalMail(tables) };
  return { store, mail, tables };
}
