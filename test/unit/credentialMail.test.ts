import { describe, expect, it } from 'vitest';
import { decide, evolve, replay, type ElectionEvent, type ElectionState } from '../../domain';
import { accepted, DURING_VOTING, eventsUpTo, refusal, run, SETUP_TIME } from './fixtures';

/** An election whose credentials wait for the opening, as every election created over the REST API does, in `phase`. */
function heldIn(phase: 'draft' | 'locked' | 'open' | 'closed', { postal = 0 } = {}): ElectionState {
  const [created, ...rest] = eventsUpTo(phase) as [Extract<ElectionEvent, { type: 'ElectionCreated' }>, ...ElectionEvent[]];
  const postalVotes: ElectionEvent[] = postal > 0 ? [{ type: 'PostalVotesRecorded', data: { voters: postal, contests: { main: postal } } }] : [];
  const draftEnd = rest.findIndex((e) => e.type === 'ElectionLocked');
  const events = draftEnd < 0 ? [...rest, ...postalVotes] : [...rest.slice(0, draftEnd), ...postalVotes, ...rest.slice(draftEnd)];
  return replay([{ ...created, data: { ...created.data, credentialMail: 'at-start' } }, ...events]);
}

const release = (state: ElectionState) => decide({ type: 'RecordCredentialsReleased', now: DURING_VOTING }, state);

describe('credentials held until voting opens', () => {
  it('is recorded at creation when asked for, and the election holds them until the release', () => {
    const created = accepted(decide({ type: 'CreateElection', electionId: 'e', title: 'Council', ballot: { kind: 'single' }, credentialMail: 'at-start', now: SETUP_TIME }, { phase: 'none' }));
    expect(created[0]).toMatchObject({ type: 'ElectionCreated', data: { credentialMail: 'at-start' } });
    expect(created.reduce(evolve, { phase: 'none' } as ElectionState)).toMatchObject({ credentialsHeld: true });
    expect(heldIn('locked')).toMatchObject({ credentialsHeld: true });
  });

  it('releases them once voting is open, counting every voter on the roll but the postal voters', () => {
    const open = heldIn('open', { postal: 7 });
    expect(accepted(release(open))).toEqual([{ type: 'CredentialsReleased', data: { at: DURING_VOTING.toISOString(), voters: 93 } }]);
    const released = run(open, { type: 'RecordCredentialsReleased', now: DURING_VOTING });
    expect(released).toMatchObject({ credentialsReleasedAt: DURING_VOTING.toISOString() });
    expect(released).not.toHaveProperty('credentialsHeld');
    // Run again (a retried step, a restarted stack): recorded once.
    expect(accepted(release(released))).toEqual([]);
  });

  it('refuses a release before the start or after the close, naming the phase', () => {
    expect(refusal(release(heldIn('locked')))).toEqual({ code: 'wrong_phase', message: 'held credentials go out only once voting is started (the election is locked)' });
    expect(refusal(release(heldIn('closed'))).message).toMatch(/\(the election is closed\)$/);
  });

  it('records nothing for an election that mails each credential at registration, as the 2019 command API does', () => {
    const thesis = replay(eventsUpTo('open'));
    expect(thesis).not.toHaveProperty('credentialsHeld');
    expect(accepted(release(thesis))).toEqual([]);
  });
});
