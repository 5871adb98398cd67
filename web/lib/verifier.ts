import * as z from 'zod';
import { exportLines, parseAuditLine } from '../../contract/auditLine';
import type { AuditLine } from '../../domain/auditLog';
import { eventHash, GENESIS_HASH, rollFingerprint, type ChainHead } from '../../domain/hashChain';
import { EXPORT_LIMITS, type ExportLimits } from '../../domain/limits';
import type { RecordedEvent } from '../../domain/events';
import type { RollFingerprint } from '../../domain/state';
import { verifyAuditLog, verifyAuditLogInParallel, type SealedCheckRunner, type VerificationReport, type VerifyOptions } from '../../domain/verifyAuditLog';

/**
 * The observers' view's verifier, bundled for the browser as `/lib/verifier.js`: the same line
 * parser (contract/auditLine.ts) and the same replay (domain/verifyAuditLog.ts) as `audit verify`, with
 * `node:crypto` served by web/lib/node-crypto.ts. Nothing here talks to the network or the page.
 */

// The page's Content-Security-Policy allows no eval: zod then validates without compiled code.
z.config({ jitless: true });

export { ballotBoxDigest, canonicalJson, eventHash, GENESIS_HASH, rollFingerprint } from '../../domain/hashChain';
export { ballotIdOf } from '../../domain/receipt';
export { drawLot } from '../../domain/counting/lot';
export type { ChainHead, RecordedEvent, RollFingerprint, SealedCheckRunner, VerificationReport, VerifyOptions };

/** What the browser makes of an export: the CLI's report, and what the page holds against the live log. */
export interface ExportCheck {
  /** Exactly what `audit verify` prints from. */
  report: VerificationReport;
  /** Lines read, as the CLI numbers them. */
  lines: number;
  /** The export's voter lines' fingerprint, to hold against the one recorded at the lock. */
  roll: RollFingerprint;
  /** The export's last event. */
  head?: ChainHead;
  /** The export's events, by seq, to hold against the live log. */
  eventHashes: Map<number, string>;
}

/** How often, in lines, the reader reports its progress and lets the page draw it. */
const PROGRESS_EVERY = 1_000;

/**
 * Reads an export's NDJSON lines and verifies them as `audit verify` does. A line that is not an
 * audit line, or not as the export writes it, rejects with the CLI's own message ("line 7 is not JSON").
 * @param source the lines, as an array or as they arrive (see `linesOf`)
 * @param onProgress called with the lines read so far, every thousand lines while `reading`, and once
 *   all are read, before the replay (`checking`); awaited, so that a page can draw it
 * @param runChecks checks a sealed box's proofs elsewhere first (the page's Web Workers,
 *   web/observe/workers.js); without it they are checked on this thread, with the same findings
 */
export async function verifyExport(
  source: Iterable<string> | AsyncIterable<string>,
  options: VerifyOptions = {},
  onProgress?: (lines: number, stage: 'reading' | 'checking') => void | Promise<void>,
  runChecks?: SealedCheckRunner,
): Promise<ExportCheck> {
  const parsed: AuditLine[] = [];
  let number = 0;
  for await (const text of source) {
    number += 1;
    parsed.push(parseAuditLine(text, number));
    if (number % PROGRESS_EVERY === 0) await onProgress?.(number, 'reading');
  }
  await onProgress?.(number, 'checking');
  const report = runChecks ? await verifyAuditLogInParallel(parsed, options, runChecks) : verifyAuditLog(parsed, options);
  const voters = parsed.flatMap((l) => (l.kind === 'voter' ? [{ hash: l.hash, ...(l.groups && { groups: l.groups }) }] : []));
  const events = parsed.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
  const last = events.at(-1);
  return {
    report,
    lines: number,
    roll: rollFingerprint(voters),
    ...(last && { head: { seq: last.seq, hash: last.hash } }),
    eventHashes: new Map(events.map((e) => [e.seq, e.hash])),
  };
}

/** A body's lines as it downloads, split and held to the export's limits as the CLI does (exportLines). */
export async function* linesOf(body: ReadableStream<Uint8Array>, limits: ExportLimits = EXPORT_LIMITS): AsyncGenerator<string> {
  const reader = body.getReader();
  const chunks = async function* () {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  };
  try {
    for await (const batch of exportLines(chunks(), limits)) yield* batch.map((line) => line.text);
  } finally {
    reader.releaseLock();
  }
}

/** An event as the public log shows it: an observers' event gives their count, so its hash cannot be recomputed. */
export type ObservedEvent = Omit<RecordedEvent, 'data'> & { data: unknown; redacted?: true };

/** Why a link of the live log does not hold. */
export type BrokenLink = { seq: number; type: string; problem: 'order'; expected: number } | { seq: number; type: string; problem: 'link' } | { seq: number; type: string; problem: 'hash' };

/**
 * The live log checked as it grows: each event follows the one before it (its seq, its prevHash),
 * and each shown whole hashes to its own hash. `intactUpTo` is the last event checked without a
 * fault; once a link breaks, `broken` names the first and later events are not checked.
 */
export interface LiveChain {
  intactUpTo: number;
  tip: ChainHead;
  /** Events whose hash could not be recomputed (observers' addresses left out): linked, not rehashed. */
  redacted: number[];
  broken?: BrokenLink;
}

export const EMPTY_CHAIN: LiveChain = { intactUpTo: 0, tip: { seq: 0, hash: GENESIS_HASH }, redacted: [] };

/** The chain after `events`, the next page of the live log, given in order after the chain's tip. */
export function extendLiveChain(chain: LiveChain, events: readonly ObservedEvent[]): LiveChain {
  if (chain.broken) return chain;
  let { tip, intactUpTo } = chain;
  const redacted = [...chain.redacted];
  for (const event of events) {
    const where = { seq: event.seq, type: event.type };
    if (event.seq !== tip.seq + 1) return { intactUpTo, tip, redacted, broken: { ...where, problem: 'order', expected: tip.seq + 1 } };
    if (event.prevHash !== tip.hash) return { intactUpTo, tip, redacted, broken: { ...where, problem: 'link' } };
    if (event.redacted) redacted.push(event.seq);
    else {
      const { hash, redacted: _, ...unsigned } = event;
      if (eventHash(unsigned as Omit<RecordedEvent, 'hash'>) !== hash) return { intactUpTo, tip, redacted, broken: { ...where, problem: 'hash' } };
    }
    tip = { seq: event.seq, hash: event.hash };
    intactUpTo = event.seq;
  }
  return { intactUpTo, tip, redacted };
}
