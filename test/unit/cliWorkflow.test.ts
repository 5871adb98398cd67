import { describe, expect, it } from 'vitest';
import { admin } from '../../cli/admin';
import type { ApiClient } from '../../cli/apiClient';

/** `admin status` says where the workflow stopped and how to go on; `admin retry` runs it again. */
describe('the workflow from the command line', () => {
  const election = {
    id: 'parliament-2026',
    title: 'Student parliament',
    phase: 'closed',
    locked: true,
    contests: [{ id: 'main', title: 'Student parliament', ballot: { kind: 'single' }, candidates: [{ name: 'Ada' }], eligibleVoters: 3 }],
    window: { closesAt: '2026-12-06T18:00:00.000Z' },
    reminders: { at: [], queued: 0 },
    voterCount: 3,
    compromised: false,
    breaches: 0,
  };
  const answering = (view: object) => {
    const asked: string[] = [];
    const api = {
      request: async (method: string, path: string) => {
        asked.push(`${method} ${path}`);
        if (path.endsWith('/turnout')) return { registered: 3, voted: 1 };
        if (path.endsWith('/mail')) return { counts: { pending: 0, sending: 0, sent: 3, delivered: 0, undelivered: 0, bounced: 0, complained: 0, postal: 0, held: 0 }, problems: [] };
        return view;
      },
    } as unknown as ApiClient;
    return { api, asked };
  };
  const printed = async (run: (api: ApiClient, out: (line: string) => void) => Promise<void>, view: object) => {
    const lines: string[] = [];
    const { api, asked } = answering(view);
    await run(api, (line) => lines.push(line));
    return { text: lines.join('\n'), asked };
  };

  it('status names the step the workflow stopped at, the error, and the command that goes on', async () => {
    const { text } = await printed((api, out) => admin.status(api, 'parliament-2026', out), { ...election, workflowFailure: { step: 'TallyBallots', error: 'TallyCrashed: disk on fire' } });
    expect(text).toContain('WORKFLOW STOPPED at TallyBallots: TallyCrashed: disk on fire');
    expect(text).toContain('until you run `admin retry parliament-2026`');
  });

  it('status says nothing of the workflow while it runs', async () => {
    const { text } = await printed((api, out) => admin.status(api, 'parliament-2026', out), election);
    expect(text).not.toContain('WORKFLOW');
  });

  it('status says what keeps the ballots: an open box, not secret against the operator, or a sealed one, its ceremony and its opening', async () => {
    expect((await printed((api, out) => admin.status(api, 'parliament-2026', out), { ...election, box: 'open' })).text).toContain('box:        open: not secret against the operator');
    const sealed = { ...election, box: 'sealed', trustees: { count: 3, threshold: 2 }, ceremony: { step: 'dealings', waitingFor: [2, 3], failedRounds: 0 } };
    const waiting = (await printed((api, out) => admin.status(api, 'parliament-2026', out), sealed)).text;
    expect(waiting).toContain('box:        sealed: any 2 of its 3 trustees open it together');
    expect(waiting).toContain('ceremony:   at its dealings, waiting for trustee(s) 2, 3; the lock waits for the key');
    const opening = {
      ...sealed,
      ceremony: { step: 'complete', waitingFor: [], failedRounds: 1, lastFailure: { step: 'review', trustee: 2, field: 'complaints', reason: 'upheld against dealer 1' } },
      electionKey: 'ab'.repeat(32),
      opening: { contests: [{ id: 'main', mixes: 2, mixesNeeded: 2, mixers: [1, 3], decryptions: [3], threshold: 2, next: 'decryption' }] },
    };
    const text = (await printed((api, out) => admin.status(api, 'parliament-2026', out), opening)).text;
    expect(text).toContain(`key:        ${'ab'.repeat(32)}`);
    expect(text).toContain('1 round(s) failed, the last as the key ceremony fails at the review of trustee 2: complaints upheld against dealer 1');
    expect(text).toContain('opening:    main: 2 of 2 mixes, decrypted by 1 of 2 trustees; next: a decryption');
  });

  it('retry asks the API to run the workflow again and says which retry it is', async () => {
    const { text, asked } = await printed((api, out) => admin.retry(api, 'parliament-2026', out), { ...election, workflowRetries: 2 });
    expect(asked).toEqual(['POST /elections/parliament-2026/workflow/retry']);
    expect(text).toContain('the workflow runs again (retry 2)');
  });
});
