import { isWatched, WATCHED_BY_RESOURCE_TYPE } from './watchedCalls';

/** A console sign-in, successful or not: a breach whoever signs in. */
export const CONSOLE_LOGIN = 'ConsoleLogin';

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
/** Several resource types share one entry (the API's four, the topic's three): each once. */
const watched = unique([...WATCHED_BY_RESOURCE_TYPE.values()]).filter(isWatched);

/**
 * The CloudTrail event names that are a breach while an election is locked: every console
 * sign-in, and every watched call on the stack's resources (./watchedCalls.ts, by resource type).
 * One list: the handler checks it, and the EventBridge rules are built from it; the subscription
 * filters come from the same table.
 */
export const WATCHED_EVENT_NAMES: readonly string[] = unique([CONSOLE_LOGIN, ...watched.flatMap((w) => [...w.changes, ...(w.reads ?? [])])]);

/** CloudWatch Logs takes filter patterns of at most 1,024 characters, and two subscription filters per log group. */
export const FILTER_PATTERN_LIMIT = 1024;
export const FILTERS_PER_LOG_GROUP = 2;

/**
 * The subscription filter patterns of the trail's log group: sign-ins and every watched read by
 * name (CloudTrail may mark those read-only), and every call that is not read-only to a service
 * with watched calls. A list of every watched name would not fit in two filters; the handler
 * judges each record by name, so the filters only spare it the rest of the account's events.
 */
export function breachFilterPatterns(): string[] {
  const named = (name: string) => `$.eventName = "${name}"`;
  const sources = unique(watched.map((w) => w.source)).map((source) => `$.eventSource = "${source}"`);
  const clauses = [named(CONSOLE_LOGIN), ...unique(watched.flatMap((w) => w.reads ?? [])).map(named), `($.readOnly IS FALSE && (${sources.join(' || ')}))`];
  const render = (group: string[]) => `{ ${group.join(' || ')} }`;
  return groupsWithin(clauses, (group) => render(group).length <= FILTER_PATTERN_LIMIT).map(render);
}

/** The names in order, in as few consecutive groups as `fits` allows. */
function groupsWithin(names: readonly string[], fits: (group: string[]) => boolean): string[][] {
  const groups: string[][] = [];
  for (const name of names) {
    const current = groups.at(-1);
    if (current && fits([...current, name])) current.push(name);
    else groups.push([name]);
  }
  return groups;
}

/** EventBridge takes event patterns of at most 2,048 characters (its default quota). */
export const EVENT_PATTERN_LIMIT = 2048;

/** What EventBridge calls the CloudTrail events it carries: console sign-ins apart from every other call. */
export const CONSOLE_SIGN_IN = 'AWS Console Sign In via CloudTrail';
export const API_CALL = 'AWS API Call via CloudTrail';

/** An event pattern as EventBridge reads it: CloudTrail's record is the event's `detail`. */
export interface BreachEventPattern {
  'detail-type': [typeof CONSOLE_SIGN_IN | typeof API_CALL];
  detail: { eventName: string[] };
}

/** The EventBridge event patterns that together match exactly the watched event names. */
export function breachEventPatterns(names: readonly string[] = WATCHED_EVENT_NAMES): BreachEventPattern[] {
  const pattern = (detailType: BreachEventPattern['detail-type'][0], eventName: string[]): BreachEventPattern => ({ 'detail-type': [detailType], detail: { eventName } });
  return ([CONSOLE_SIGN_IN, API_CALL] as const).flatMap((detailType) => {
    const ofType = names.filter((name) => (name === CONSOLE_LOGIN) === (detailType === CONSOLE_SIGN_IN));
    return groupsWithin(ofType, (group) => JSON.stringify(pattern(detailType, group)).length <= EVENT_PATTERN_LIMIT).map((group) => pattern(detailType, group));
  });
}
