import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchCastPapers, benchCastPath, benchSealedCast, benchSealedCastPapers, type CastLevel } from './castPath';
import { benchColdStarts } from './coldStart';
import { benchCountingMethods } from './countingMethods';
import { benchCountLimits } from './countLimits';
import { benchDuplicateStorm } from './duplicateStorm';
import { benchExportThroughStore } from './exportThroughStore';
import { benchLockRoll } from './lockRoll';
import { benchFanout } from './fanout';
import { benchMailThroughput } from './mailThroughput';
import { benchRegistration } from './registration';
import { benchReplay } from './replay';
import { benchTally } from './tally';
import { benchSealedBox } from './sealedBox';
import { benchSealInBrowser } from './sealInBrowser';
import { benchSealedExport } from './sealedExport';
import { benchTallyFromStore } from './tallyFromStore';

/**
 * `npm run bench`: prints figures and writes them to .local/bench/latest.json. Nothing here asserts a time.
 * `npm run bench -- castPath castPapers` (or `npx tsx bench/run.ts castPapers`) runs only the named
 * benchmarks and writes their figures to .local/bench/latest-<names>.json, leaving latest.json alone.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

const castTable = (levels: CastLevel[]) =>
  console.table(
    levels.map((l) => ({
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

/** Each benchmark in the order of a full run, under the name its figures have in the JSON. */
const benchmarks: { name: string; run: () => Promise<unknown> }[] = [
  {
    name: 'castPath',
    run: async () => {
      console.log(
        'Cast path: voters casting once, over HTTP through the local server and as Lambda runs the handler (the API Gateway event), against the raw floor: the same TransactWriteItems sent straight to DynamoDB Local (target handler/raw >= 0.9 at C = 1 and at C = 32):',
      );
      const castPath = await benchCastPath();
      castTable(castPath);
      return castPath;
    },
  },
  {
    name: 'castPapers',
    run: async () => {
      console.log(
        'Cast with 4 papers: an election of 4 contests (2 open to some voter groups only), each voter casting all 4 papers in one TransactWriteItems of 8 items, against the raw floor: the same 8 items sent straight to DynamoDB Local (target handler/raw >= 0.8 at C = 32):',
      );
      const castPapers = await benchCastPapers();
      castTable(castPapers);
      return castPapers;
    },
  },
  {
    name: 'sealedCast',
    run: async () => {
      console.log(
        "Sealed cast: a sealed election's voters casting one ranked paper of 30 candidates each, sealed before the timing; the cast checks the voter's proof (target: under 5 ms a paper), against the raw floor: the same five items, the ballot a sealed paper, straight to DynamoDB Local:",
      );
      const sealedCast = await benchSealedCast();
      castTable(sealedCast);
      return sealedCast;
    },
  },
  {
    name: 'sealedCastPapers',
    run: async () => {
      console.log(
        'Sealed cast of 4 papers: the 4-paper election sealed, each voter casting 4 sealed papers, 4 proofs checked a cast (target: under 50 ms at p50 at C = 1), against the raw floor of the same 8 items:',
      );
      const sealedCastPapers = await benchSealedCastPapers();
      castTable(sealedCastPapers);
      return sealedCastPapers;
    },
  },
  {
    name: 'storm',
    run: async () => {
      console.log('Duplicate storm: 1,000 casts from 10 tokens at once (ours must accept exactly 10), and the 2019 algorithm under the same storm:');
      const storm = await benchDuplicateStorm();
      console.table([
        {
          casts: storm.casts,
          tokens: storm.tokens,
          'ours accepted': storm.accepted,
          'ours stored': storm.ballotsStored,
          '2019 votes stored': storm.thesisVotesStored,
          '2019 extra votes': storm.thesisExtraVotes,
        },
      ]);
      return storm;
    },
  },
  {
    name: 'lock',
    run: async () => {
      console.log("Lock: the roll read whole, hashed, sorted and fingerprinted in the lock's one request (API Gateway allows 30 s), against DynamoDB Local:");
      const lock = await benchLockRoll(Number(process.env.LOCK_VOTERS ?? 100_000), (line) => console.log(line));
      console.table([{ voters: lock.voters, 'seed s': round(lock.seedSeconds), 'lock s': round(lock.lockSeconds, 1), 'voters/s': Math.round(lock.votersPerSecond) }]);
      return lock;
    },
  },
  {
    name: 'registration',
    run: async () => {
      console.log('Registration: one import request of 5,000 voters over HTTP, as the CLI sends it (32 voters per TransactWriteItems), against DynamoDB Local:');
      const registration = await benchRegistration();
      console.table([
        {
          voters: registration.votersPerRequest,
          'request s (median of 3)': round(registration.medianSeconds),
          'voters/s': Math.round(registration.votersPerSecond),
          transactions: registration.transactionsPerRequest,
          'ms per transaction': round(registration.msPerTransaction, 1),
        },
      ]);
      return registration;
    },
  },
  {
    name: 'storeTally',
    run: async () => {
      console.log('Tally of 100,000 ballots read from DynamoDB Local:');
      const storeTally = await benchTallyFromStore(Number(process.env.STORE_TALLY_BALLOTS ?? 100_000));
      console.table([{ ballots: storeTally.ballots, 'read s': round(storeTally.readSeconds), 'tally s': round(storeTally.tallySeconds, 3) }]);
      return storeTally;
    },
  },
  {
    name: 'counting',
    run: async () => {
      console.log(
        'Counting rules in process, through tally (grouping included): 100,000 ranked ballots over 20 candidates for 5 seats (target < 2 s each for the STVs), 1,000,000 list ballots (target < 1 s):',
      );
      const counting = benchCountingMethods();
      console.table(
        counting.map((c) => ({ rule: c.rule, ballots: c.ballots, candidates: c.candidates, seats: c.seats, 'distinct rankings / votes': c.groups, seconds: round(c.seconds, 3), elected: c.elected })),
      );
      return counting;
    },
  },
  {
    name: 'countLimits',
    run: async () => {
      console.log('election count at its limits (COUNT_LIMITS: 500 candidates, 5,000,000 preferences, 1,000,000 ballot lines), random rankings, parse and count each:');
      const limits = benchCountLimits();
      console.table(
        limits.map((c) => ({
          file: c.shape,
          method: c.method,
          seats: c.seats,
          'ballot lines': c.ballotLines,
          preferences: c.preferences,
          'parse s': round(c.parseSeconds),
          'count s': round(c.countSeconds),
          rounds: c.rounds,
        })),
      );
      return limits;
    },
  },
  {
    name: 'sealedBox',
    run: async () => {
      const sizes = (process.env.SEALED_BOX_MIX_PAPERS ?? '1000,10000,20000').split(',').map(Number);
      console.log(
        `The sealed box's arithmetic in node on one core (domain/crypto, as the cast, the opening and audit verify run it): a ranked paper of 30 candidates sealed and its proof checked (target: the check under 5 ms a paper), a trustee's proved decryption share, and one mix with its proof at ${sizes.map((n) => n.toLocaleString('en')).join(', ')} papers (target: 20,000 papers mixed and proved in under 10 minutes):`,
      );
      const figures = benchSealedBox(sizes);
      console.table([
        { step: 'seal a paper (encode, encrypt, prove)', ms: round(figures.sealMs, 2) },
        { step: "check a paper's proof", ms: round(figures.verifyPaperMs, 2) },
        { step: 'a decryption share with its proof', ms: round(figures.decryptShareMs, 2) },
        { step: "check a decryption share's proof", ms: round(figures.verifyShareMs, 2) },
      ]);
      console.table(
        figures.mixes.map((m) => ({
          papers: m.papers,
          'shuffle s': round(m.shuffleSeconds),
          'prove s': round(m.proveSeconds),
          'mixed and proved s': round(m.shuffleSeconds + m.proveSeconds),
          'verify s': round(m.verifySeconds),
          'verify ms a paper': round(m.verifyMsPerPaper),
        })),
      );
      const whole = figures.wholeElection;
      console.log(
        `audit verify of a sealed election of ${whole.voters.toLocaleString('en')} voters, ${whole.contests} contests, 2 mixes and 2 decryptions each (target: under 20 minutes on 2 cores), COMPUTED from the unit costs above (the voters' proofs, the largest mix's verification per paper, a share's check per ciphertext), not measured:`,
      );
      console.table([
        {
          'voters’ proofs s': Math.round(whole.paperSeconds),
          'mixes s': Math.round(whole.mixSeconds),
          'decryptions s': Math.round(whole.shareSeconds),
          'one thread min': round(whole.oneThreadSeconds / 60, 1),
          'two threads min': round(whole.twoThreadSeconds / 60, 1),
        },
      ]);
      return figures;
    },
  },
  {
    name: 'sealInBrowser',
    run: async () => {
      console.log(
        "Sealing in the voter's browser: the voter page's /lib/seal-ballot.js, served by the local stack's file server, sealing a ranked paper of 30 candidates in headless chromium (encode, encrypt, prove, tracker), median of 40 after a warm-up, beside the same call in node:",
      );
      const sealInBrowser = await benchSealInBrowser();
      console.table([{ 'chromium ms': round(sealInBrowser.chromiumMs, 2), 'node ms': round(sealInBrowser.nodeMs, 2), seals: sealInBrowser.times }]);
      return sealInBrowser;
    },
  },
  {
    name: 'sealedExport',
    run: async () => {
      const voters = Number(process.env.SEALED_EXPORT_VOTERS ?? 1_000);
      console.log(
        `Audit export of a sealed election: ${voters.toLocaleString('en')} voters, one ranked contest of 30 candidates, 2 of 3 trustees, opened with two mixes and two decryptions (rehearsed, each upload checked), counted and published as the workflow does; the gzipped NDJSON file as the publish step writes it, by kind of line, then audit verify on it:`,
      );
      const exported = await benchSealedExport(voters, (line) => console.log(`  ${line}`));
      const perThousand = (mb: number) => round((mb * 1_000) / voters, 3);
      console.table(
        (['ballots', 'opening', 'rest'] as const).map((kind) => ({
          lines: kind === 'opening' ? 'opening files' : kind,
          count: exported[kind].lines,
          'raw MB / 1,000 voters': perThousand(exported[kind].rawMb),
          'gzip MB / 1,000 voters (alone)': perThousand(exported[kind].gzipMb),
        })),
      );
      console.table(exported.uploads.map((u) => ({ 'opening file': u.file, 'upload checked in s': round(u.seconds, 1), characters: u.characters, 'parts (items)': u.parts })));
      console.table([
        {
          voters,
          'raw MB / 1,000 voters': perThousand(exported.rawMb),
          'gzip MB / 1,000 voters': perThousand(exported.gzipMb),
          'audit verify s': round(exported.verifySeconds, 1),
          'verify peak MB': Math.round(exported.verifyPeakMb),
        },
      ]);
      return exported;
    },
  },
  {
    name: 'tally',
    run: async () => {
      console.log('Tally of 1,000,000 single-choice ballots in process:');
      const tally = benchTally();
      console.table([{ ballots: tally.ballots, seconds: round(tally.seconds, 3), 'ballots/s': Math.round(tally.ballotsPerSecond) }]);
      return tally;
    },
  },
  {
    name: 'replay',
    run: async () => {
      console.log("Replay: audit verify on the export of 1,000,000 voters who all voted, made in memory by the system's own registration, lock, commands and export (target: < 15 s, < 1 GiB):");
      const replay = await benchReplay(Number(process.env.REPLAY_BALLOTS ?? 1_000_000));
      console.table([{ ballots: replay.ballots, 'gzip MB': round(replay.gzipMb, 1), seconds: round(replay.seconds), 'peak MB': Math.round(replay.peakMemoryMb) }]);
      return replay;
    },
  },
  {
    name: 'exported',
    run: async () => {
      console.log(
        'Audit export through the export store: a published election of 1,000,000 voters and ballots in DynamoDB Local, exported as gzipped NDJSON, then verified (export and verify each in a process of its own):',
      );
      const exported = await benchExportThroughStore(Number(process.env.EXPORT_BALLOTS ?? 1_000_000), (line) => console.log(line));
      console.table([
        {
          ballots: exported.ballots,
          'seed s': round(exported.seedSeconds),
          'export s': round(exported.exportSeconds),
          'export peak MB': Math.round(exported.exportPeakMb),
          'gzip MB': round(exported.gzipMb, 1),
          'verify s': round(exported.verifySeconds),
          'verify peak MB': Math.round(exported.verifyPeakMb),
        },
      ]);
      return exported;
    },
  },
  {
    name: 'fanout',
    run: async () => {
      console.log('Results fan-out through the workflow against the local mailbox:');
      const fanout = await benchFanout(Number(process.env.FANOUT_VOTERS ?? 20_000), (line) => console.log(line));
      console.table([{ voters: fanout.voters, seconds: round(fanout.seconds), 'SES calls': fanout.sesCalls, messages: fanout.messages, 'messages/s': Math.round(fanout.messagesPerSecond) }]);
      return fanout;
    },
  },
  {
    name: 'mailThroughput',
    run: async () => {
      const mailVoters = Number(process.env.MAIL_BENCH_VOTERS ?? 50_000);
      const mailRate = Number(process.env.MAIL_BENCH_RATE ?? 50);
      console.log(
        `Credential mail: ${mailVoters.toLocaleString('en')} voters registered, then every credential sent by the local sender (stream, sweep, pacer) through the mailbox, which refuses sends above ${mailRate}/s as SES does (target ideal/measured >= 0.9):`,
      );
      const mailThroughput = await benchMailThroughput(mailVoters, mailRate, (line) => console.log(line));
      console.table([
        {
          voters: mailThroughput.voters,
          'rate /s': mailThroughput.rate,
          'register s': round(mailThroughput.registerSeconds),
          'ideal s': round(mailThroughput.idealSeconds),
          'measured s': round(mailThroughput.seconds),
          'ideal/measured': round(mailThroughput.idealOverMeasured),
          throttled: mailThroughput.throttled,
          'credential mails': mailThroughput.credentialMails,
          recipients: mailThroughput.recipients,
        },
      ]);
      return mailThroughput;
    },
  },
  {
    name: 'coldStarts',
    run: async () => {
      console.log('Cold start: each Lambda bundle, imported by a fresh Node process:');
      const coldStarts = await benchColdStarts();
      console.table(coldStarts.map((c) => ({ function: c.fn, 'bundle KB': round(c.bundleKb, 1), 'import ms': round(c.importMs, 1) })));
      return coldStarts;
    },
  },
];

const selected = process.argv.slice(2);
const unknown = selected.filter((name) => !benchmarks.some((b) => b.name === name));
if (unknown.length > 0) {
  console.error(`No benchmark named ${unknown.join(', ')}; choose from ${benchmarks.map((b) => b.name).join(', ')} (none: all of them).`);
  process.exit(2);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Benchmarks on ${machine}\n`);

const figures: Record<string, unknown> = {};
for (const { name, run } of benchmarks.filter((b) => selected.length === 0 || selected.includes(b.name))) {
  if (Object.keys(figures).length > 0) console.log('');
  figures[name] = await run();
}

const file = selected.length === 0 ? '.local/bench/latest.json' : `.local/bench/latest-${selected.join('-')}.json`;
mkdirSync('.local/bench', { recursive: true });
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine, ...figures }, null, 2)}\n`);
console.log(`\nWritten to ${file}`);
