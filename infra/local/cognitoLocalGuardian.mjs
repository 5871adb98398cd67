// Runs cognito-local in this very process and ends it when its stdin closes. Its parent (the
// local stack, or vitest) holds the only writing end of that pipe; the kernel closes it however
// the parent ends, so cognito-local never outlives it and never keeps the port for a later start
// (as dynamoDbGuardian.mjs does for DynamoDB Local). cognito-local keeps its data in `.cognito`
// under the working directory it is started in, and reads its port and host from PORT and HOST.
// Plain JavaScript, so it starts in plain Node without a loader.
import { createRequire } from 'node:module';

process.stdin.once('end', () => process.exit(0));
process.stdin.once('error', () => process.exit(0));
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(0));

createRequire(import.meta.url)('cognito-local/lib/bin/start.js');
