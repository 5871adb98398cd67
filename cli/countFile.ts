import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RankedCountInput } from '../domain/counting/ballots';
import { COUNT_LIMITS } from '../domain/limits';
import { parseBlt, type BltFile } from '../domain/counting/blt';
import { countIrv } from '../domain/counting/irv';
import { parseListVotesCsv } from '../domain/counting/listCsv';
import { countListSeats } from '../domain/counting/listSeats';
import { LotBook, type LotSeed } from '../domain/counting/lot';
import { countMeekStv } from '../domain/counting/meekStv';
import { renderCountSheet } from '../domain/counting/renderSheet';
import { countSchulze } from '../domain/counting/schulze';
import { countScottishStv } from '../domain/counting/scottishStv';
import { LIST_METHODS, RANKED_METHODS, type CountSheet, type ListMethod, type RankedMethod } from '../domain/counting/sheet';

const COUNT_RANKED: Record<RankedMethod, (input: RankedCountInput, lots: LotBook) => CountSheet> = {
  irv: countIrv,
  'scottish-stv': countScottishStv,
  'meek-stv': countMeekStv,
  schulze: countSchulze,
};

const METHODS: readonly (RankedMethod | ListMethod)[] = [...RANKED_METHODS, ...LIST_METHODS];
const isRanked = (method: RankedMethod | ListMethod): method is RankedMethod => (RANKED_METHODS as readonly string[]).includes(method);

export interface CountFileOptions {
  method: string | undefined;
  seats: string | undefined;
  json: boolean;
  /** The directory the user started the command in, which a relative path is read from. */
  cwd: string;
}

/**
 * `count <file> --method <method> [--seats n] [--json]`: counts a ballot file without an election,
 * by the same rules an election's count uses. Ties are decided by lot drawn from the file's own
 * digest, so anyone counting the same file draws the same lots. Errors are thrown as plain
 * messages (the caller prints them without a stack trace and exits 1).
 */
export function countFile(args: readonly string[], options: CountFileOptions, out: (text: string) => void): number {
  if (args.length !== 1) throw new Error(`count takes one file, ${args.length === 0 ? 'none was given' : `not ${args.length}`}`);
  const file = args[0]!;
  const method = chosenMethod(options.method);
  const seats = options.seats === undefined ? undefined : positiveWhole(options.seats);
  const bytes = readInput(resolve(options.cwd, file), file);
  const text = utf8(bytes, file);
  const seed: LotSeed = { digest: createHash('sha256').update(bytes).digest('hex'), contest: 'file' };
  const lots = new LotBook(seed);

  let sheet: CountSheet;
  let title = '';
  let notes: string[] = [];
  if (isRanked(method)) {
    const blt = parsed(() => parseBlt(text), file, 'an ERS .blt ballot file');
    title = blt.title;
    notes = blt.notes ?? [];
    sheet = COUNT_RANKED[method](rankedInput(blt, method, seats ?? blt.seats, seats === undefined ? file : '--seats'), lots);
  } else {
    if (seats === undefined) throw new Error(`--seats is needed for ${method}: a list,votes file does not say how many seats there are`);
    const votes = parsed(() => parseListVotesCsv(text), file, 'a list,votes CSV file');
    sheet = countListSeats({ method, seats, ...votes }, lots);
  }

  if (options.json) out(JSON.stringify(jsonResult(sheet), null, 2));
  else
    out(
      [
        ...(title ? [`Title: ${title}`] : []),
        ...notes.map((note) => `Note: ${note}`),
        `File: ${file}`,
        `SHA-256 of the file: ${seed.digest}`,
        `Lots are drawn from that digest and the contest "${seed.contest}"`,
        renderCountSheet(sheet),
      ]
        .join('\n')
        .trimEnd(),
    );
  return 0;
}

function chosenMethod(name: string | undefined): RankedMethod | ListMethod {
  if (name === undefined) throw new Error(`count needs --method: one of ${METHODS.join(', ')}`);
  const method = METHODS.find((m) => m === name);
  if (!method) throw new Error(`unknown method "${name}": use one of ${METHODS.join(', ')}`);
  return method;
}

function positiveWhole(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n === 0) throw new Error(`--seats must be a positive whole number, not "${text}"`);
  return n;
}

function readInput(path: string, file: string): Buffer {
  const { size } = withFileErrors(() => statSync(path), file);
  if (size > COUNT_LIMITS.fileBytes) throw new Error(`${file} holds ${size} bytes: a count reads at most ${COUNT_LIMITS.fileBytes}`);
  return withFileErrors(() => readFileSync(path), file);
}

/** The file system's errors in words that name the file. */
function withFileErrors<T>(read: () => T, file: string): T {
  try {
    return read();
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new Error(`${file}: no such file`, { cause: error });
    if (code === 'EISDIR') throw new Error(`${file} is a directory, not a file`, { cause: error });
    throw new Error(`${file}: ${message}`, { cause: error });
  }
}

function utf8(bytes: Buffer, file: string): string {
  try {
    // The decoder drops a byte-order mark, which spreadsheets put at the start of CSV files.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new Error(`${file} is not UTF-8 text`, { cause: error });
  }
}

function parsed<T>(parse: () => T, file: string, kind: string): T {
  try {
    return parse();
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message} (this method reads ${kind})`, { cause: error });
  }
}

/** `seatsFrom` names where the number of seats came from, for the errors. */
function rankedInput(blt: BltFile, method: RankedMethod, seats: number, seatsFrom: string): RankedCountInput {
  const standing = blt.candidates.length - blt.withdrawn.length;
  if (seats > standing) {
    const withdrawn = blt.withdrawn.length > 0 ? ` (${blt.withdrawn.length} withdrawn)` : '';
    throw new Error(`${seatsFrom} asks for ${seats} seats, but only ${standing} candidate(s) stand${withdrawn}`);
  }
  if (method === 'irv' && seats !== 1) throw new Error(`irv fills one seat, but ${seatsFrom} asks for ${seats}: pass --seats 1, or count with scottish-stv or meek-stv`);
  return { candidates: blt.candidates, withdrawn: blt.withdrawn, seats, ballots: blt.ballots };
}

/** The machine-readable result: one object, vote figures as decimal strings as on the sheet. */
function jsonResult(sheet: CountSheet) {
  return {
    method: sheet.method,
    seats: sheet.seats,
    ...(sheet.quota !== undefined && { quota: sheet.quota }),
    elected: sheet.elected,
    final: sheet.final,
    ...(sheet.nonTransferable !== undefined && { nonTransferable: sheet.nonTransferable }),
    rounds: sheet.rounds,
    ...(sheet.lists && { seatsByList: sheet.lists.seatsByList }),
  };
}
