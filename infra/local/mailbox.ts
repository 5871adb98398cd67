import type { Server } from 'node:http';
import { createRequire } from 'node:module';

// aws-ses-v2-local is CommonJS with an `exports.default`; require it to get the function itself.
const startSesServer = (createRequire(import.meta.url)('aws-ses-v2-local') as typeof import('aws-ses-v2-local')).default;

export interface RunningMailbox {
  url: string;
  stop(): Promise<void>;
}

/** The SES v2 API and a web mailbox (aws-ses-v2-local) in this process, on loopback. */
export async function startMailbox(port: number): Promise<RunningMailbox> {
  const server: Server = await startSesServer({ host: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((done) => server.close(() => done())),
  };
}
