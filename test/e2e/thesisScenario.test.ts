import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailbox, spawnLocalStack, waitForMail, type LocalStackProcess } from '../support/localStackProcess';
import { waitFor } from '../support/waitFor';

/**
 * The 2019 thesis's own test run (docs/commands-2019.md), unchanged, over HTTP against the local stack
 * as `npm start -- --rehearsal` runs it: tokens come from the e-mails in the local mailbox, and the
 * deadline comes when the test moves the stack's clock past it, not while a loaded machine is still
 * casting.
 */
const ADMIN = 'thesis-admin-token-4f9a2c7e1b';
const FIRST = 'Marvelous Comrade';
const SECOND = 'Also Marvelous Comrade';
const voters = [1, 2, 3].map((id) => ({ student_id: id, student_email: `student${id}@haw.test` }));

describe('the thesis scenario through POST /commands', () => {
  let stack: LocalStackProcess;
  const send = async (body: Record<string, unknown>) => {
    const response = await fetch(`${stack.apiUrl}/commands`, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    stack = await spawnLocalStack({ ADMIN_TOKEN: ADMIN, GRACE_SECONDS: '1' }, ['--rehearsal']);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('passes every step with the thesis status codes and mails the results 2 and 1', async () => {
    const candidates = [FIRST, SECOND].map((name, i) => ({
      candidate_full_name: name,
      candidate_email: `candidate${i}@haw.test`,
      candidate_page_link: `https://haw.test/candidates/${i}`,
    }));
    expect((await send({ command: 'add_voters', administrator_token: 'wrong', voters_to_add: voters })).status).toBe(403);
    expect((await send({ command: 'add_candidates', administrator_token: 'wrong', candidates_to_add: candidates })).status).toBe(403);
    expect((await send({ command: 'add_voters', administrator_token: ADMIN, voters_to_add: voters })).status).toBe(200);
    expect((await send({ command: 'add_candidates', administrator_token: ADMIN, candidates_to_add: candidates })).status).toBe(200);
    const deadline = new Date((await stack.rehearsalClock()).getTime() + 3_600_000);
    expect((await send({ command: 'set_deadline', administrator_token: ADMIN, deadline: deadline.toISOString() })).status).toBe(200);

    const mails = await waitForMail(stack.mailboxUrl, (m) => m.subject.startsWith('Your voting credential'), voters.length);
    const tokenOf = (id: number) => {
      const mail = mails.find((m) => m.destination.to.includes(`student${id}@haw.test`));
      const token = mail?.body.text?.match(/token: (\S+)/)?.[1];
      if (!token) throw new Error(`no credential mail for student ${id}`);
      return token;
    };
    const vote = (id: number, candidate: string) => send({ command: 'cast_vote', voter_token: tokenOf(id), voter_id: id, candidate_full_name: candidate });

    expect((await vote(1, FIRST)).status).toBe(403); // before start
    expect((await send({ command: 'get_candidates' })).status).toBe(403);
    expect((await send({ command: 'lock', administrator_token: ADMIN })).status).toBe(200);
    expect((await send({ command: 'lock', administrator_token: ADMIN })).status).toBe(403);
    expect((await send({ command: 'start', administrator_token: ADMIN })).status).toBe(200);
    expect((await send({ command: 'start', administrator_token: ADMIN })).status).toBe(403);

    const listed = await send({ command: 'get_candidates' });
    expect(listed.status).toBe(200);
    expect(listed.body.candidates.map((c: { candidate_full_name: string }) => c.candidate_full_name)).toEqual([FIRST, SECOND]);

    expect((await vote(1, FIRST)).status).toBe(200);
    expect((await vote(2, FIRST)).status).toBe(200);
    expect((await vote(3, SECOND)).status).toBe(200);
    expect((await vote(1, SECOND)).status).toBe(403); // a second vote
    expect((await vote(2, 'Nobody')).status).toBe(403);
    expect((await send({ command: 'add_voters', administrator_token: ADMIN, voters_to_add: [{ student_id: 4, student_email: 'student4@haw.test' }] })).status).toBe(403);
    expect((await send({ command: 'add_candidates', administrator_token: ADMIN, candidates_to_add: candidates.slice(0, 1) })).status).toBe(403);

    // After the deadline every voter receives the results, and the system unlocks itself.
    await stack.rehearsalClock(deadline);
    const results = await waitFor(
      async () => {
        const all = (await mailbox(stack.mailboxUrl)).filter((m) => m.subject.startsWith('Results'));
        return all.length >= 3 ? all : undefined;
      },
      { timeoutMs: 40_000 },
    );
    for (const { student_email } of voters) {
      const mail = results.find((m) => m.destination.to.includes(student_email));
      expect(mail?.body.text).toContain(`${FIRST}: 2\n${SECOND}: 1`);
    }
    const state = await waitFor(
      async () => {
        const body = (await (await fetch(`${stack.apiUrl}/elections/default`)).json()) as { phase: string; locked: boolean };
        return body.phase === 'published' ? body : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(state.locked).toBe(false);
    const { events } = (await (await fetch(`${stack.apiUrl}/elections/default/events?after=0`)).json()) as { events: { type: string; data: { at: string } }[] };
    expect(Date.parse(events.find((e) => e.type === 'VotingClosed')!.data.at)).toBeGreaterThanOrEqual(deadline.getTime());
  });

  it('stops every child process on SIGTERM', async () => {
    expect(await stack.stop()).toBe(0);
    await expect(fetch(`http://127.0.0.1:${stack.dynamoDbPort}`)).rejects.toThrow();
  });
});
