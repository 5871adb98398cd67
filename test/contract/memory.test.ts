import { describe } from 'vitest';
import { memoryStores, MemoryTables } from '../../handlers/adapters/memory';
import { memoryApiTokens } from '../../handlers/adapters/memory/apiTokens';
import { memoryMemberDirectory } from '../../handlers/adapters/memory/memberDirectory';
import { apiTokensContract } from './apiTokens.contract';
import { memberDirectoryContract } from './memberDirectory.contract';
import { storeContract } from './storeContract';

/** A unit test: the in-memory twins, fresh tables for each case, no DynamoDB Local. */
describe('the in-memory store and mail queue', () => {
  storeContract(async () => {
    const { store, mail, tables } = memoryStores();
    const everyItem = async () => tables.itemMaps().flatMap((items) => [...items.entries()].map(({ key, item }) => ({ ...key, item })));
    return { store, mail, everyItem };
  });
});

describe("the in-memory committee's directory and API tokens", () => {
  memberDirectoryContract(async () => memoryMemberDirectory());
  apiTokensContract(async () => memoryApiTokens(new MemoryTables()));
});
