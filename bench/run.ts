import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchColdStarts } from './coldStart';
import { benchFanout } from './fanout';
import { benchReplay } from './replay';
import { benchTally } from './tally';

/** `npm run bench`: prints figures and writes them to .local/bench/latest.json. Nothing here asserts a time. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Benchmarks on ${machine}\n`);
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

console.log('Tally of 1,000,000 single-choice ballots in process:');
const tally = benchTally();
console.table([{ ballots: tally.ballots, seconds: round(tally.seconds, 3), 'ballots/s': Math.round(tally.ballotsPerSecond) }]);

console.log('\nReplay: audit verify on an export of 1,000,000 ballots (target: < 15 s, < 1 GiB):');
const replay = await benchReplay(Number(process.env.REPLAY_BALLOTS ?? 1_000_000));
console.table([{ ballots: replay.ballots, 'file MB': round(replay.fileMb, 1), seconds: round(replay.seconds), 'peak MB': Math.round(replay.peakMemoryMb) }]);

console.log('\nResults fan-out through the workflow against the local mailbox:');
const fanout = await benchFanout(Number(process.env.FANOUT_VOTERS ?? 20_000), (line) => console.log(line));
console.table([{ voters: fanout.voters, seconds: round(fanout.seconds), 'SES calls': fanout.sesCalls, messages: fanout.messages, 'messages/s': Math.round(fanout.messagesPerSecond) }]);

console.log('\nCold start: each Lambda bundle, imported by a fresh Node process:');
const coldStarts = await benchColdStarts();
console.table(coldStarts.map((c) => ({ function: c.fn, 'bundle KB': round(c.bundleKb, 1), 'import ms': round(c.importMs, 1) })));

mkdirSync('.local/bench', { recursive: true });
writeFileSync('.local/bench/latest.json', `${JSON.stringify({ at: new Date().toISOString(), machine, tally, replay, fanout, coldStarts }, null, 2)}\n`);
console.log('\nWritten to .local/bench/latest.json');
