import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotIdOf } from '../../domain';
import { closeVoting, mailResults, publishResults, tallyBallots } from '../support/lifecycleSteps';
import { hashToken } from '../../handlers/security';
import type { MailMessage, Mailer } from '../../handlers/ports';
import { ADMIN_TOKEN, openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

/**
 * Invariant 4 (docs/architecture.md): no stored item, event, log line or e-mail links a voter to a
 * ballot's id or content. Tokens and choices never appear in logs. The receipt is handed to the
 * voter only: it is stored, mailed, logged and published nowhere, and the box names each ballot
 * by ballotIdOf its receipt, so someone with only a voter's mailbox or the export can look up
 * no ballot.
 */

type Item = Record<string, any>;

describe('invariant 4: secrecy of the ballot', () => {
  let app: TestApp;
  let items: Item[];
  let tokens: string[];
  let roll: { studentId: string; email: string }[];
  let exported: string;
  let checks: { byReceipt: { status: number; body: any }; byBallotId: { status: number; body: any } };
  const OBSERVER = 'observer@uni.test';
  const casts: { voter: number; body: object; choice: string | undefined; receipt: string }[] = [];
  const CANDIDATES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'];

  beforeAll(async () => {
    app = await startTestApp();
    const election = await setUpElection(app, { id: 'secret', voters: 5, closesInMs: 60_000 });
    tokens = election.tokens;
    roll = election.roll;
    await app.call('PUT', '/elections/secret/observers', { observers: [OBSERVER] });
    await openElection(app, election.id);

    const plan: [number, string | undefined][] = [
      [0, 'Ada Lovelace'],
      [1, 'grace hopper'],
      [2, 'Alan Turing'],
      [3, undefined],
    ];
    for (const [voter, choice] of plan) {
      const body = choice === undefined ? { token: tokens[voter]!, abstain: true } : { token: tokens[voter]!, choices: [choice] };
      const answer = await app.call('POST', '/elections/secret/ballots', body);
      if (answer.status !== 201) throw new Error(`cast failed: ${JSON.stringify(answer.body)}`);
      casts.push({ voter, body, choice, receipt: answer.body.receipt });
    }
    // Refused requests that still carry a token and choices: a retry, an unknown name, a forged token.
    await app.call('POST', '/elections/secret/ballots', { token: tokens[0]!, choices: ['Grace Hopper'] });
    await app.call('POST', '/elections/secret/ballots', { token: tokens[4]!, choices: ['Nobody Known'] });
    await app.call('POST', '/elections/secret/ballots', { token: 'A'.repeat(27), choices: ['Alan Turing'] });
    await app.drainMail();

    app.clock.advance(61_000);
    for (const step of [closeVoting, tallyBallots, mailResults, publishResults]) {
      const done = await step(app.deps, 'secret');
      if (!done.ok) throw new Error(`${step.name} failed: ${JSON.stringify(done)}`);
    }

    exported = await (await fetch(`${app.url}/elections/secret/audit-log`)).text();
    const check = (receipt: string) => app.call('POST', '/elections/secret/receipts/check', { receipt });
    checks = { byReceipt: await check(casts[2]!.receipt), byBallotId: await check(ballotIdOf(casts[2]!.receipt)) };
    items = await app.scanAll();
  });
  afterAll(() => app.stop());

  const receipts = () => casts.map((c) => c.receipt);
  const ballotIds = () => receipts().map(ballotIdOf);
  const isBallot = (item: Item) => String(item.pk).includes('#BALLOTS#');
  const isMarker = (item: Item) => String(item.pk).includes('#VOTED#');
  const isStreamEvent = (item: Item) => String(item.sk).startsWith('EVENT#');
  const mentionsStudent = (text: string, studentId: string) => new RegExp(`\\b${studentId}\\b`).test(text);

  it('scans a table that holds the ballots, markers and events of the election', () => {
    expect(items.filter(isBallot)).toHaveLength(casts.length);
    expect(items.filter(isMarker)).toHaveLength(casts.length);
    expect(items.filter(isStreamEvent).map((e) => e.type)).toContain('ResultsPublished');
  });

  it('stores no plaintext voter or admin token in any item', () => {
    for (const item of items) {
      const text = JSON.stringify(item);
      for (const token of [...tokens, ADMIN_TOKEN]) expect(text.includes(token), `${item.pk} ${item.sk}`).toBe(false);
    }
  });

  it('keeps ballot items to pk, sk and choices: no voter id, token hash, e-mail or timestamp', () => {
    const hashes = tokens.map(hashToken);
    for (const ballot of items.filter(isBallot)) {
      expect(Object.keys(ballot).sort()).toEqual(['choices', 'pk', 'sk']);
      const text = JSON.stringify(ballot);
      for (const hash of hashes) expect(text.includes(hash)).toBe(false);
      for (const voter of roll) {
        expect(text.includes(voter.email)).toBe(false);
        expect(mentionsStudent(text, voter.studentId)).toBe(false);
      }
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    }
    expect(
      items
        .filter(isBallot)
        .map((b) => b.sk)
        .sort(),
    ).toEqual(ballotIds().sort());
  });

  it('keeps the receipt in no item of either table: the box holds only its one-way ballot id', () => {
    expect(receipts()).toHaveLength(4);
    for (const item of items) {
      const text = JSON.stringify(item);
      for (const receipt of receipts()) expect(text.includes(receipt), `${item.pk} ${item.sk} holds a receipt`).toBe(false);
    }
  });

  it('publishes each ballot under ballotIdOf its receipt, and the receipt nowhere in the export', () => {
    const ballots = exported
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.kind === 'ballot');
    expect(ballots.map((b) => b.ballotId).sort()).toEqual(ballotIds().sort());
    for (const receipt of receipts()) expect(exported.includes(receipt)).toBe(false);
  });

  it('checks a receipt, but not a ballot id taken from the export', () => {
    expect(checks.byReceipt).toMatchObject({ status: 200, body: { ballotId: ballotIdOf(casts[2]!.receipt), choices: ['Alan Turing'] } });
    expect(checks.byReceipt.body).not.toHaveProperty('receipt');
    expect(checks.byBallotId).toMatchObject({ status: 404, body: { error: { code: 'receipt_not_found' } } });
  });

  it('keeps participation markers free of ballot ids and choices', () => {
    for (const marker of items.filter(isMarker)) {
      expect(marker).not.toHaveProperty('choices');
      expect(marker).not.toHaveProperty('ballotId');
      const text = JSON.stringify(marker);
      for (const receipt of receipts()) expect(text.includes(receipt)).toBe(false);
      for (const name of CANDIDATES) expect(text.toLowerCase().includes(name.toLowerCase())).toBe(false);
    }
  });

  it('keeps receipts, student ids and voter e-mails out of every stream event and the state projection', () => {
    const lifecycleItems = items.filter((item) => isStreamEvent(item) || item.sk === 'STATE');
    expect(lifecycleItems.length).toBeGreaterThan(5);
    for (const item of lifecycleItems) {
      const text = JSON.stringify(item);
      for (const receipt of receipts()) expect(text.includes(receipt), `${item.sk} holds a receipt`).toBe(false);
      for (const voter of roll) {
        expect(text.includes(voter.email), `${item.sk} holds ${voter.email}`).toBe(false);
        expect(mentionsStudent(text, voter.studentId), `${item.sk} holds ${voter.studentId}`).toBe(false);
      }
    }
  });

  it('stores the token hash only in the credential, its mail, the participation marker and the queued confirmation, never next to a receipt', () => {
    // The confirmation's mail item, the record of which mail item an SES message id was, and the
    // voter's own mail item (which keeps the mailed credential's hash so that reminders skip those
    // who voted; it sits beside the address as the credential item itself does).
    const isMail = (item: Item) => String(item.pk).includes('#MAIL#') && (String(item.sk).startsWith('CONFIRM#') || String(item.sk).startsWith('VOTER#'));
    const isConfirmation = (item: Item) => isMail(item) || String(item.pk).startsWith('MESSAGE#');
    for (const hash of tokens.map(hashToken)) {
      const holders = items.filter((item) => JSON.stringify(item).includes(hash));
      expect(holders.some((holder) => String(holder.pk).startsWith('CREDENTIAL#'))).toBe(true);
      for (const holder of holders) {
        expect(String(holder.pk).startsWith('CREDENTIAL#') || isMarker(holder) || isConfirmation(holder), `${holder.pk}`).toBe(true);
        const text = JSON.stringify(holder);
        for (const receipt of receipts()) expect(text.includes(receipt)).toBe(false);
      }
    }
  });

  it('writes no token, receipt or chosen candidate name into any log line', () => {
    expect(app.log.lines.length).toBeGreaterThan(0);
    const secrets = [...tokens, ADMIN_TOKEN, 'A'.repeat(27), ...receipts(), ...ballotIds(), ...CANDIDATES, 'grace hopper', 'Nobody Known'];
    for (const line of app.log.lines) {
      for (const secret of secrets) expect(line.toLowerCase().includes(secret.toLowerCase()), `log line holds "${secret}": ${line}`).toBe(false);
    }
  });

  it('confirms each cast by mail with neither the choice nor anything that maps to the ballot', () => {
    for (const { voter } of casts) {
      const confirmations = app.mailer.to(roll[voter]!.email).filter((m) => m.subject.startsWith('Your ballot was recorded'));
      expect(confirmations).toHaveLength(1);
      const { text, subject } = confirmations[0]!;
      expect(text).toContain('was recorded');
      for (const name of CANDIDATES) expect(`${subject}\n${text}`.toLowerCase()).not.toContain(name.toLowerCase());
      expect(text).not.toContain(tokens[voter]!);
      // No receipt, ballot id or other 128-bit value, and no time of the cast.
      expect(text).not.toMatch(/[A-Za-z0-9_-]{22}/);
      expect(text).not.toMatch(/\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}/);
    }
  });

  it('sends no mail in the whole election (credentials, confirmations, results) that holds a receipt or a ballot id', () => {
    const subjects = new Set(app.mailer.sent.map((m) => m.subject.split(':')[0]));
    expect([...subjects]).toEqual(expect.arrayContaining(['Your voting credential', 'Your ballot was recorded', 'Results']));
    expect(app.mailer.sent.filter((m) => m.subject.startsWith('Results:')).length).toBeGreaterThanOrEqual(roll.length);
    for (const mail of app.mailer.sent) {
      for (const secret of [...receipts(), ...ballotIds()]) expect(`${mail.subject}\n${mail.text}`.includes(secret), `${mail.subject} to ${mail.to}`).toBe(false);
    }
    for (const mail of app.mailer.sent.filter((m) => !m.subject.startsWith('Your voting credential'))) {
      for (const token of tokens) expect(mail.text.includes(token)).toBe(false);
    }
  });
});

