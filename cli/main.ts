import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { RandomBytes } from '../domain/crypto/group';
import { admin } from './admin';
import { ApiClient } from './apiClient';
import { login, logout, signedInBearer, whoami } from './login';
import { members, tokens } from './members';
import { savedSignInFile, savedSignIns } from './savedSignIn';
import { auditReceipt, auditVerify } from './audit';
import { auditBlt } from './auditBlt';
import { auditRecord, RECORD_HEADS, type RecordHead } from './auditRecord';
import { isRecordLanguage } from '../record';
import { parseCommandLine } from './commandLine';
import { isCliCommand, isCliGroup } from './commands';
import { countFile } from './countFile';
import { isHttpUrl } from './readAuditLog';
import { sealedApi } from './sealed/api';
import { auditBallot } from './sealed/auditBallot';
import { rehearseCeremony, rehearseOpening } from './sealed/rehearsal';
import type { TrusteeMachine } from './sealed/trusteeMachine';
import { trusteePassphrase } from './sealed/secretFiles';
import { trusteeSteps } from './sealed/trusteeSteps';
import { vote } from './sealed/vote';

const HELP = `Usage: election <command> [options]     (in this repository: npm run cli -- <command> [options])

Sign in (to the API at --api or ELECTION_API, default http://127.0.0.1:3000):
  login [--port <n>]                             sign in with your account in a browser on this
                                                 machine; later commands act as you until the
                                                 sign-in expires (12 hours on AWS). It comes back to
                                                 http://localhost:7780 unless the deployment
                                                 registered another --port
  whoami                                         who the command line acts as, with which role
  logout                                         end the sign-in and remove it from this machine

Admin (talks to the API as you: --token or ADMIN_TOKEN if given, else the sign-in of login):
  admin create <election.yaml|json>              create an election from a file: one ballot, or
                                                 contests (ballot papers) each for some voter groups
  admin import-voters <election> <voters.csv>    student_id,email[,groups[,language]] rows (groups
                                                 separated by ;, language de or en, else the
                                                 election's); every row is checked first
  admin add-candidates <election> <file>         { candidates: [{ name, email, pageLink }], contest? }
  admin set-window <election> --closes-at <ISO> [--opens-at <ISO>] [--remind-at <ISO>]...
                   [--links-at <ISO>]            each --remind-at mails a working link to every voter
                                                 who has not voted by then (at most 5); --links-at
                                                 mails the voting links then, before --opens-at (at
                                                 most 14 days before it), else they go out as voting
                                                 opens
  admin lock <election> | admin start <election> [--confirm-compromised]
                                                 start refuses an election breached while locked
                                                 unless confirmed
  admin accept <election>                        once counted: accept the provisional results
                                                 (acceptance: committee), then they are published;
                                                 a second committee member confirms
  admin status <election> | admin results <election>
                                                 status says where the workflow stopped, if it did
  admin retry <election>                         run the stopped workflow again from the step that
                                                 failed (recorded in the log)
  admin mail <election> [--json]                 credential mail counts, and every voter whose mail
                                                 was undelivered, bounced or complained of
  admin correct-email <election> <student id> <email> [--shared-email]
                                                 until voting ends: a voter's new address (a
                                                 bounce, a typo), and a new credential mailed to it
                                                 (refused once they have voted)
  admin reissue <election> <student id>          revoke a voter's link and mail a new one (refused
                                                 once they have voted)
  admin postal <election> <student-ids file>     before lock: mark voters (one student id a line)
                                                 as having voted by post; their links stop working
  admin postal-papers <election> <contest> <file.json|file.csv>
                                                 after the count, before the acceptance: your entry
                                                 of a contest's postal papers (each member enters
                                                 them, a second member again): JSON as the API
                                                 takes it, or a CSV of one paper a line (names in
                                                 the order marked, - blank, invalid)
  admin set-observers <election> <email>...      before start: the election's own observers (replaces
                                                 the list): its breach alerts, seal notice, failures

Members and tokens (talk to the API like admin: --token or ADMIN_TOKEN, the admin token or a
personal API token from tokens create, else the sign-in of login):
  members list                                   the committee's members: role, name, address, id
  members add <email> --name <name> --role committee|helpdesk|observer
                                                 invite a member (the sign-in is mailed to them); the
                                                 log of every election not yet published records them
  members role <email> <role>                    give a member another role (the last committee
                                                 member keeps theirs until another has it)
  members remove <email>                         remove a member: their sessions and tokens stop
                                                 working, and the elections' logs record it
  tokens create --role <role> [--expires <days>] [--label <text>]
                                                 a personal API token for scripts and this command
                                                 line, acting as you with the role (at most yours),
                                                 for 30 days unless --expires (at most 365); its text
                                                 is shown only once
  tokens list                                    your tokens: active, expired or revoked
  tokens revoke <id>                             one of your tokens stops working at once

Trustees of a sealed election (talk to the API as admin; the share files' passphrase from
--passphrase-file <file> or TRUSTEE_PASSPHRASE):
  trustee rehearse <election> --members <n> --threshold <t> --dir <dir>
                                                 every trustee's part of the key ceremony on this one
                                                 machine, a share file per trustee in <dir>: for
                                                 rehearsals and tests only
  trustee open <election> --dir <dir>            after the close: every contest's mixes and t
                                                 decryptions from the share files in <dir>: for
                                                 rehearsals and tests only
  trustee certificate <election> --trustee <i> --out <state file>
  trustee deal <election> --trustee <i>
  trustee review <election> --state <state file> --out <share file>
  trustee mix <election> --trustee <i> [--contest <id>]
  trustee decrypt <election> --share-file <file> [--contest <id>]
                                                 one trustee's steps, each on their own machine: the
                                                 key ceremony in three (the state file keeps the
                                                 transport secret, sealed), then after the close a
                                                 mix and a decryption (every mix checked first)

Vote (talks to the API as a voter):
  vote <election> --token <voter token> --papers '<json>' [--audit]
                                                 seals and casts as the voter's page does (in an open
                                                 election casts in plaintext) and prints the tracker;
                                                 --papers '{"<contest>": {"choices": [...]}}', or
                                                 '{"choices": [...]}' / '{"abstain": true}' for one
                                                 contest. --audit seals, prints the audit data and
                                                 does not cast

Audit (needs no token; audit ballot reads the election from the API):
  audit verify <export.ndjson|url> [--expect-head <hash>] [--expect-digest <digest>]
                                                 replay the log and recompute everything, the issued
                                                 official record too; the head at sealing and the
                                                 digest come from the e-mail sent to observers at
                                                 sealing and to voters with the results
  audit receipt <export.ndjson|url> <receipt>    are my ballot papers in the sealed boxes?
  audit blt <export.ndjson|url> [--contest id] [--out file] [--expect-head <hash>] [--expect-digest <digest>]
                                                 a ranked election's (or contest's) ballots as an
                                                 ERS .blt file, to count them again elsewhere; only
                                                 from an export that verifies
  audit record <export.ndjson|url> [--out file] [--language de|en] [--head issued|latest] [--expect-head <hash>] [--expect-digest <digest>]
                                                 the official record (Wahlniederschrift) as a PDF,
                                                 the same bytes the API serves for the same log, and
                                                 its SHA-256 to compare with a printed copy's; only
                                                 from an export that verifies. As issued when the
                                                 results became final, each language held to the
                                                 SHA-256 the log lists (exit 1 if one differs),
                                                 unless --head latest or none was issued: then of
                                                 the whole export. Written as
                                                 record-<election>-<language>.pdf here unless --out;
                                                 German unless --language en
  audit ballot <election> [--file <audit data>]  does an audited ballot (vote --audit, or the voter
                                                 page's challenge; stdin without --file) encrypt the
                                                 choices it claims?
  verify, receipt, blt and record check a sealed box's proofs on --threads <n> worker threads (by
  default one per core; 1: on one thread), with the same findings on any number

Count (needs no API and no election):
  count <file> --method <method> [--seats n] [--json]
                                                 count a .blt ballot file (irv, scottish-stv,
                                                 meek-stv, schulze; seats from the file unless
                                                 --seats) or a list,votes CSV (dhondt, sainte-lague,
                                                 hare-niemeyer; --seats needed) and print the sheet
`;

