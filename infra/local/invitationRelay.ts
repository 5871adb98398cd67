import type { MailMessage } from '../../handlers/ports';

/** An invitation as cognito-local prints it: the address and the temporary password. */
export interface LocalInvitation {
  to: string;
  temporaryPassword: string;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * cognito-local sends no mail: it prints each invitation in a box on its output ("Confirmation
 * Code Delivery", the destination and the temporary password). This reads the boxes back, line by
 * line, into the invitations Cognito would mail, so that the local stack can put each in its
 * mailbox.
 */
export function invitationRelay(deliver: (invitation: LocalInvitation) => void): (line: string) => void {
  let box: string[] | undefined;
  const field = (lines: string[], name: string) => lines.map((line) => new RegExp(`${name}:\\s+(\\S+)`).exec(line)?.[1]).find((value) => value !== undefined);
  return (raw) => {
    const line = raw.replace(ANSI, '');
    if (line.includes('Confirmation Code Delivery')) box = [];
    else if (box && line.includes('╰')) {
      const [to, temporaryPassword] = [field(box, 'Destination'), field(box, 'Code')];
      box = undefined;
      if (to && temporaryPassword) deliver({ to, temporaryPassword });
    } else box?.push(line);
  };
}

/** The invitation mail, in German and English, as the local stand-in for Cognito's. */
export function invitationMail({ to, temporaryPassword }: LocalInvitation, consoleUrl: string): MailMessage {
  return {
    to,
    subject: 'Einladung in den Wahlausschuss / Invitation to the election committee',
    text: [
      'Sie sind als Mitglied des Wahlausschusses eingeladen.',
      `Melden Sie sich in der Konsole an: ${consoleUrl}, „Weiter mit Ihrem Konto“, mit dieser Adresse (${to}) und dem vorläufigen Passwort ${temporaryPassword}.`,
      '',
      'You are invited as a member of the election committee.',
      `Sign in to the console at ${consoleUrl}, "Continue with your account", with this address (${to}) and the temporary password ${temporaryPassword}.`,
      '',
      '(Local stack: on AWS, Cognito sends this invitation, and the first sign-in asks for a new password and an authenticator app.)',
    ].join('\n'),
  };
}