describe('invariant 4: secrecy when a confirmation mail cannot be delivered', () => {
  let app: TestApp;
  const rejected: MailMessage[] = [];
  beforeAll(async () => {
    // Confirmations bounce (a permanent SES error, so no retry delay); every other mail is recorded as usual.
    const mailer: Mailer = {
      async send(message) {
        if (message.subject.startsWith('Your ballot was recorded')) {
          rejected.push(message);
          throw Object.assign(new Error('address rejected'), { name: 'MessageRejected' });
        }
        return app.mailer.send(message);
      },
      sendToEach: (recipients, content) => app.mailer.sendToEach(recipients, content),
      maxSendRate: () => app.mailer.maxSendRate(),
    };
    app = await startTestApp({ mailer });
  });
  afterAll(() => app.stop());

  it('records the undelivered confirmation on its mail item without the receipt or the choice, and logs neither', async () => {
    const { id, tokens, roll } = await setUpElection(app, { id: 'bounce', voters: 3 });
    await openElection(app, id);
    const receipts: string[] = [];
    for (const [i, token] of tokens.entries()) {
      const answer = await app.call('POST', `/elections/${id}/ballots`, { token, choices: [['Ada Lovelace', 'Grace Hopper', 'Alan Turing'][i]!] });
      expect(answer.status).toBe(201);
      receipts.push(answer.body.receipt);
    }
    expect(rejected).toHaveLength(0);
    await app.drainMail();
    expect(rejected).toHaveLength(3);

    const undelivered = (await app.scanAll()).filter((item) => String(item.sk).startsWith('CONFIRM#'));
    expect(undelivered.map((item) => item.tokenHash).sort()).toEqual(tokens.map(hashToken).sort());
    for (const item of undelivered) {
      expect(item).toMatchObject({ kind: 'confirmation', status: 'undelivered', reason: 'MessageRejected' });
      // Its time is the cast's, which the voter's participation has anyway; no ballot has a time to match it with.
      const text = JSON.stringify(item).toLowerCase();
      for (const secret of [...receipts, ...receipts.map(ballotIdOf), 'Ada Lovelace', 'Grace Hopper', 'Alan Turing', ...roll.map((v) => v.email)])
        expect(text.includes(secret.toLowerCase())).toBe(false);
    }
    const warnings = app.log.lines.filter((line) => JSON.parse(line).level === 'warn');
    expect(warnings.length).toBeGreaterThan(0);
    for (const line of app.log.lines) {
      for (const secret of [...receipts, ...receipts.map(ballotIdOf), ...tokens, 'Ada Lovelace', 'Grace Hopper', 'Alan Turing']) expect(line.includes(secret)).toBe(false);
    }
  });
});
