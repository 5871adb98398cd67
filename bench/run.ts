import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchCastPath } from './castPath';
import { benchColdStarts } from './coldStart';
import { benchCountingMethods } from './countingMethods';
import { benchDuplicateStorm } from './duplicateStorm';
import { benchExportThroughStore } from './exportThroughStore';
import { benchFanout } from './fanout';
import { benchMailThroughput } from './mailThroughput';
import { benchRegistration } from './registration';
import { benchReplay } from './replay';
import { benchTally } from './tally';
import { benchTallyFromStore } from './tallyFromStore';

/** `npm run bench`: prints figures and writes them to .local/bench/latest.json. Nothing here asserts a time. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Benchmarks on ${machine}\n`);
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

console.log('Cast path: voters casting once, over HTTP through the local server and as Lambda runs the handler (the API Gateway event), against the raw floor: the same TransactWriteItems sent straight to DynamoDB Local (target handler/raw >= 0.9 at C = 1 and at C = 32):');
const castPath = await benchCastPath();
console.table(
  castPath.map((l) => ({
    C: l.concurrency,
    casts: l.casts,
    'HTTP/s': Math.round(l.ballotsPerSecond),
    'HTTP p50 ms': round(l.p50Ms, 1),
    'HTTP p99 ms': round(l.p99Ms, 1),
    'handler/s': Math.round(l.handlerPerSecond),
    'handler p50 ms': round(l.handlerP50Ms, 1),
    'handler p99 ms': round(l.handlerP99Ms, 1),
    'raw/s': Math.round(l.rawPerSecond),
    'raw p50 ms': round(l.rawP50Ms, 1),
    'raw p99 ms': round(l.rawP99Ms, 1),
    'HTTP/raw': round(l.ourOverRaw),
    'handler/raw': round(l.handlerOverRaw),
  })),
);

console.log('\nDuplicate storm: 1,000 casts from 10 tokens at once (ours must accept exactly 10), and the 2019 algorithm under the same storm:');
const storm = await benchDuplicateStorm();
console.table([{ casts: storm.casts, tokens: storm.tokens, 'ours accepted': storm.accepted, 'ours stored': storm.ballotsStored, '2019 votes stored': storm.thesisVotesStored, '2019 extra votes': storm.thesisExtraVotes }]);

console.log('\nRegistration: one import request of 5,000 voters over HTTP, as the CLI sends it (32 voters per TransactWriteItems), against DynamoDB Local:');
const registration = await benchRegistration();
console.table([{ voters: registration.votersPerRequest, 'request s (median of 3)': round(registration.medianSeconds), 'voters/s': Math.round(registration.votersPerSecond), transactions: registration.transactionsPerRequest, 'ms per transaction': round(registration.msPerTransaction, 1) }]);

console.log('\nTally of 100,000 ballots read from DynamoDB Local:');
const storeTally = await benchTallyFromStore(Number(process.env.STORE_TALLY_BALLOTS ?? 100_000));
console.table([{ ballots: storeTally.ballots, 'read s': round(storeTally.readSeconds), 'tally s': round(storeTally.tallySeconds, 3) }]);

console.log('\nCounting rules in process, through tally (grouping included): 100,000 ranked ballots over 20 candidates for 5 seats (target < 2 s each for the STVs), 1,000,000 list ballots (target < 1 s):');
const counting = benchCountingMethods();
console.table(counting.map((c) => ({ rule: c.rule, ballots: c.ballots, candidates: c.candidates, seats: c.seats, 'distinct rankings / votes': c.groups, seconds: round(c.seconds, 3), elected: c.elected })));

console.log('\nTally of 1,000,000 single-choice ballots in process:');
const tally = benchTally();
console.table([{ ballots: tally.ballots, seconds: round(tally.seconds, 3), 'ballots/s': Math.round(tally.ballotsPerSecond) }]);

console.log('\nReplay: audit verify on an export of 1,000,000 ballots (target: < 15 s, < 1 GiB):');
const replay = await benchReplay(Number(process.env.REPLAY_BALLOTS ?? 1_000_000));
console.table([{ ballots: replay.ballots, 'file MB': round(replay.fileMb, 1), seconds: round(replay.seconds), 'peak MB': Math.round(replay.peakMemoryMb) }]);

console.log('\nAudit export through the export store: a published election of 1,000,000 voters and ballots in DynamoDB Local, exported as gzipped NDJSON, then verified (export and verify each in a process of its own):');
const exported = await benchExportThroughStore(Number(process.env.EXPORT_BALLOTS ?? 1_000_000), (line) => console.log(line));
console.table([{ ballots: exported.ballots, 'seed s': round(exported.seedSeconds), 'export s': round(exported.exportSeconds), 'export peak MB': Math.round(exported.exportPeakMb), 'gzip MB': round(exported.gzipMb, 1), 'verify s': round(exported.verifySeconds), 'verify peak MB': Math.round(exported.verifyPeakMb) }]);

console.log('\nResults fan-out through the workflow against the local mailbox:');
const fanout = await benchFanout(Number(process.env.FANOUT_VOTERS ?? 20_000), (line) => console.log(line));
console.table([{ voters: fanout.voters, seconds: round(fanout.seconds), 'SES calls': fanout.sesCalls, messages: fanout.messages, 'messages/s': Math.round(fanout.messagesPerSecond) }]);

const mailVoters = Number(process.env.MAIL_BENCH_VOTERS ?? 50_000);
const mailRate = Number(process.env.MAIL_BENCH_RATE ?? 50);
console.log(`\nCredential mail: ${mailVoters.toLocaleString('en')} voters registered, then every credential sent by the local sender (stream, sweep, pacer) through the mailbox, which refuses sends above ${mailRate}/s as SES does (target ideal/measured >= 0.9):`);
const mailThroughput = await benchMailThroughput(mailVoters, mailRate, (line) => console.log(line));
console.table([{ voters: mailThroughput.voters, 'rate /s': mailThroughput.rate, 'register s': round(mailThroughput.registerSeconds), 'ideal s': round(mailThroughput.idealSeconds), 'measured s': round(mailThroughput.seconds), 'ideal/measured': round(mailThroughput.idealOverMeasured), throttled: mailThroughput.throttled, 'credential mails': mailThroughput.credentialMails, recipients: mailThroughput.recipients }]);

console.log('\nCold start: each Lambda bundle, imported by a fresh Node process:');
const coldStarts = await benchColdStarts();
console.table(coldStarts.map((c) => ({ function: c.fn, 'bundle KB': round(c.bundleKb, 1), 'import ms': round(c.importMs, 1) })));

mkdirSync('.local/bench', { recursive: true });
writeFileSync('.local/bench/latest.json', `${JSON.stringify({ at: new Date().toISOString(), machine, castPath, storm, registration, storeTally, counting, tally, replay, exported, fanout, mailThroughput, coldStarts }, null, 2)}\n`);
console.log('\nWritten to .local/bench/latest.json');
