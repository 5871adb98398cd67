import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { newLogger, powertoolsLog } from '../../handlers/adapters/jsonLog';
import { newPowertoolsMetrics, powertoolsMetrics } from '../../handlers/adapters/powertoolsMetrics';
import { METRIC_NAMESPACE } from '../../handlers/adapters/telemetryNames';
import { logger, metrics } from '../../handlers/lambda/environment';
import { observed } from '../../handlers/lambda/observed';
import { lifecycleTaskHandlers } from '../../handlers/lifecycle';
import { METRIC } from '../../handlers/ports';
import { openElection, setUpElection, startTestApp, type TestApp } from '../support/harness';

const context = (awsRequestId: string) =>
  ({ awsRequestId, functionName: 'ApiCast', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:eu-central-1:1:function:ApiCast', memoryLimitInMB: '1024' }) as unknown as Context;

/** What the process writes to stdout meanwhile, a line each. */
function captureStdout(): { lines: () => string[]; restore: () => void } {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  return { lines: () => written.join('').split('\n').filter(Boolean), restore: () => spy.mockRestore() };
}

describe('the Powertools log', () => {
  afterEach(() => {
    delete process.env._X_AMZN_TRACE_ID;
    delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
  });

  it('writes one JSON line per call at or above its level, with the invocation’s request id, cold start and trace id', () => {
    const lines: string[] = [];
    // As Lambda sets it for a container started on demand: its first invocation is the cold start.
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    const powertools = newLogger({ level: 'warn', write: (line) => lines.push(line) });
    const log = powertoolsLog(powertools);
    log.info('below the level');
    process.env._X_AMZN_TRACE_ID = 'Root=1-65f0a1b2-0123456789abcdef01234567;Parent=1;Sampled=1';
    powertools.addContext(context('req-1'));
    log.warn('first', { electionId: 'e1' });
    powertools.addContext(context('req-2'));
    log.error('second', { reason: 'MessageRejected' });
    const [first, second] = lines.map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(first).toMatchObject({ level: 'warn', message: 'first', service: 'student-election', function_request_id: 'req-1', cold_start: true, electionId: 'e1' });
    expect(first.xray_trace_id).toBe('1-65f0a1b2-0123456789abcdef01234567');
    expect(Date.parse(first.time)).not.toBeNaN();
    expect(second).toMatchObject({ level: 'error', message: 'second', function_request_id: 'req-2', cold_start: false, reason: 'MessageRejected' });
  });

  it('outside Lambda writes no invocation fields at all', () => {
    const lines: string[] = [];
    powertoolsLog(newLogger({ level: 'info', write: (line) => lines.push(line) })).info('local', { count: 2 });
    expect(Object.keys(JSON.parse(lines[0]!)).sort()).toEqual(['count', 'level', 'message', 'service', 'time']);
  });
});

describe('EMF metrics', () => {
  it('keeps undimensioned figures for the invocation’s one EMF object and writes a dimensioned one at once', () => {
    const stdout = captureStdout();
    try {
      const powertools = newPowertoolsMetrics();
      const port = powertoolsMetrics(powertools);
      port.count(METRIC.castAccepted);
      port.count(METRIC.castAccepted);
      port.count(METRIC.castRefused, 1, { reason: 'already_voted' });
      expect(stdout.lines()).toHaveLength(1);
      powertools.publishStoredMetrics();
      const [refused, flushed] = stdout.lines().map((line) => JSON.parse(line));
      expect(refused._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRIC_NAMESPACE, Dimensions: [['service', 'reason']], Metrics: [{ Name: 'CastRefused', Unit: 'Count' }] });
      expect(refused).toMatchObject({ service: 'student-election', reason: 'already_voted', CastRefused: 1 });
      expect(flushed._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: METRIC_NAMESPACE, Dimensions: [['service']] });
      expect(flushed.CastAccepted).toEqual([1, 1]);
    } finally {
      stdout.restore();
    }
  });

  it('flushes what an invocation counted when it ends, and tells the logger of each invocation', async () => {
    const stdout = captureStdout();
    // The tests' LOG_LEVEL is silent.
    logger.setLogLevel('INFO');
    try {
      const handler = observed(async (_event: unknown) => {
        powertoolsMetrics(metrics).count(METRIC.streamConflict);
        powertoolsLog(logger).info('handled');
        return 'done';
      });
      expect(await handler({}, context('req-9'))).toBe('done');
      const written = stdout.lines().map((line) => JSON.parse(line));
      expect(written.find((w) => w.message === 'handled')).toMatchObject({ function_request_id: 'req-9' });
      expect(written.find((w) => w._aws)).toMatchObject({ StreamConflict: 1 });
    } finally {
      logger.setLogLevel('SILENT');
      stdout.restore();
    }
  });
});

describe('what the handlers count', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it('counts casts accepted and refused by reason, mail sent, and each lifecycle step’s duration', async () => {
    const { id, tokens } = await setUpElection(app, { id: 'counted', voters: 2 });
    expect(app.metrics.total(METRIC.mailSent)).toBe(0);
    await openElection(app, id);
    expect(app.metrics.total(METRIC.mailSent)).toBe(2);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[0], choices: ['Ada Lovelace'] })).status).toBe(201);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: tokens[0], choices: ['Ada Lovelace'] })).status).toBe(409);
    expect((await app.call('POST', `/elections/${id}/ballots`, { token: 'A'.repeat(43), choices: ['Ada Lovelace'] })).status).toBe(403);
    expect(app.metrics.total(METRIC.castAccepted)).toBe(1);
    expect(app.metrics.total(METRIC.castRefused, { reason: 'already_voted' })).toBe(1);
    expect(app.metrics.total(METRIC.castRefused, { reason: 'invalid_token' })).toBe(1);
    await app.drainMail();
    expect(app.metrics.total(METRIC.mailSent)).toBe(3);

    app.clock.advance(120_000);
    await lifecycleTaskHandlers(app.deps).CloseVoting({ electionId: id, opensAt: new Date(0).toISOString(), closesAt: new Date(0).toISOString(), reminders: [] });
    const steps = app.metrics.recorded.filter((r) => r.name === METRIC.lifecycleStepDuration);
    expect(steps).toEqual([{ name: METRIC.lifecycleStepDuration, value: expect.any(Number), dimensions: { step: 'CloseVoting' } }]);
  });
});
