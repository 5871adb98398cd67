import { alertClaimsContract } from './alertClaims.contract';
import { ballotBoxContract } from './ballotBox.contract';
import { credentialsContract } from './credentials.contract';
import { effectsLedgerContract } from './effectsLedger.contract';
import { eventStreamContract } from './eventStream.contract';
import type { PortsFactory } from './fixtures';
import { linkRequestsContract } from './linkRequests.contract';
import { mailOutboxContract } from './mailOutbox.contract';
import { openingFilesContract } from './openingFiles.contract';
import { personalDataContract } from './personalData.contract';
import { rollContract } from './roll.contract';

/**
 * The conditions the store's and the mail queue's ports keep, written down once as a
 * specification, and run against each implementation: the in-memory twins (memory.test.ts) and
 * DynamoDB Local (dynamo.test.ts). A case that passes against one and fails against the other is a
 * twin that lies.
 */
export function storeContract(makePorts: PortsFactory): void {
  eventStreamContract(makePorts);
  rollContract(makePorts);
  credentialsContract(makePorts);
  ballotBoxContract(makePorts);
  effectsLedgerContract(makePorts);
  mailOutboxContract(makePorts);
  linkRequestsContract(makePorts);
  alertClaimsContract(makePorts);
  openingFilesContract(makePorts);
  personalDataContract(makePorts);
}
