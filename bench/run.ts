import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchFanout } from './fanout';

/** `npm run bench`: prints figures and writes them to .local/bench/latest.json. Nothing here asserts a time. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Benchmarks on ${machine}\n`);

console.log('Results fan-out through the workflow against the local mailbox:');
const fanout = await benchFanout(Number(process.env.FANOUT_VOTERS ?? 20_000), (line) => console.log(line));
console.table([{ voters: fanout.voters, seconds: fanout.seconds.toFixed(2), 'SES calls': fanout.sesCalls, messages: fanout.messages, 'messages/s': Math.round(fanout.messagesPerSecond) }]);

mkdirSync('.local/bench', { recursive: true });
writeFileSync('.local/bench/latest.json', `${JSON.stringify({ at: new Date().toISOString(), machine, fanout }, null, 2)}\n`);
console.log('\nWritten to .local/bench/latest.json');
