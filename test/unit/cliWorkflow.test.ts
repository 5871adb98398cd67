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
        if (path.endsWith('/mail')) return { counts: { pending: 0, sending: 0, sent: 3, delivered: 0, undelivered: 0, bounced: 0, complained: 0, postal: 0 }, problems: [] };
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

  it('retry asks the API to run the workflow again and says which retry it is', async () => {
    const { text, asked } = await printed((api, out) => admin.retry(api, 'parliament-2026', out), { ...election, workflowRetries: 2 });
    expect(asked).toEqual(['POST /elections/parliament-2026/workflow/retry']);
    expect(text).toContain('the workflow runs again (retry 2)');
  });
});
