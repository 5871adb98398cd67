import { parseArgs } from 'node:util';

const OPTIONS = {
  api: { type: 'string' },
  token: { type: 'string' },
  'opens-at': { type: 'string' },
  'closes-at': { type: 'string' },
  'remind-at': { type: 'string', multiple: true },
  'links-at': { type: 'string' },
  'expect-head': { type: 'string' },
  'expect-digest': { type: 'string' },
  json: { type: 'boolean' },
  'shared-email': { type: 'boolean' },
  'confirm-compromised': { type: 'boolean' },
  method: { type: 'string' },
  out: { type: 'string' },
  seats: { type: 'string' },
  contest: { type: 'string' },
  language: { type: 'string' },
  head: { type: 'string' },
  members: { type: 'string' },
  threshold: { type: 'string' },
  dir: { type: 'string' },
  'passphrase-file': { type: 'string' },
  trustee: { type: 'string' },
  state: { type: 'string' },
  'share-file': { type: 'string' },
  papers: { type: 'string' },
  audit: { type: 'boolean' },
  file: { type: 'string' },
  threads: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  expires: { type: 'string' },
  label: { type: 'string' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * A receipt is 22 base64url characters, so 1 in 64 begins with "-" and would be read as options
 * (`audit receipt <export> -Qx…` failed with "Unknown option '-Q'"). An argument of that shape is
 * an operand wherever it stands.
 */
const RECEIPT_SHAPE = /^-[A-Za-z0-9_-]{21}$/;
/** Marks such an argument through parseArgs; no argument can hold NUL, so the mark is never the user's. */
const MARK = '\0';

const marked = (arg: string) => RECEIPT_SHAPE.test(arg) && !(arg.replace(/^--?/, '') in OPTIONS);
const unmarked = (arg: string) => (arg.startsWith(MARK) ? arg.slice(MARK.length) : arg);

/** The command line's options and operands, as node's parseArgs reads them but for receipts that begin with "-". */
export function parseCommandLine(argv: readonly string[]) {
  const { values, positionals } = parseArgs({ args: argv.map((arg) => (marked(arg) ? MARK + arg : arg)), allowPositionals: true, options: OPTIONS });
  const unmarkedValues = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, typeof value === 'string' ? unmarked(value) : Array.isArray(value) ? value.map(unmarked) : value]),
  ) as typeof values;
  return { values: unmarkedValues, positionals: positionals.map(unmarked) };
}
