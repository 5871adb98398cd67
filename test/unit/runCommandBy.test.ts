import { describe, expect, it } from 'vitest';
import { PROPOSAL_MINUTES, type Actor } from '../../domain';
import { memoryStores } from '../../handlers/adapters/memory';
import { runCommand } from '../../handlers/runCommand';
import { accepted, councilCreation, ELECTION_ID, SETUP_TIME } from './fixtures';
import { actor, ADA, COMMITTEE, GRACE } from './committeeFixtures';

/** The clock reads a little after the time the command was built with, as on a server. */
const LATER = new Date(SETUP_TIME.getTime() + 250);

async function electionWithRoster() {
  const { store } = memoryStores();
  const deps = { store, clock: { now: () => LATER } };
  const create = councilCreation(SETUP_TIME, ['Alice Adams'], { committee: COMMITTEE });
  const created = accepted(await runCommand(deps, ELECTION_ID, create, undefined, { by: { ...actor(ADA), role: 'committee' } as Actor }));
  return { store, deps, created };
}

describe('runCommand with the member who asked', () => {
  it('holds them to the roster and records them, id and name only, on each event', async () => {
    const { created } = await electionWithRoster();
    expect(created.events.map((e) => e.by)).toEqual(created.events.map(() => actor(ADA)));
  });

  it('appends nothing when decide refuses them for their role', async () => {
    const { store, deps } = await electionWithRoster();
    const before = (await store.load(ELECTION_ID)).head;
    expect(await runCommand(deps, ELECTION_ID, { type: 'Lock', now: SETUP_TIME }, undefined, { by: actor(GRACE) })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Lock needs the committee role: Grace Hopper is helpdesk' },
    });
    expect((await store.load(ELECTION_ID)).head).toEqual(before);
  });

  it('dates the events at the time the command was decided at, so that a proposal’s expiry replays from the event’s own time', async () => {
    const { deps } = await electionWithRoster();
    const proposed = accepted(await runCommand(deps, ELECTION_ID, { type: 'Lock', now: SETUP_TIME }, undefined, { by: actor(ADA) }));
    const [event] = proposed.events;
    expect(event).toMatchObject({ type: 'ActionProposed', at: SETUP_TIME.toISOString(), by: actor(ADA) });
    expect(event?.type === 'ActionProposed' && Date.parse(event.data.expiresAt) - Date.parse(event.at)).toBe(PROPOSAL_MINUTES * 60_000);
  });

  it('dates by the clock a command that carries no time, and records nobody when the system asks', async () => {
    const { deps } = await electionWithRoster();
    const counted = accepted(await runCommand(deps, ELECTION_ID, { type: 'CountLinkRequests', requests: 2 }));
    expect(counted.events).toHaveLength(1);
    expect(counted.events[0]?.at).toBe(LATER.toISOString());
    expect(counted.events[0]).not.toHaveProperty('by');
  });
});
