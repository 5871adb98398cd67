import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamoDbLocal';
import { freePort } from './freePort';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

/** One DynamoDB Local (in memory) for the whole run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal(await freePort());
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
