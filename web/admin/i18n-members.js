// @ts-check
/** The committee's member list's words, in English and German. */

const en = {
  membersButton: 'Members',
  membersTitle: 'Committee members',
  membersIntro:
    'Each member signs in with their own account; the election log records who did what. A committee member may do everything; the help desk may resend and re-issue links and correct addresses; an observer only reads. Locking and starting an election need two committee members when the committee has two or more.',
  membersCaption: 'Members of the election committee',
  colName: 'Name',
  colEmail: 'E-mail',
  colRole: 'Role',
  colActions: 'Change',
  roleLabel: (/** @type {string} */ name) => `Role of ${name}`,
  roleNames: { committee: 'Committee', helpdesk: 'Help desk', observer: 'Observer' },
  saveRole: 'Save role',
  remove: 'Remove…',
  confirmRemove: (/** @type {string} */ name) => `Remove ${name}? Their sessions and tokens stop working within a minute, and the elections not yet published record the removal.`,
  removeNow: 'Remove',
  inviteHeading: 'Invite a member',
  inviteName: 'Name (as the log will show it)',
  inviteEmail: 'E-mail address',
  inviteRole: 'Role',
  inviteButton: 'Invite',
  inviteHint: 'The invitation with a temporary password goes to this address; the member chooses a password and sets up an authenticator app at the first sign-in.',
  invited: (/** @type {string} */ name) => `${name} is invited.`,
  roleSaved: (/** @type {string} */ name, /** @type {string} */ role) => `${name} is now ${role}.`,
  removed: (/** @type {string} */ name) => `${name} is removed.`,
  electionsNote: (/** @type {number} */ recorded, /** @type {number} */ refused) =>
    refused === 0 ? `Recorded in ${recorded} election${recorded === 1 ? '' : 's'}.` : `Recorded in ${recorded} election${recorded === 1 ? '' : 's'}; ${refused} refused it:`,
  noMembers: 'No member has an account yet.',
  back: 'Back to the elections',
};

/** @type {typeof en} */
const de = {
  membersButton: 'Mitglieder',
  membersTitle: 'Mitglieder des Wahlausschusses',
  membersIntro:
    'Jedes Mitglied meldet sich mit seinem eigenen Konto an; das Protokoll der Wahl hält fest, wer was getan hat. Ein Mitglied des Wahlausschusses darf alles; der Helpdesk darf Links erneut senden und neu ausstellen und Adressen berichtigen; die Beobachtung liest nur. Sperren und Starten einer Wahl brauchen zwei Mitglieder des Wahlausschusses, sobald er zwei oder mehr hat.',
  membersCaption: 'Mitglieder des Wahlausschusses',
  colName: 'Name',
  colEmail: 'E-Mail',
  colRole: 'Rolle',
  colActions: 'Ändern',
  roleLabel: (/** @type {string} */ name) => `Rolle von ${name}`,
  roleNames: { committee: 'Wahlausschuss', helpdesk: 'Helpdesk', observer: 'Beobachtung' },
  saveRole: 'Rolle speichern',
  remove: 'Entfernen…',
  confirmRemove: (/** @type {string} */ name) =>
    `${name} entfernen? Sitzungen und Tokens hören binnen einer Minute auf zu wirken, und die noch nicht veröffentlichten Wahlen halten die Entfernung fest.`,
  removeNow: 'Entfernen',
  inviteHeading: 'Mitglied einladen',
  inviteName: 'Name (wie ihn das Protokoll zeigt)',
  inviteEmail: 'E-Mail-Adresse',
  inviteRole: 'Rolle',
  inviteButton: 'Einladen',
  inviteHint: 'Die Einladung mit einem vorläufigen Passwort geht an diese Adresse; bei der ersten Anmeldung wählt das Mitglied ein Passwort und richtet eine Authenticator-App ein.',
  invited: (/** @type {string} */ name) => `${name} ist eingeladen.`,
  roleSaved: (/** @type {string} */ name, /** @type {string} */ role) => `${name} hat jetzt die Rolle ${role}.`,
  removed: (/** @type {string} */ name) => `${name} ist entfernt.`,
  electionsNote: (/** @type {number} */ recorded, /** @type {number} */ refused) =>
    refused === 0 ? `In ${recorded} ${recorded === 1 ? 'Wahl' : 'Wahlen'} festgehalten.` : `In ${recorded} ${recorded === 1 ? 'Wahl' : 'Wahlen'} festgehalten; ${refused} lehnten es ab:`,
  noMembers: 'Noch hat kein Mitglied ein Konto.',
  back: 'Zurück zu den Wahlen',
};

export const MEMBERS_MESSAGES = { en, de };
