import { describe } from 'vitest';
import { memoryStores } from '../../handlers/adapters/memory';
import { storeContract } from './storeContract';

/** A unit test: the in-memory twins, fresh tables for each case, no DynamoDB Local. */
describe('the in-memory store and mail queue', () => {
  storeContract(async () => memoryStores());
});
