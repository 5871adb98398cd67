import { describe, expect, it } from 'vitest';
import { decide, EMPTY_HEAD, extendChain, publishedEvent, verifyAuditLog, type AuditLine, type ElectionEvent } from '../../domain';
import { accepted, ELECTION_ID, eventsUpTo, refusal, run, stateIn } from './fixtures';

const OBSERVERS = ['obs1@uni.test', 'obs2@uni.test'];
const AT = '2025-03-02T09:00:00.000Z';
/** The log's events as the export holds them, from the first. */
const exported = (events: ElectionEvent[]): AuditLine[] => extendChain(ELECTION_ID, EMPTY_HEAD, events, AT).map((event) => ({ kind: 'event', event: publishedEvent(event) }));

/** The log publishes the observers as their count, in the export as in the live log; their addresses are kept only to mail them. */
describe('the observers in the log', () => {
  it('are recorded as their count, the addresses beside it, which the state keeps for the mail and the published event leaves out', () => {
    const [set] = accepted(decide({ type: 'SetObservers', observers: OBSERVERS }, stateIn('draft')));
    expect(set).toEqual({ type: 'ObserversSet', data: { observers: 2 }, addresses: OBSERVERS });
    expect(run(stateIn('draft'), { type: 'SetObservers', observers: OBSERVERS })).toMatchObject({ observers: OBSERVERS });
    const [recorded] = extendChain(ELECTION_ID, EMPTY_HEAD, [set!], AT);
    const published = publishedEvent(recorded!);
    expect(published).not.toHaveProperty('addresses');
    expect(published).toMatchObject({ type: 'ObserversSet', data: { observers: 2 }, hash: recorded!.hash });
  });

  it('are at most 50, as the API takes them', () => {
    expect(refusal(decide({ type: 'SetObservers', observers: Array.from({ length: 51 }, (_, i) => `o${i}@uni.test`) }, stateIn('draft'))).message).toBe('observers: at most 50');
  });

  it('verify as their count, with the hash recomputed; in a log written before they were counted, as their addresses', () => {
    const counted = exported([...eventsUpTo('draft'), { type: 'ObserversSet', data: { observers: 2 }, addresses: OBSERVERS }]);
    const before = exported([...eventsUpTo('draft'), { type: 'ObserversSet', data: { observers: OBSERVERS } }]);
    for (const lines of [counted, before]) expect(verifyAuditLog(lines).findings.filter((f) => f.includes('ObserversSet'))).toEqual([]);
  });

  it('a count that decide could not have recorded is a finding, not a blow-up', () => {
    const forged = exported([...eventsUpTo('draft'), { type: 'ObserversSet', data: { observers: 1e9 } }]);
    const seq = forged.length;
    expect(verifyAuditLog(forged).findings).toContain(`event ${seq} (ObserversSet) is not allowed there: observers: at most 50`);
  });
});
