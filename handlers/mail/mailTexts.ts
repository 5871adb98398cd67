import { METHOD_NAMES, type CountingMethod, type Language } from '../../domain';

/** A referendum's count as its sheet records it, for the mail to say why it passed or not in the voter's language. */
export interface ReferendumCount {
  yes: number;
  no: number;
  abstain: number;
  majority: 'simple' | 'two-thirds';
  quorumVotes?: number;
  passed: boolean;
  /** The count's own words, in English, as the sheet records them. */
  reason: string;
}

/**
 * Every sentence of the mail the system sends, once per language. The messages (messages.ts) put
 * them together the same way in each; a sentence that depends on a number or a name is a function.
 * `when` is a time already put in the election's zone (localTime.ts).
 */
export interface MailTexts {
  credentialSubject: (title: string) => string;
  registered: (title: string) => string;
  windowFromUntil: (opens: string, closes: string) => string;
  windowUntil: (closes: string) => string;
  /** In a credential mailed before the opening (the committee's send time): the link waits for it. */
  beforeOpening: (opens: string) => string;
  voteHere: (link: string) => string;
  yourToken: (token: string) => string;
  tokenOnce: string;
  linkTrouble: (page: string) => string;
  reminderSubject: (title: string) => string;
  notVotedYet: (title: string) => string;
  reminderToken: string;
  confirmationSubject: (title: string) => string;
  ballotRecorded: (title: string) => string;
  receiptNotHere: string;
  notYou: string;
  sealedSecrecy: string;
  openSecrecy: string;
  resultsSubject: (title: string) => string;
  abstentions: (count: number) => string;
  /** A referendum's two sides, as its counts name them (`yes`, `no`). */
  yes: string;
  no: string;
  turnout: (online: number, voters: number) => string;
  turnoutWithPostal: (online: number, postal: number, voters: number) => string;
  /** The postal papers counted in: valid and invalid. */
  postalPapers: (valid: number, invalid: number) => string;
  countedBy: (method: string) => string;
  methodNames: Record<CountingMethod, string>;
  elected: (names: readonly string[]) => string;
  vacantForLists: (seats: number) => string;
  vacantForRon: (seats: number) => string;
  tied: (names: readonly string[]) => string;
  decision: (passed: boolean) => string;
  /** Why it passed or not, from the count's figures. */
  referendumReason: (count: ReferendumCount) => string;
  resultsPage: (url: string) => string;
  countSheets: (url: string, several: boolean) => string;
  breachWarning: (count: number) => string;
  digest: (digest: string) => string;
  headAtSealing: (seq: number, hash: string) => string;
  keepForVoters: (observe: string) => string;
  keepForObservers: string;
  verifyCommand: (head: string, digest: string) => string;
  verifyWhere: (electionId: string) => string;
  rewrittenFails: string;
  sealNoticeSubject: (title: string) => string;
  sealed: (title: string, electionId: string, ballots: number) => string;
  openingNoticeSubject: (title: string) => string;
  closedAndSealed: (title: string, electionId: string, papers: number, digest: string) => string;
  trusteesOpen: (mixes: number, threshold: number, count: number) => string;
  followOpening: (url: string) => string;
  openingCallSubject: (title: string) => string;
  countWaits: (title: string, electionId: string, papers: number, digest: string) => string;
  bringTrustees: (mixes: number, threshold: number, count: number) => string;
  proofsChecked: string;
  whereOpeningStands: (url: string) => string;
  acceptanceNoticeSubject: (title: string) => string;
  acceptanceCallSubject: (title: string) => string;
  acceptanceReminderSubject: (title: string, days: number) => string;
  countedProvisional: (title: string, electionId: string) => string;
  acceptInConsole: (minutes: number, url: string) => string;
  nothingUntilAccepted: string;
  followElection: (url: string) => string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const list = (names: readonly string[], none: string) => (names.length > 0 ? names.join(', ') : none);

const en: MailTexts = {
  credentialSubject: (title) => `Your voting credential: ${title}`,
  registered: (title) => `You are registered to vote in "${title}".`,
  windowFromUntil: (opens, closes) => `You can vote from ${opens} until ${closes}.`,
  windowUntil: (closes) => `You can vote until ${closes}.`,
  beforeOpening: (opens) => `This mail comes before voting opens: keep it. The link and the token below work from ${opens} on; until then the page only says when voting opens.`,
  voteHere: (link) => `Vote here: ${link}`,
  yourToken: (token) => `Your personal voting token: ${token}`,
  tokenOnce: 'It works exactly once. Do not share it: anyone holding it can vote in your place.',
  linkTrouble: (page) =>
    `If the link does not open your ballot, open ${page} and enter the token above. If the token is refused, "Lost your link?" on that page sends your link again to this address; if that does not help either, write to the election committee.`,
  reminderSubject: (title) => `Reminder: you have not voted yet: ${title}`,
  notVotedYet: (title) => `You have not voted yet in "${title}".`,
  reminderToken: 'It is the one from your credential e-mail and works exactly once. Do not share it.',
  confirmationSubject: (title) => `Your ballot was recorded: ${title}`,
  ballotRecorded: (title) => `Your ballot in "${title}" was recorded.`,
  receiptNotHere: 'Your receipt was shown only on the voting page, and is not in this e-mail: nobody who reads your mail can look up your ballot with it.',
  notYou: 'If you did not vote, someone else has your voting link: tell the election committee.',
  sealedSecrecy: "This election is sealed: each ballot is encrypted on the voter's device, and only the election committee, together, can open the ballot box after voting closes.",
  openSecrecy: 'This election is open: its ballots are stored as cast, so they are not secret against whoever runs the servers.',
  resultsSubject: (title) => `Results: ${title}`,
  abstentions: (count) => `Abstentions: ${count}`,
  yes: 'yes',
  no: 'no',
  turnout: (online, voters) => `Turnout: ${online} of ${voters} voters`,
  turnoutWithPostal: (online, postal, voters) => `Turnout: ${online} online and ${postal} by post, of ${voters} voters`,
  postalPapers: (valid, invalid) => `Postal papers counted: ${valid} valid, ${invalid} invalid`,
  countedBy: (method) => `Counted by: ${method}`,
  methodNames: METHOD_NAMES,
  elected: (names) => `Elected: ${list(names, 'nobody')}`,
  vacantForLists: (seats) => `Seats left vacant: ${seats} (lists with more seats than candidates)`,
  vacantForRon: (seats) => `Seats left vacant: ${seats} (won by re-open nominations, RON)`,
  tied: (names) => `Tied for the remaining seat(s), not decided: ${names.join(', ')}`,
  decision: (passed) => `Decision: ${passed ? 'PASSED' : 'NOT PASSED'}`,
  referendumReason: ({ reason }) => reason,
  resultsPage: (url) => `Results and a check of your receipt: ${url}`,
  countSheets: (url, several) => `The count sheet${several ? 's' : ''}, round by round: ${url}`,
  breachWarning: (count) => `WARNING: ${count} security breach(es) were detected while this election was locked. They are recorded in the election log.`,
  digest: (digest) => `Ballot box digest (SHA-256): ${digest}`,
  headAtSealing: (seq, hash) => `Election log head at sealing: event ${seq}, ${hash}`,
  keepForVoters: (observe) =>
    `Keep this e-mail. The observers' view checks the election's published log in your browser, and the values above are what the log must hold: ${observe}. A log rewritten after sealing, even with every hash recomputed, does not match them.`,
  keepForObservers: 'Keep this e-mail. Once the results are published, anyone can check the election log against it:',
  verifyCommand: (head, digest) => `  npm run cli -- audit verify <export> --expect-head ${head} --expect-digest ${digest}`,
  verifyWhere: (electionId) => `where <export> is the audit log of ${electionId} (GET /elections/${electionId}/audit-log), saved or by its URL.`,
  rewrittenFails: 'A log rewritten after sealing, even with every hash recomputed, fails this check.',
  sealNoticeSubject: (title) => `Ballot box sealed: ${title}`,
  sealed: (title, electionId, ballots) => `The ballot box of "${title}" (${electionId}) was sealed with ${plural(ballots, 'ballot', 'ballots')} and counted.`,
  openingNoticeSubject: (title) => `Sealed ballot box waits for the committee: ${title}`,
  closedAndSealed: (title, electionId, papers, digest) =>
    `Voting in "${title}" (${electionId}) has closed. Its sealed ballot box holds ${plural(papers, 'encrypted paper', 'encrypted papers')} (digest ${digest}).`,
  trusteesOpen: (mixes, threshold, count) =>
    `Nobody can read them yet. The trustees now open the box together: ${mixes} of them each shuffle it with a proof, then ${threshold} of the ${count} decrypt it with proofs; each proof is checked as it arrives. The count follows, and with it the values to verify the log against.`,
  followOpening: (url) => `Follow the opening: ${url}`,
  openingCallSubject: (title) => `Open the sealed ballot box: ${title}`,
  countWaits: (title, electionId, papers, digest) =>
    `Voting in "${title}" (${electionId}) has closed, and the count waits for the committee. The sealed ballot box holds ${plural(papers, 'encrypted paper', 'encrypted papers')} (digest ${digest}).`,
  bringTrustees: (mixes, threshold, count) =>
    `Bring the trustees together: ${mixes} of them each shuffle the box, then ${threshold} of the ${count} decrypt it, each on the trustees' page with their key share:`,
  proofsChecked: 'The system checks every proof as it arrives and counts as soon as the last decryption is accepted. Nothing happens until then: the results wait for you.',
  whereOpeningStands: (url) => `Where the opening stands: ${url}`,
  acceptanceNoticeSubject: (title) => `Results counted, provisional until the committee accepts them: ${title}`,
  acceptanceCallSubject: (title) => `Accept the results: ${title}`,
  acceptanceReminderSubject: (title, days) => `Reminder: the results of ${title} have waited ${plural(days, 'day', 'days')} for the committee's acceptance`,
  countedProvisional: (title, electionId) =>
    `The votes of "${title}" (${electionId}) are counted. The results are provisional: they are published and mailed to the voters only once the election committee has accepted them.`,
  acceptInConsole: (minutes, url) =>
    `Two members of the committee accept them in the console, each signed in with their own account: the first proposes the acceptance, the second confirms it within ${minutes} minutes (a committee of one accepts alone): ${url}`,
  nothingUntilAccepted: 'Until then nothing is published and no voter is mailed. You are reminded every day until the results are accepted.',
  followElection: (url) => `Follow the election: ${url}`,
};

const de: MailTexts = {
  credentialSubject: (title) => `Ihre Zugangsdaten zur Wahl: ${title}`,
  registered: (title) => `Sie sind wahlberechtigt: „${title}“.`,
  windowFromUntil: (opens, closes) => `Sie können von ${opens} bis ${closes} wählen.`,
  windowUntil: (closes) => `Sie können bis ${closes} wählen.`,
  beforeOpening: (opens) => `Diese E-Mail kommt vor Beginn der Wahl: Bewahren Sie sie auf. Link und Wahlschlüssel unten gelten ab ${opens}; bis dahin zeigt die Seite nur, wann die Wahl beginnt.`,
  voteHere: (link) => `Hier wählen: ${link}`,
  yourToken: (token) => `Ihr persönlicher Wahlschlüssel: ${token}`,
  tokenOnce: 'Er gilt genau einmal. Geben Sie ihn nicht weiter: Wer ihn hat, kann an Ihrer Stelle wählen.',
  linkTrouble: (page) =>
    `Öffnet der Link Ihren Stimmzettel nicht, rufen Sie ${page} auf und geben Sie dort den Wahlschlüssel oben ein. Wird er abgelehnt, schickt „Link verloren?“ auf dieser Seite Ihren Link noch einmal an diese Adresse; hilft auch das nicht, schreiben Sie dem Wahlausschuss.`,
  reminderSubject: (title) => `Erinnerung: Sie haben noch nicht gewählt: ${title}`,
  notVotedYet: (title) => `Sie haben bei „${title}“ noch nicht gewählt.`,
  reminderToken: 'Er ist derselbe wie in Ihrer ersten E-Mail und gilt genau einmal. Geben Sie ihn nicht weiter.',
  confirmationSubject: (title) => `Ihre Stimme wurde erfasst: ${title}`,
  ballotRecorded: (title) => `Ihre Stimmabgabe bei „${title}“ wurde erfasst.`,
  receiptNotHere: 'Ihre Quittung wurde nur auf der Wahlseite angezeigt und steht nicht in dieser E-Mail: Wer Ihre E-Mails liest, kann damit Ihren Stimmzettel nicht nachschlagen.',
  notYou: 'Falls Sie nicht gewählt haben, hat jemand anderes Ihren Wahllink: Melden Sie das dem Wahlausschuss.',
  sealedSecrecy: 'Diese Wahl ist versiegelt: Jeder Stimmzettel wird auf dem Gerät der wählenden Person verschlüsselt, und nur der Wahlausschuss gemeinsam kann die Urne nach dem Ende der Wahl öffnen.',
  openSecrecy: 'Diese Wahl ist offen: Die Stimmzettel werden so gespeichert, wie sie abgegeben wurden, und sind daher vor den Betreibern der Server nicht geheim.',
  resultsSubject: (title) => `Ergebnis: ${title}`,
  abstentions: (count) => `Enthaltungen: ${count}`,
  yes: 'Ja',
  no: 'Nein',
  turnout: (online, voters) => `Wahlbeteiligung: ${online} von ${voters} Wahlberechtigten`,
  turnoutWithPostal: (online, postal, voters) => `Wahlbeteiligung: ${online} online und ${postal} per Briefwahl, von ${voters} Wahlberechtigten`,
  postalPapers: (valid, invalid) => `Gezählte Briefwahlstimmzettel: ${valid} gültig, ${invalid} ungültig`,
  countedBy: (method) => `Ausgezählt nach: ${method}`,
  methodNames: {
    plurality: 'Mehrheitswahl',
    irv: 'integrierter Stichwahl (IRV)',
    'scottish-stv': 'übertragbarer Einzelstimmgebung, schottische Regeln (SSI 2007/42)',
    'meek-stv': 'übertragbarer Einzelstimmgebung, Verfahren nach Meek',
    schulze: 'Schulze-Methode (winning votes)',
    dhondt: 'D’Hondt',
    'sainte-lague': 'Sainte-Laguë/Schepers',
    'hare-niemeyer': 'Hare/Niemeyer (größte Reste)',
    referendum: 'Abstimmung',
  },
  elected: (names) => `Gewählt: ${list(names, 'niemand')}`,
  vacantForLists: (seats) => `Unbesetzte Sitze: ${seats} (Listen mit mehr Sitzen als Kandidierenden)`,
  vacantForRon: (seats) => `Unbesetzte Sitze: ${seats} (an „Neuausschreibung“ gefallen, RON)`,
  tied: (names) => `Stimmengleichheit um die übrigen Sitze, nicht entschieden: ${names.join(', ')}`,
  decision: (passed) => `Entscheidung: ${passed ? 'ANGENOMMEN' : 'ABGELEHNT'}`,
  referendumReason: ({ yes, no, abstain, majority, quorumVotes }) => {
    const held =
      majority === 'simple'
        ? `${yes} Ja gegen ${no} Nein: ${yes > no ? 'einfache Mehrheit' : 'keine einfache Mehrheit'}`
        : `${yes} Ja von ${yes + no} Ja- und Nein-Stimmen: ${yes > 0 && 3 * yes >= 2 * (yes + no) ? 'Zweidrittelmehrheit' : 'weniger als zwei Drittel'}`;
    const quorum = quorumVotes === undefined ? '' : `; das Quorum von ${quorumVotes} Ja-Stimmen ist ${yes >= quorumVotes ? 'erreicht' : 'nicht erreicht'}`;
    return `${held}${quorum}; ${abstain} ${abstain === 1 ? 'Enthaltung zählt' : 'Enthaltungen zählen'} für keine Seite`;
  },
  resultsPage: (url) => `Ergebnis und Prüfung Ihrer Quittung: ${url}`,
  countSheets: (url, several) => `${several ? 'Die Auszählungsprotokolle' : 'Das Auszählungsprotokoll'}, Runde für Runde: ${url}`,
  breachWarning: (count) => `WARNUNG: Während die Wahl gesperrt war, wurden ${count} Sicherheitsverletzung(en) festgestellt. Sie sind im Wahlprotokoll verzeichnet.`,
  digest: (digest) => `Prüfsumme der Urne (SHA-256): ${digest}`,
  headAtSealing: (seq, hash) => `Stand des Wahlprotokolls bei der Versiegelung: Ereignis ${seq}, ${hash}`,
  keepForVoters: (observe) =>
    `Bewahren Sie diese E-Mail auf. Die Beobachtungsseite prüft das veröffentlichte Protokoll der Wahl in Ihrem Browser, und die Werte oben muss es enthalten: ${observe}. Ein nach der Versiegelung umgeschriebenes Protokoll passt nicht zu ihnen, auch wenn jede Prüfsumme neu berechnet wurde.`,
  keepForObservers: 'Bewahren Sie diese E-Mail auf. Sobald das Ergebnis veröffentlicht ist, kann jede und jeder das Wahlprotokoll damit prüfen:',
  verifyCommand: (head, digest) => `  npm run cli -- audit verify <export> --expect-head ${head} --expect-digest ${digest}`,
  verifyWhere: (electionId) => `wobei <export> das Prüfprotokoll von ${electionId} ist (GET /elections/${electionId}/audit-log), gespeichert oder als URL.`,
  rewrittenFails: 'Ein nach der Versiegelung umgeschriebenes Protokoll besteht diese Prüfung nicht, auch wenn jede Prüfsumme neu berechnet wurde.',
  sealNoticeSubject: (title) => `Urne versiegelt: ${title}`,
  sealed: (title, electionId, ballots) => `Die Urne von „${title}“ (${electionId}) wurde mit ${ballots} Stimmzettel${ballots === 1 ? '' : 'n'} versiegelt und ausgezählt.`,
  openingNoticeSubject: (title) => `Die versiegelte Urne wartet auf den Wahlausschuss: ${title}`,
  closedAndSealed: (title, electionId, papers, digest) =>
    `Die Wahl „${title}“ (${electionId}) ist beendet. Die versiegelte Urne enthält ${papers} verschlüsselte${papers === 1 ? 'n Stimmzettel' : ' Stimmzettel'} (Prüfsumme ${digest}).`,
  trusteesOpen: (mixes, threshold, count) =>
    `Noch kann niemand sie lesen. Die Treuhänderinnen und Treuhänder öffnen die Urne jetzt gemeinsam: ${mixes} von ihnen mischen sie je mit einem Beweis, dann entschlüsseln ${threshold} der ${count} sie mit Beweisen; jeder Beweis wird beim Eingang geprüft. Danach folgen die Auszählung und mit ihr die Werte, gegen die das Protokoll zu prüfen ist.`,
  followOpening: (url) => `Die Öffnung verfolgen: ${url}`,
  openingCallSubject: (title) => `Die versiegelte Urne öffnen: ${title}`,
  countWaits: (title, electionId, papers, digest) =>
    `Die Wahl „${title}“ (${electionId}) ist beendet, und die Auszählung wartet auf den Wahlausschuss. Die versiegelte Urne enthält ${papers} verschlüsselte${papers === 1 ? 'n Stimmzettel' : ' Stimmzettel'} (Prüfsumme ${digest}).`,
  bringTrustees: (mixes, threshold, count) =>
    `Rufen Sie die Treuhänderinnen und Treuhänder zusammen: ${mixes} von ihnen mischen die Urne, dann entschlüsseln ${threshold} der ${count} sie, jede und jeder auf der Treuhandseite mit dem eigenen Schlüsselanteil:`,
  proofsChecked: 'Das System prüft jeden Beweis beim Eingang und zählt aus, sobald die letzte Entschlüsselung angenommen ist. Bis dahin geschieht nichts: Das Ergebnis wartet auf Sie.',
  whereOpeningStands: (url) => `Wo die Öffnung steht: ${url}`,
  acceptanceNoticeSubject: (title) => `Ergebnis ausgezählt, vorläufig bis zur Annahme durch den Wahlausschuss: ${title}`,
  acceptanceCallSubject: (title) => `Das Ergebnis annehmen: ${title}`,
  acceptanceReminderSubject: (title, days) => `Erinnerung: Das Ergebnis von ${title} wartet seit ${days} Tag${days === 1 ? '' : 'en'} auf die Annahme durch den Wahlausschuss`,
  countedProvisional: (title, electionId) =>
    `Die Stimmen der Wahl „${title}“ (${electionId}) sind ausgezählt. Das Ergebnis ist vorläufig: Es wird erst veröffentlicht und den Wählerinnen und Wählern zugeschickt, wenn der Wahlausschuss es angenommen hat.`,
  acceptInConsole: (minutes, url) =>
    `Zwei Mitglieder des Wahlausschusses nehmen es in der Konsole an, jedes mit dem eigenen Konto angemeldet: Das erste schlägt die Annahme vor, das zweite bestätigt sie binnen ${minutes} Minuten (ein Ausschuss aus einem Mitglied nimmt allein an): ${url}`,
  nothingUntilAccepted: 'Bis dahin wird nichts veröffentlicht und keine Wählerin und kein Wähler angeschrieben. Sie werden täglich erinnert, bis das Ergebnis angenommen ist.',
  followElection: (url) => `Die Wahl verfolgen: ${url}`,
};

export const MAIL_TEXTS: Record<Language, MailTexts> = { de, en };
