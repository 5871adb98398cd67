import { describe, expect, it } from 'vitest';
import { ballotBoxDigest, canonicalJson, EMPTY_HEAD, eventHash, extendChain, GENESIS_HASH, sha256, type ElectionEvent, type RecordedEvent, type SealedBallot } from '../../domain';
import { AFTER_VOTING, ELECTION_ID, eventsUpTo } from './fixtures';

const AT = '2025-03-01T09:00:00.000Z';

describe('extendChain: numbering and linking events', () => {
  it('links the first event to GENESIS_HASH and each later one to the hash before it', () => {
    const recorded = extendChain(ELECTION_ID, EMPTY_HEAD, eventsUpTo('locked'), AT);

    expect(GENESIS_HASH).toMatch(/^0{64}$/);
    expect(recorded[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < recorded.length; i++) {
      expect(recorded[i]?.prevHash).toBe(recorded[i - 1]?.hash);
    }
  });

  it('numbers events 1, 2, 3… from an empty head', () => {
    const recorded = extendChain(ELECTION_ID, EMPTY_HEAD, eventsUpTo('locked'), AT);
    expect(recorded.map((e) => e.seq)).toEqual(recorded.map((_, i) => i + 1));
  });

  it('continues numbering and linking from an existing head', () => {
    const first = extendChain(ELECTION_ID, EMPTY_HEAD, eventsUpTo('draft'), AT);
    const last = first[first.length - 1]!;
    const more: ElectionEvent[] = [
      { type: 'ElectionLocked', data: {} },
      { type: 'VotingOpened', data: { at: AT } },
    ];
    const next = extendChain(ELECTION_ID, { seq: last.seq, hash: last.hash }, more, AT);

    expect(next.map((e) => e.seq)).toEqual([last.seq + 1, last.seq + 2]);
    expect(next[0]?.prevHash).toBe(last.hash);
    expect(next[1]?.prevHash).toBe(next[0]?.hash);
  });

  it('gives every event the election id and time, and keeps its type and data', () => {
    const events = eventsUpTo('draft');
    const recorded = extendChain(ELECTION_ID, EMPTY_HEAD, events, AT);

    recorded.forEach((r, i) => {
      expect(r.electionId).toBe(ELECTION_ID);
      expect(r.at).toBe(AT);
      expect(r.type).toBe(events[i]?.type);
      expect(r.data).toEqual(events[i]?.data);
    });
  });

  it('stores the hash that eventHash computes over the recorded fields', () => {
    for (const r of extendChain(ELECTION_ID, EMPTY_HEAD, eventsUpTo('published'), AT)) {
      const { hash, ...unsigned } = r;
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(eventHash(unsigned)).toBe(hash);
    }
  });

  it('records nothing for no events', () => {
    expect(extendChain(ELECTION_ID, EMPTY_HEAD, [], AT)).toEqual([]);
  });

  it('is deterministic: the same events at the same head give the same chain', () => {
    const a = extendChain(ELECTION_ID, EMPTY_HEAD, eventsUpTo('open'), AT);
    const b = extendChain(ELECTION_ID, EMPTY_HEAD, eventsUpTo('open'), AT);
    expect(a).toEqual(b);
  });
});

describe('eventHash: any change to an event changes its hash', () => {
  const [original] = extendChain(ELECTION_ID, { seq: 4, hash: 'a'.repeat(64) }, [{ type: 'VotingClosed', data: { at: AFTER_VOTING.toISOString() } }], AT);
  if (original === undefined) throw new Error('no event recorded');
  const { hash: originalHash, ...unsigned } = original;

  const changes: [string, Omit<RecordedEvent, 'hash'>][] = [
    ['electionId', { ...unsigned, electionId: 'other-election' }],
    ['seq', { ...unsigned, seq: unsigned.seq + 1 }],
    ['at', { ...unsigned, at: '2025-03-01T09:00:00.001Z' }],
    ['prevHash', { ...unsigned, prevHash: 'b'.repeat(64) }],
    ['type', { ...unsigned, type: 'VotingOpened' } as Omit<RecordedEvent, 'hash'>],
    ['data', { ...unsigned, data: { at: '2025-03-13T10:00:00.001Z' } } as Omit<RecordedEvent, 'hash'>],
    ['by (added)', { ...unsigned, by: { id: 'u-ada', name: 'Ada Lovelace' } }],
  ];

  it('matches the stored hash when nothing changed', () => {
    expect(eventHash(unsigned)).toBe(originalHash);
  });

  for (const [field, changed] of changes) {
    it(`changes when ${field} changes`, () => {
      expect(eventHash(changed)).not.toBe(originalHash);
    });
  }

  it('changes when a nested value in the data changes', () => {
    const [tallied] = extendChain(
      ELECTION_ID,
      EMPTY_HEAD,
      [
        {
          type: 'ResultsTallied',
          data: {
            result: {
              ballots: 3,
              abstentions: 0,
              seats: 1,
              counts: [
                { candidate: 'Alice', votes: 2 },
                { candidate: 'Bob', votes: 1 },
              ],
              elected: ['Alice'],
              tied: [],
            },
          },
        },
      ],
      AT,
    );
    if (tallied?.type !== 'ResultsTallied') throw new Error('unreachable');
    const { hash, ...rest } = tallied;
    const forged = structuredClone(rest);
    if (!('result' in forged.data)) throw new Error('one contest, one result');
    forged.data.result.counts[1]!.votes = 2;
    expect(eventHash(forged)).not.toBe(hash);
  });

  it('does not depend on the order of keys in the event', () => {
    const reordered = { data: unsigned.data, type: unsigned.type, prevHash: unsigned.prevHash, at: unsigned.at, seq: unsigned.seq, electionId: unsigned.electionId } as Omit<RecordedEvent, 'hash'>;
    expect(eventHash(reordered)).toBe(originalHash);
  });
});

describe('eventHash and the member who asked (`by`)', () => {
  const byAda = { id: 'u-ada', name: 'Ada Lovelace' };
  const locked: ElectionEvent = { type: 'ElectionLocked', data: { roll: { voters: 100, fingerprint: 'f'.repeat(64) } } };

  it('hashes an event without `by`, as every event before personal accounts, exactly as it always did', () => {
    // Computed by the hash chain as it was before `by` existed: a log written then verifies unchanged.
    const [old] = extendChain(ELECTION_ID, EMPTY_HEAD, [locked], AT);
    expect(old?.hash).toBe('a47e46e3b7421ba8d3373a7c08bb6b1de613b839219c59a535880ae57bda7c36');
    expect(old).not.toHaveProperty('by');
  });

  it('puts `by`, its id and name only, on every event of the decision, covered by each hash', () => {
    const recorded = extendChain(ELECTION_ID, EMPTY_HEAD, eventsUpTo('draft'), AT, { ...byAda, role: 'committee' } as typeof byAda);
    for (const event of recorded) {
      expect(event.by).toEqual(byAda);
      const { hash, ...unsigned } = event;
      expect(eventHash(unsigned)).toBe(hash);
      expect(eventHash({ ...unsigned, by: { ...byAda, name: 'Ada King' } })).not.toBe(hash);
      expect(eventHash({ ...unsigned, by: undefined })).not.toBe(hash);
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at the top level', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
  });

  it('sorts keys at every depth, including objects inside arrays', () => {
    const value = { z: { y: 1, x: { d: [{ q: 1, p: 2 }], c: 0 } }, a: [3, 1, 2] };
    expect(canonicalJson(value)).toBe('{"a":[3,1,2],"z":{"x":{"c":0,"d":[{"p":2,"q":1}]},"y":1}}');
  });

  it('keeps the order of array elements', () => {
    expect(canonicalJson(['b', 'a'])).not.toBe(canonicalJson(['a', 'b']));
  });

  it('gives the same text for objects that differ only in key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('drops keys whose value is undefined, at every depth', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined, e: 2 } })).toBe('{"b":1,"c":{"e":2}}');
    expect(canonicalJson({ opensAt: undefined, closesAt: 'x' })).toBe(canonicalJson({ closesAt: 'x' }));
  });

  it('keeps null values', () => {
    expect(canonicalJson({ a: null })).toBe('{"a":null}');
  });

  it('produces valid JSON that parses back to the same value', () => {
    const value = { name: 'Zoë "Z" Müller', n: -1.5, ok: true, list: [{ b: 'x\ny', a: null }], empty: {} };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('encodes scalars like JSON.stringify', () => {
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
    expect(canonicalJson(42)).toBe('42');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(null)).toBe('null');
  });
});

describe('sha256', () => {
  it('is the hex SHA-256 of the UTF-8 text', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('ballotBoxDigest', () => {
  const box: SealedBallot[] = [
    { ballotId: 'b-2', choices: ['Bob'] },
    { ballotId: 'b-1', choices: ['Alice'] },
    { ballotId: 'b-3', choices: [] },
    { ballotId: 'b-4', choices: ['Alice', 'Chen'] },
  ];
  const digest = ballotBoxDigest(box);

  it('is a 64-character hex digest', () => {
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order ballots are given in', () => {
    expect(ballotBoxDigest([...box].reverse())).toBe(digest);
    const [a, b, c, d] = box as [SealedBallot, SealedBallot, SealedBallot, SealedBallot];
    expect(ballotBoxDigest([c, a, d, b])).toBe(digest);
  });

  it('accepts any iterable of ballots', () => {
    expect(ballotBoxDigest(new Set(box))).toBe(digest);
  });

  it('changes when any ballot id changes', () => {
    box.forEach((_, i) => {
      const changed = box.map((b, j) => (j === i ? { ...b, ballotId: `${b.ballotId}x` } : b));
      expect(ballotBoxDigest(changed)).not.toBe(digest);
    });
  });

  it('changes when any ballot content changes', () => {
    box.forEach((_, i) => {
      const changed = box.map((b, j) => (j === i ? { ...b, choices: b.choices.length ? [] : ['Bob'] } : b));
      expect(ballotBoxDigest(changed)).not.toBe(digest);
    });
  });

  it('changes when choices are swapped between two ballots', () => {
    const swapped = box.map((b) => (b.ballotId === 'b-1' ? { ...b, choices: ['Bob'] } : b.ballotId === 'b-2' ? { ...b, choices: ['Alice'] } : b));
    expect(ballotBoxDigest(swapped)).not.toBe(digest);
  });

  it('changes when a ballot is removed or added', () => {
    expect(ballotBoxDigest(box.slice(1))).not.toBe(digest);
    expect(ballotBoxDigest([...box, { ballotId: 'b-5', choices: [] }])).not.toBe(digest);
  });

  it('distinguishes an empty box from a box with one abstention', () => {
    expect(ballotBoxDigest([])).not.toBe(ballotBoxDigest([{ ballotId: 'b-1', choices: [] }]));
  });
});
