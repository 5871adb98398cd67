import { CONSOLE_LOGIN, WATCHED_EVENT_NAMES } from './watchedEvents';
import type { CloudTrailRecord } from './cloudTrail';

export interface BreachScope {
  /** The stack's own roles: their calls are the system at work, not a breach. */
  ownRoleArns: string[];
  /** Names that identify the stack's resources in a call's parameters (the stack name, the table name). */
  ownResourceMarkers: string[];
}

const watched: ReadonlySet<string> = new Set(WATCHED_EVENT_NAMES);

/** A console sign-in is always a breach during a lock; any other watched call only when someone else touches our resources. */
export function isBreach(record: CloudTrailRecord, scope: BreachScope): boolean {
  if (record.eventName === CONSOLE_LOGIN) return true;
  if (!watched.has(record.eventName)) return false;
  const issuer = record.userIdentity?.sessionContext?.sessionIssuer?.arn;
  if (issuer && scope.ownRoleArns.includes(issuer)) return false;
  const touched = JSON.stringify([record.requestParameters ?? null, record.resources ?? []]);
  return scope.ownResourceMarkers.some((marker) => marker !== '' && touched.includes(marker));
}

/** Who did it, as readably as CloudTrail tells. */
export const principalOf = (record: CloudTrailRecord): string => record.userIdentity?.arn ?? record.userIdentity?.principalId ?? record.userIdentity?.type ?? 'unknown';
