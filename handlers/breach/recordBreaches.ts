import { LOCKED_PHASES, type Breach } from '../../domain';
import type { Alert, Alerter, Deps } from '../ports';
import { runCommand } from '../runCommand';
import { isBreach, principalOf, type BreachScope } from './classify';
import { decodeLogsEvent } from './cloudTrail';

export interface BreachDeps extends Pick<Deps, 'store' | 'clock' | 'log'> {
  alerter: Alerter;
  scope: BreachScope;
  /** Retries of a failed alert before the handler gives up and fails (so that Lambda retries). */
  alertAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The breach handler: for every watched call in the delivery, while any election is locked,
 * a BreachDetected event in each locked election's log and one alert to the observers. Both
 * are once per CloudTrail event id, however often CloudWatch Logs delivers it.
 */
export const handleBreachDelivery = (deps: BreachDeps) => async (event: unknown): Promise<{ breaches: number }> => {
  const decoded = decodeLogsEvent(event);
  if ('error' in decoded) {
    deps.log.error('breach delivery dropped', { reason: decoded.error });
    return { breaches: 0 };
  }
  if (decoded.malformed > 0) deps.log.error('malformed CloudTrail records dropped', { count: decoded.malformed });
  const suspicious = decoded.records.filter((r) => isBreach(r, deps.scope));
  if (suspicious.length === 0) return { breaches: 0 };
  const locked = await lockedElections(deps);
  if (locked.length === 0) {
    deps.log.info('watched calls while nothing is locked', { count: suspicious.length });
    return { breaches: 0 };
  }
  for (const record of suspicious) {
    const breach: Breach = {
      cloudTrailEventId: record.eventID,
      eventName: record.eventName,
      principal: principalOf(record),
      sourceIp: record.sourceIPAddress ?? 'unknown',
      eventTime: record.eventTime,
      detectedAt: deps.clock.now().toISOString(),
    };
    // Recorded first: an alert that fails must not lose the record.
    for (const { electionId } of locked) await runCommand(deps, electionId, { type: 'RecordBreach', breach });
    await alertOnce(deps, breach, locked);
  }
  return { breaches: suspicious.length };
};

async function lockedElections(deps: BreachDeps) {
  const states = await Promise.all((await deps.store.listElectionIds()).map(async (id) => (await deps.store.load(id)).state));
  return states.flatMap((s) => (s.phase !== 'none' && LOCKED_PHASES.has(s.phase) ? [{ electionId: s.electionId, title: s.title }] : []));
}

async function alertOnce(deps: BreachDeps, breach: Breach, elections: { electionId: string; title: string }[]): Promise<void> {
  const effect = { kind: 'breach-alert', cloudTrailEventId: breach.cloudTrailEventId } as const;
  if (await deps.store.isDone(effect)) return;
  const alert = alertFor(breach, elections);
  const attempts = deps.alertAttempts ?? 3;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      await deps.alerter.alert(alert);
      break;
    } catch (error) {
      deps.log.warn('breach alert failed', { cloudTrailEventId: breach.cloudTrailEventId, attempt, error: (error as Error).name });
      if (attempt >= attempts) throw error;
      await sleep(200 * 2 ** (attempt - 1));
    }
  }
  await deps.store.markDone(effect);
  const delayMs = Date.parse(breach.detectedAt) - Date.parse(breach.eventTime);
  deps.log.info('breach alerted', { cloudTrailEventId: breach.cloudTrailEventId, eventName: breach.eventName, delayMs });
}

function alertFor(breach: Breach, elections: { electionId: string; title: string }[]): Alert {
  const names = elections.map((e) => `"${e.title}" (${e.electionId})`).join(', ');
  return {
    subject: `ELECTION BREACH: ${breach.eventName} by ${breach.principal}`.slice(0, 99),
    message: [
      `While ${names} ${elections.length === 1 ? 'was' : 'were'} locked, CloudTrail recorded:`,
      '',
      `  event:       ${breach.eventName}`,
      `  by:          ${breach.principal}`,
      `  from:        ${breach.sourceIp}`,
      `  at:          ${breach.eventTime}`,
      `  detected at: ${breach.detectedAt}`,
      `  event id:    ${breach.cloudTrailEventId}`,
      '',
      'It is recorded as BreachDetected in the election log, and the election is marked compromised. It stays locked.',
    ].join('\n'),
    attributes: {
      cloudTrailEventId: breach.cloudTrailEventId,
      eventName: breach.eventName,
      principal: breach.principal,
      sourceIp: breach.sourceIp,
      eventTime: breach.eventTime,
      detectedAt: breach.detectedAt,
      elections: elections.map((e) => e.electionId).join(','),
    },
  };
}
