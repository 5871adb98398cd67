import type { Breach } from '../../domain';
import type { Alert } from '../ports';
import type { DeliveryPath } from './cloudTrail';

/** A locked election a breach is recorded in, and who watches it besides the operators' list. */
export interface LockedElection {
  electionId: string;
  title: string;
  observers: string[];
}

/** How the handler came to see the breach: which path, how long after CloudTrail's event time. */
export interface Sighting {
  via: DeliveryPath;
  /** From the CloudTrail event time (whole seconds) to the handler's clock when the delivery came. */
  delayMs: number;
}

/** CloudTrail's event time has whole seconds, so nothing finer is true; a clock a little behind reads as 0. */
const wholeSeconds = (ms: number) => Math.max(0, Math.round(ms / 1000));

/** "4 s", "5 min 12 s". */
export function readableDelay(ms: number): string {
  const seconds = wholeSeconds(ms);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * The alert about one breach in the given elections: to the observers' topic with every locked
 * election, to an election's own observers with that election only.
 */
export function breachAlert(breach: Breach, elections: LockedElection[], sighting: Sighting): Alert {
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
      `  detected at: ${breach.detectedAt} (${readableDelay(sighting.delayMs)} later, through ${sighting.via})`,
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
      delaySeconds: String(wholeSeconds(sighting.delayMs)),
      deliveredBy: sighting.via,
      elections: elections.map((e) => e.electionId).join(','),
    },
  };
}
