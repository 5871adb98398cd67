import { LOCKED_PHASES, type Breach } from '../../domain';
import { deliverAll } from '../mail/deliver';
import { METRIC, type Alert, type AlertClaims, type Alerter, type Deps, type EffectsLedger, type EventStream } from '../ports';
import { errorName, retry } from '../../contract/retry';
import { runCommand } from '../runCommand';
import { breachAlert, type LockedElection, type Sighting } from './breachAlert';
import { isBreach, principalOf, type BreachScope } from './classify';
import { decodeDelivery, type CloudTrailRecord } from './cloudTrail';

type BreachPorts = { store: EventStream & EffectsLedger; mail: AlertClaims } & Pick<Deps, 'clock' | 'log' | 'mailer' | 'metrics'>;

export interface BreachDeps extends BreachPorts {
  /** The deployment's observers: every breach in every locked election (the observers' SNS topic on AWS). */
  alerter: Alerter;
  scope: BreachScope;
  /** Retries of a failed alert before the handler gives up and fails (so that Lambda retries). */
  alertAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The breach handler, invoked by the trail's CloudWatch Logs subscription (batches, minutes
 * late) and by EventBridge rules (one event, seconds late) with the same CloudTrail events: for
 * every watched call, while any election is locked, a BreachDetected event in each locked
 * election's log, one alert to the deployment's observers and one mail to each such election's
 * own observers. Both are once per CloudTrail event id, whichever path delivers it first and however
 * often either repeats it.
 */
/** How long a delivery may take to send one event's alerts before another may take over: alerts take seconds. */
export const ALERT_LEASE_MS = 60_000;

/** Another delivery of the same CloudTrail event is sending its alerts right now: retry later. */
export class BreachAlertInProgress extends Error {
  constructor(cloudTrailEventId: string) {
    super(`the alerts of CloudTrail event ${cloudTrailEventId} are being sent by another delivery; deliver it again later`);
  }
}

export const handleBreachDelivery =
  (deps: BreachDeps) =>
  async (event: unknown): Promise<{ breaches: number }> => {
    // The delivery's arrival: what follows is our own work, not the delivery path's delay.
    const seenAt = deps.clock.now();
    const decoded = decodeDelivery(event);
    if ('error' in decoded) {
      deps.log.error('breach delivery dropped', { reason: decoded.error });
      return { breaches: 0 };
    }
    if (decoded.malformed > 0) deps.log.error('malformed CloudTrail records dropped', { count: decoded.malformed, via: decoded.via });
    const suspicious = uniqueById(decoded.records.filter((r) => isBreach(r, deps.scope)));
    if (suspicious.length === 0) return { breaches: 0 };
    const locked = await lockedElections(deps);
    if (locked.length === 0) {
      deps.log.info('watched calls while nothing is locked', { count: suspicious.length, via: decoded.via });
      return { breaches: 0 };
    }
    for (const record of suspicious) {
      const breach: Breach = {
        cloudTrailEventId: record.eventID,
        eventName: record.eventName,
        principal: principalOf(record),
        sourceIp: record.sourceIPAddress ?? 'unknown',
        eventTime: record.eventTime,
        detectedAt: seenAt.toISOString(),
      };
      const sighting: Sighting = { via: decoded.via, delayMs: seenAt.getTime() - Date.parse(record.eventTime) };
      // Recorded first: an alert that fails must not lose the record.
      for (const { electionId } of locked) await runCommand(deps, electionId, { type: 'RecordBreach', breach });
      await alertOnce(deps, breach, locked, sighting);
    }
    return { breaches: suspicious.length };
  };

/** A delivery may repeat a record; the mark below would catch it too, but only after the alert. */
const uniqueById = (records: CloudTrailRecord[]) => [...new Map(records.map((r) => [r.eventID, r])).values()];

async function lockedElections(deps: BreachDeps): Promise<LockedElection[]> {
  const states = await Promise.all((await deps.store.listElectionIds()).map(async (id) => (await deps.store.load(id)).state));
  return states.flatMap((s) => (s.phase !== 'none' && LOCKED_PHASES.has(s.phase) ? [{ electionId: s.electionId, title: s.title, observers: s.observers }] : []));
}

/**
 * The deployment's observers' alert, then each locked election's observers' mail, then the
 * once-only mark: a failure before the mark lets the retry (or the other path's delivery) alert
 * again, so an alert is never lost, and once marked neither path alerts again. Counted here, once
 * per CloudTrail event, though both paths deliver it.
 */
async function alertOnce(deps: BreachDeps, breach: Breach, elections: LockedElection[], sighting: Sighting): Promise<void> {
  const facts = { cloudTrailEventId: breach.cloudTrailEventId, eventName: breach.eventName, via: sighting.via, delayMs: sighting.delayMs };
  const effect = { kind: 'breach-alert', cloudTrailEventId: breach.cloudTrailEventId } as const;
  if (await deps.store.isDone(effect)) {
    deps.log.info('breach already alerted', facts);
    return;
  }
  // Both paths may deliver the same event at the same moment: one holds the claim and alerts; the
  // other fails, so that Lambda delivers it again later and finds it alerted (or, if the holder
  // died, its lease run out and the alert still to send).
  const claimedAt = deps.clock.now();
  if (!(await deps.mail.claimBreachAlert(breach.cloudTrailEventId, claimedAt, ALERT_LEASE_MS))) {
    deps.log.info('breach alert in progress elsewhere', facts);
    throw new BreachAlertInProgress(breach.cloudTrailEventId);
  }
  try {
    await alertDeploymentObservers(deps, breachAlert(breach, elections, sighting));
    for (const election of elections) {
      const { subject, message } = breachAlert(breach, [election], sighting);
      const mails = election.observers.map((to) => ({ studentId: to, message: { to, subject, text: message } }));
      await deliverAll(deps, election.electionId, `breach-alert ${breach.cloudTrailEventId}`, mails);
    }
    await deps.store.markDone(effect);
  } catch (error) {
    // The alert failed: the delivery Lambda retries may take the claim again at once.
    await deps.mail.releaseBreachAlert(breach.cloudTrailEventId, claimedAt, ALERT_LEASE_MS);
    throw error;
  }
  deps.metrics.count(METRIC.breachRecorded);
  deps.log.info('breach alerted', facts);
}

/** On top of the SNS client's own retries: see contract/retry.ts. */
async function alertDeploymentObservers(deps: BreachDeps, alert: Alert): Promise<void> {
  await retry(() => deps.alerter.alert(alert), {
    attempts: deps.alertAttempts ?? 3,
    baseDelayMs: 200,
    sleep: deps.sleep,
    onFailure: (error, attempt) => deps.log.warn('breach alert failed', { cloudTrailEventId: alert.attributes.cloudTrailEventId, attempt, error: errorName(error) }),
  });
}