const out = (line: string) => console.log(line);

/** Progress on one rewritten line in a terminal, a line per step otherwise. */
function progressBar(label: string) {
  return (done: number, total: number) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const [group, command, ...args] = positionals;
  if (values.help || !group) {
    out(HELP);
    return values.help ? 0 : 2;
  }
  const need = (n: number) => {
    if (args.length < n) throw new UsageError(`${group} ${command} needs ${n} argument(s)`);
    return args;
  };
  // npm run starts in the package's directory; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const file = (name: string) => resolve(cwd, name);
  const fileOrUrl = (source: string) => (isHttpUrl(source) ? source : file(source));
  if (!isCliGroup(group)) throw new UsageError(`unknown command "${group}"`);
  const publicApi = () => sealedApi(new ApiClient({ baseUrl: apiUrl(values.api) }));
  if (group === 'vote') {
    const [electionId] = positionals.slice(1);
    if (electionId === undefined) throw new UsageError('vote needs the election');
    return vote(publicApi(), electionId, { token: values.token, papers: values.papers, audit: values.audit ?? false }, nodeRandom, out, (line) => console.error(line));
  }
  if (group === 'count') return countFile(positionals.slice(1), { method: values.method, seats: values.seats, json: values.json ?? false, cwd }, out);
  if (group === 'audit') {
    if (!isCliCommand('audit', command)) throw new UsageError(`unknown audit command "${command}"`);
    const expected = { expectHead: sha256Hex(values['expect-head'], '--expect-head'), expectDigest: sha256Hex(values['expect-digest'], '--expect-digest') };
    const run = { threads: threadCount(values.threads), onProgress: progressBar('sealed box: parts checked') };
    switch (command) {
      case 'verify':
        return auditVerify(fileOrUrl(need(1)[0]!), expected, out, run);
      case 'receipt':
        return auditReceipt(fileOrUrl(need(2)[0]!), args[1]!, out, run);
      case 'blt':
        return auditBlt(fileOrUrl(need(1)[0]!), values.out === undefined ? undefined : file(values.out), out, values.contest, expected, run);
      case 'record': {
        const language = values.language ?? 'de';
        if (!isRecordLanguage(language)) throw new UsageError(`--language: de or en, not "${language}"`);
        const head = values.head;
        if (head !== undefined && !(RECORD_HEADS as readonly string[]).includes(head)) throw new UsageError(`--head: ${RECORD_HEADS.join(' or ')}, not "${head}"`);
        return auditRecord(fileOrUrl(need(1)[0]!), { outFile: values.out === undefined ? undefined : file(values.out), cwd }, language, out, expected, run, head as RecordHead | undefined);
      }
      case 'ballot': {
        if (values.file === undefined && process.stdin.isTTY) throw new UsageError('audit ballot reads the audit data from --file <file>, or from stdin');
        return auditBallot(publicApi(), need(1)[0]!, readFileSync(values.file === undefined ? 0 : file(values.file), 'utf8'), out);
      }
    }
  }
  const api = apiUrl(values.api);
  const signIns = { apiUrl: api, saved: savedSignIns(savedSignInFile()) };
  if (group === 'login') return login(new ApiClient({ baseUrl: api }), { ...signIns, port: values.port }, out);
  if (group === 'logout') return logout(new ApiClient({ baseUrl: api }), signIns, out);
  const givenToken = values.token ?? process.env.ADMIN_TOKEN;
  // A token given wins; otherwise the member's own sign-in, refreshed when the first call needs it.
  const adminApi = new ApiClient({ baseUrl: api, adminToken: givenToken ?? (() => signedInBearer(new ApiClient({ baseUrl: api }), signIns)) });
  if (group === 'whoami') {
    const kept = givenToken === undefined ? await signIns.saved.find(api) : undefined;
    const how =
      givenToken !== undefined
        ? `with the token from ${values.token === undefined ? 'ADMIN_TOKEN' : '--token'}`
        : kept
          ? `signed in with \`election login\` since ${kept.signedInAt}`
          : 'not signed in';
    return whoami(adminApi, how, out);
  }
  if (group === 'trustee') {
    if (!isCliCommand('trustee', command)) throw new UsageError(`unknown trustee command "${command}"`);
    const passphraseFile = values['passphrase-file'];
    const machine: TrusteeMachine = {
      api: sealedApi(adminApi, { progress: out }),
      out,
      random: nodeRandom,
      passphrase: () => trusteePassphrase({ passphraseFile: passphraseFile === undefined ? undefined : file(passphraseFile), environment: process.env.TRUSTEE_PASSPHRASE }),
    };
    const electionId = need(1)[0]!;
    const paths = {
      dir: values.dir && file(values.dir),
      out: values.out && file(values.out),
      state: values.state && file(values.state),
      shareFile: values['share-file'] && file(values['share-file']),
    };
    switch (command) {
      case 'rehearse':
        return rehearseCeremony(machine, electionId, { members: values.members, threshold: values.threshold, dir: paths.dir });
      case 'open':
        return rehearseOpening(machine, electionId, { dir: paths.dir });
      case 'certificate':
        return trusteeSteps.certificate(machine, electionId, { trustee: values.trustee, out: paths.out });
      case 'deal':
        return trusteeSteps.deal(machine, electionId, { trustee: values.trustee });
      case 'review':
        return trusteeSteps.review(machine, electionId, { trustee: values.trustee, state: paths.state, out: paths.out });
      case 'mix':
        return trusteeSteps.mix(machine, electionId, { trustee: values.trustee, contest: values.contest });
      case 'decrypt':
        return trusteeSteps.decrypt(machine, electionId, { shareFile: paths.shareFile, contest: values.contest });
    }
  }
  if (group === 'members') {
    if (!isCliCommand('members', command)) throw new UsageError(`unknown members command "${command}"`);
    switch (command) {
      case 'list':
        await members.list(adminApi, out);
        return 0;
      case 'add':
        await members.add(adminApi, need(1)[0]!, { name: values.name, role: values.role }, out);
        return 0;
      case 'role':
        await members.role(adminApi, need(2)[0]!, args[1]!, out);
        return 0;
      case 'remove':
        await members.remove(adminApi, need(1)[0]!, out);
        return 0;
    }
  }
  if (group === 'tokens') {
    if (!isCliCommand('tokens', command)) throw new UsageError(`unknown tokens command "${command}"`);
    switch (command) {
      case 'create':
        await tokens.create(adminApi, { role: values.role, expires: values.expires, label: values.label }, out);
        return 0;
      case 'list':
        await tokens.list(adminApi, out);
        return 0;
      case 'revoke':
        await tokens.revoke(adminApi, need(1)[0]!, out);
        return 0;
    }
  }
  if (!isCliCommand('admin', command)) throw new UsageError(`unknown admin command "${command}"`);
  switch (command) {
    case 'create':
      await admin.create(adminApi, file(need(1)[0]!), out);
      return 0;
    case 'import-voters':
      return admin.importVoters(adminApi, need(2)[0]!, file(args[1]!), out, progressBar('voters'));
    case 'add-candidates':
      await admin.addCandidates(adminApi, need(2)[0]!, file(args[1]!), out);
      return 0;
    case 'set-window':
      await admin.setWindow(adminApi, need(1)[0]!, { opensAt: values['opens-at'], closesAt: values['closes-at'], reminders: values['remind-at'], credentialsAt: values['links-at'] }, out);
      return 0;
    case 'lock':
    case 'start':
    case 'accept':
      await admin.step(adminApi, need(1)[0]!, command, out, values['confirm-compromised'] ?? false);
      return 0;
    case 'status':
      await admin.status(adminApi, need(1)[0]!, out);
      return 0;
    case 'results':
      await admin.results(adminApi, need(1)[0]!, out);
      return 0;
    case 'retry':
      await admin.retry(adminApi, need(1)[0]!, out);
      return 0;
    case 'mail':
      await admin.mail(adminApi, need(1)[0]!, { json: values.json ?? false }, out);
      return 0;
    case 'correct-email':
      await admin.correctEmail(adminApi, need(3)[0]!, args[1]!, args[2]!, values['shared-email'] ?? false, out);
      return 0;
    case 'reissue':
      await admin.reissue(adminApi, need(2)[0]!, args[1]!, out);
      return 0;
    case 'postal':
      await admin.postal(adminApi, need(2)[0]!, file(args[1]!), out);
      return 0;
    case 'postal-papers':
      await admin.postalPapers(adminApi, need(3)[0]!, args[1]!, file(args[2]!), out);
      return 0;
    case 'set-observers':
      await admin.setObservers(adminApi, need(2)[0]!, args.slice(1), out);
      return 0;
  }
}

class UsageError extends Error {}

const apiUrl = (option: string | undefined) => option ?? process.env.ELECTION_API ?? 'http://127.0.0.1:3000';

/** The operating system's randomness: every secret the sealed box draws (transport secrets, polynomials, sealing, mixing, proofs). */
const nodeRandom: RandomBytes = (n) => new Uint8Array(randomBytes(n));

/** `--threads <n>`: a whole number from 1; by default every core node may use. */
function threadCount(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^[1-9][0-9]*$/.test(value.trim())) throw new UsageError('--threads takes a whole number of threads from 1 (1: check on this thread alone)');
  return Number(value);
}

/** A hash as e-mailed: 64 hex digits (the verifier ignores case and surrounding space). */
function sha256Hex(value: string | undefined, option: string): string | undefined {
  if (value !== undefined && !/^[0-9a-fA-F]{64}$/.test(value.trim())) throw new UsageError(`${option} takes a SHA-256 hash: 64 hex digits`);
  return value;
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${HELP}` : `Error: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
