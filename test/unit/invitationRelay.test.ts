import { describe, expect, it } from 'vitest';
import { invitationMail, invitationRelay, type LocalInvitation } from '../../infra/local/invitationRelay';

/** cognito-local's output when a member is invited, as its child process writes it (colours and all). */
const OUTPUT = [
  '[1796612098372] \u001b[32mINFO\u001b[39m: \u001b[36mNONE NONE Cognito Local running on http://127.0.0.1:9339\u001b[39m',
  '[1796612098536] \u001b[32mINFO\u001b[39m: \u001b[36mfa16599b AdminCreateUser ╭───────────────────────────────────────────────────────╮',
  '│                                                       │',
  '│   Confirmation Code Delivery                          │',
  '│                                                       │',
  '│   Username:    af05209a-4d68-4b26-922f-8a10761dac2e   │',
  '│   Destination: x@uni.test                             │',
  '│   Code:        225kgv                                 │',
  '│                                                       │',
  '╰───────────────────────────────────────────────────────╯\u001b[39m \u001b[90m{"reqId":"fa16599b","target":"AdminCreateUser"}\u001b[39m',
];

describe('the local invitations', () => {
  it('reads each invitation back from cognito-local’s output: the address and the temporary password, once', () => {
    const delivered: LocalInvitation[] = [];
    const relay = invitationRelay((invitation) => delivered.push(invitation));
    for (const line of [...OUTPUT, 'INFO: something else', ...OUTPUT.slice(1).map((l) => l.replace('x@uni.test', 'y@uni.test').replace('225kgv', 'q9zz01'))]) relay(line);
    expect(delivered).toEqual([
      { to: 'x@uni.test', temporaryPassword: '225kgv' },
      { to: 'y@uni.test', temporaryPassword: 'q9zz01' },
    ]);
  });

  it('delivers nothing for a box without an address or a code', () => {
    const delivered: LocalInvitation[] = [];
    const relay = invitationRelay((invitation) => delivered.push(invitation));
    for (const line of OUTPUT.filter((l) => !l.includes('Code:'))) relay(line);
    expect(delivered).toEqual([]);
  });

  it('mails the invitation in German and English, with where and how to sign in', () => {
    const mail = invitationMail({ to: 'x@uni.test', temporaryPassword: '225kgv' }, 'http://127.0.0.1:3000/admin');
    expect(mail.to).toBe('x@uni.test');
    expect(mail.text).toContain('Melden Sie sich in der Konsole an: http://127.0.0.1:3000/admin');
    expect(mail.text).toContain('with this address (x@uni.test) and the temporary password 225kgv');
  });
});
