import { auditLines, ballotBoxDigest, eventHash, GENESIS_HASH, replay, tally, type AuditLine, type RecordedEvent } from '../../domain';

/**
 * What whoever rewrites an export can do with this repository's own code once they have changed
 * its ballots or events: recompute the seal and the tally, number, link and hash every event
 * anew, and rewrite the header and the participation count to match, so that every check inside
 * the file passes again. Only what was e-mailed at sealing is out of their reach.
 */
export function reseal(lines: readonly AuditLine[]): AuditLine[] {
  const header = lines.find((l): l is Extract<AuditLine, { kind: 'header' }> => l.kind === 'header')!;
  const ballots = lines.flatMap((l) => (l.kind === 'ballot' ? [{ ballotId: l.ballotId, choices: l.choices }] : []));
  const voters = lines.flatMap((l) => (l.kind === 'voter' ? [{ hash: l.hash }] : []));
  const recorded = lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
  const setup = replay(
    recorded.slice(
      0,
      recorded.findIndex((e) => e.type === 'BallotBoxSealed'),
    ),
  );
  if (setup.phase === 'none') throw new Error('no election to reseal');
  const recounted = recorded.map((event): RecordedEvent => {
    if (event.type === 'BallotBoxSealed') return { ...event, data: { ballotCount: ballots.length, digest: ballotBoxDigest(ballots) } };
    if (event.type === 'ResultsTallied')
      return {
        ...event,
        data: {
          result: tally(setup.contests[0]!.ballot, setup.contests[0]!.candidates, ballots, {
            seed: { digest: ballotBoxDigest(ballots), contest: setup.electionId },
            registeredVoters: setup.voterCount,
          }),
        },
      };
    return event;
  });
  const events = rechain(recounted);
  const breaches = events.filter((e) => e.type === 'BreachDetected').length;
  const participation = ballots.length;
  return auditLines({
    header: { ...header, events: events.length, ballots: ballots.length, participation, voters: voters.length, breaches },
    events,
    ballots,
    participation,
    voters,
  });
}

/** Numbers the events from 1, links each to the one before and hashes it, keeping its time. */
export function rechain(events: readonly RecordedEvent[]): RecordedEvent[] {
  let prevHash = GENESIS_HASH;
  return events.map((event, i) => {
    const { hash: _, ...content } = event;
    const unsigned = { ...content, seq: i + 1, prevHash };
    prevHash = eventHash(unsigned);
    return { ...unsigned, hash: prevHash } as RecordedEvent;
  });
}

/**
 * The export with `event` put in right after the head at sealing (ResultsTallied), the events after
 * it re-chained and the header's counts rewritten: what anyone can append without touching
 * anything the e-mailed head covers.
 */
export function appendedAfterSealing(lines: readonly AuditLine[], event: Pick<RecordedEvent, 'type' | 'data'>): AuditLine[] {
  const recorded = lines.flatMap((l) => (l.kind === 'event' ? [l.event] : []));
  const sealing = recorded.findIndex((e) => e.type === 'ResultsTallied');
  const added = { ...recorded[sealing]!, ...event } as RecordedEvent;
  const events = rechain([...recorded.slice(0, sealing + 1), added, ...recorded.slice(sealing + 1)]);
  const header = lines.find((l): l is Extract<AuditLine, { kind: 'header' }> => l.kind === 'header')!;
  return [
    { ...header, events: events.length, breaches: events.filter((e) => e.type === 'BreachDetected').length },
    ...events.map((e): AuditLine => ({ kind: 'event', event: e })),
    ...lines.filter((l) => l.kind !== 'header' && l.kind !== 'event'),
  ];
}
