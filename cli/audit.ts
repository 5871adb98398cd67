import { MAIN_CONTEST, paperIdOf, replay, type AuditLine, type RecordedEvent, type VerificationReport, type VerifyOptions } from '../domain';
import { checkIssuedRecords, issuedRecordLine, issueIn, type IssuedRecordCheck } from './issuedRecords';
import { readAuditLog } from './readAuditLog';
import { verifyLines, type VerifyRun } from './verifyLines';

/**
 * `audit verify <file-or-url> [--expect-head <hash>] [--expect-digest <hex>] [--threads <n>]`:
 * replays the log, and holds it against the values e-mailed at sealing; exit code 0 only when
 * nothing is wrong. A sealed box's proofs are checked on `threads` worker threads first; the
 * findings are the same on any number.
 */
export async function auditVerify(source: string, expected: VerifyOptions, out: (line: string) => void, run: VerifyRun = { threads: 1 }): Promise<number> {
  const started = performance.now();
  const lines = await readAuditLog(source);
  const report = await verifyLines(lines, expected, run);
  const events = lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
  // The domain's verifier holds the issue to its head and form; only a builder of the record can hold it to its digests.
  const issue = issueIn(events);
  let records: IssuedRecordCheck[] = [];
  const unbuilt: string[] = [];
  try {
    if (issue) records = await checkIssuedRecords(issue, events);
  } catch (error) {
    // Only a log its own replay refuses gets here, and the findings above say why.
    unbuilt.push(`the official record issued as of event ${issue!.data.head} cannot be built again from this log: ${(error as Error).message}`);
  }
  const findings = [
    ...report.findings,
    ...unbuilt,
    ...records
      .filter((c) => c.listed !== c.rebuilt)
      .map((c) => `the official record issued as of event ${issue!.data.head} (${c.language}) built again has SHA-256 ${c.rebuilt}, not the ${c.listed} event ${issue!.seq} lists`),
  ];
  out(`Audit of ${report.electionId ?? 'an unknown election'} (${source})`);
  out(`  events: ${report.events}, ballots: ${report.ballots}, participation: ${report.participation ?? 'missing'}, final phase: ${report.finalPhase}`);
  if (report.breaches > 0) out(`  COMPROMISED: ${report.breaches} breach(es) were recorded while the election was locked (BreachDetected events)`);
  out(`  head at sealing: ${report.headAtSealing ? `event ${report.headAtSealing.seq}, ${report.headAtSealing.hash}` : 'none'}`);
  out(`  ballot box digest: ${report.digest ?? 'none'}`);
  out(boxLine(report.box));
  out(
    `  checked: every line as the export writes it, in its order, hash chain, event order and validity by decide, every ballot against the ballot, ballots against participation, roll and seal, tally recomputed, header against the log`,
  );
  out(anchoring(expected));
  if (issue) {
    out('  official record as issued, built again from the events up to its head:');
    for (const check of records) out(`  ${issuedRecordLine(issue, check)}`);
  }
  if (report.afterSealing.length > 0) {
    out(`  after the head at sealing, which cannot vouch for them: ${report.afterSealing.length} event(s), to hold against what was announced since (a breach against the observers' alert)`);
    for (const event of report.afterSealing) out(`    event ${event.seq}: ${eventLine(event)}`);
  }
  if (findings.length === 0) {
    out(`VERIFIED: no discrepancy (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  }
  out(`FAILED: ${findings.length} discrepanc${findings.length === 1 ? 'y' : 'ies'}`);
  for (const finding of findings) out(`  - ${finding}`);
  return 1;
}

/** How the election kept its ballots, and so what the verification covers. */
function boxLine(box: VerificationReport['box']): string {
  if (box?.mode === 'sealed')
    return `  ballot box: sealed, opened by ${box.threshold} of ${box.trustees} trustees; checked: the key ceremony, every voter's proof, every mix and every decryption share`;
  return '  ballot box: OPEN: the ballots were stored as cast, not secret against whoever ran the servers';
}

/** An event appended after sealing, in a line: what it says and when. */
function eventLine(event: RecordedEvent): string {
  if (event.type === 'BreachDetected') {
    const { eventName, principal, sourceIp, eventTime, cloudTrailEventId } = event.data;
    return `BreachDetected: ${eventName} by ${principal} from ${sourceIp} at ${eventTime} (CloudTrail event ${cloudTrailEventId})`;
  }
  return `${event.type} at ${event.at}`;
}

/** What the e-mailed values vouch for: without the head, a log rewritten and re-hashed from the start passes every other check. */
function anchoring({ expectHead, expectDigest }: VerifyOptions): string {
  if (expectHead !== undefined) return '  anchored: every event up to sealing (breaches included) and the ballot box checked against the e-mailed head';
  if (expectDigest !== undefined) return '  only the ballot box is checked against the e-mail: pass its head too (--expect-head <hash>) to check the events, breaches included';
  return '  NOT ANCHORED: compare the head at sealing and the digest above with the e-mailed ones, or pass them as --expect-head <hash> --expect-digest <digest>';
}

/**
 * `audit receipt <file-or-url> <receipt>`: are this voter's papers in the sealed boxes of a log that
 * verifies, and what do they count for? The boxes name each paper by paperIdOf its receipt and
 * contest, never by the receipt.
 */
export async function auditReceipt(source: string, receipt: string, out: (line: string) => void, run?: VerifyRun): Promise<number> {
  const lines = await readAuditLog(source);
  const report = await verifyLines(lines, {}, run);
  const state = replay(lines.flatMap((l) => (l.kind === 'event' ? [l.event] : [])));
  const contests = state.phase === 'none' ? [{ id: MAIN_CONTEST, title: '' }] : state.contests;
  const several = contests.length > 1;
  let found = 0;
  for (const contest of contests) {
    const ballotId = paperIdOf(receipt, contests, contest.id);
    const ballot = lines.find((l): l is Extract<AuditLine, { kind: 'ballot' }> => l.kind === 'ballot' && l.ballotId === ballotId && (!several || l.contest === contest.id));
    const where = several ? ` of "${contest.title}" (${contest.id})` : '';
    if (ballot) {
      found += 1;
      out(`Your ballot${where} is in the sealed ballot box as ballot ${ballotId}.`);
      out(ballot.choices.length > 0 ? `  It counts for: ${ballot.choices.join(', ')}` : '  It is a blank ballot (abstention).');
    } else if (!several) {
      out(`No ballot with this receipt is in this ballot box (it would be ballot ${ballotId}).`);
    }
  }
  if (several && found === 0) out(`No ballot with this receipt is in any of the ${contests.length} contests' boxes.`);
  if (!report.ok) out(`But this log does NOT verify (${report.findings.length} discrepancies): run audit verify.`);
  return found > 0 && report.ok ? 0 : 1;
}
