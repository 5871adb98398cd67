// @ts-check
/** The page's words in English and German. Every visible or announced string comes from here. */

/** @typedef {'en' | 'de'} Lang */

export const LANGS = /** @type {const} */ (['en', 'de']);

/** @type {Record<Lang, string>} */
export const LANG_NAMES = { en: 'English', de: 'Deutsch' };

const en = {
  pageTitle: 'Vote',
  brand: 'Student election',
  switchTo: 'Deutsch',
  loading: 'Loading the election…',
  compromised: 'Warning: a security breach was detected while this election was locked. The observers have been told; it is recorded in the election log.',
  windowOpensCloses: (/** @type {string} */ opens, /** @type {string} */ closes) => `Voting from ${opens} until ${closes}.`,
  windowCloses: (/** @type {string} */ closes) => `Voting until ${closes}.`,
  windowClosed: (/** @type {string} */ closed) => `Voting closed on ${closed}.`,
  invalidLinkTitle: 'This voting link does not work',
  invalidLinkMissing: 'The link is incomplete. Open the link from your credential e-mail again; if your e-mail program split it over two lines, copy the whole link into the address bar.',
  invalidLinkElection: 'There is no election with the id given in this link.',
  invalidToken: 'This voting token is not valid for this election. Check that you opened the link from the latest credential e-mail for this election.',
  tokenLabel: 'Your personal voting token (from your credential e-mail)',
  tokenHint: 'The token was removed from the address bar when the page loaded, so it stays out of your browser history. Paste it here to continue.',
  tokenInvalidFormat: 'A voting token is at least 16 letters, digits, dashes or underscores.',
  continue: 'Continue',
  newLinkTitle: 'Lost your link?',
  newLinkLabel: 'Your e-mail address',
  newLinkHint: 'Enter the address your credential e-mail was meant for, and a new voting link is sent there. Any earlier link then stops working.',
  newLinkButton: 'Send me a new link',
  newLinkSending: 'Sending your request…',
  newLinkAccepted: 'If you are on the roll and have not voted, a new link is on its way to that address. The old link no longer works.',
  newLinkInvalidEmail: 'Enter your whole e-mail address, like name@example.org.',
  newLinkEnded: 'Voting has ended, so no new link can be sent.',
  newLinkBusy: 'The election server is busy. Try again in a few minutes.',
  notOpenTitle: 'Voting has not started yet',
  notOpenBody: 'You can vote once the election opens. Keep your e-mail: the same link will work then.',
  opensAt: (/** @type {string} */ at) => `Voting opens on ${at}.`,
  checkAgain: 'Check again',
  closedTitle: 'Voting has closed',
  closedBody: 'The ballots are being counted; the results will be published here and by e-mail.',
  ballotTitle: 'Your ballot',
  chooseOne: 'Choose one candidate, or abstain.',
  chooseUpTo: (/** @type {number} */ k) => `Choose up to ${k} candidates, or abstain.`,
  abstain: 'Abstain (blank ballot)',
  candidatePage: (/** @type {string} */ name) => `About ${name}`,
  opensNewTab: '(opens in a new tab)',
  review: 'Review my ballot',
  errorNothingChosen: 'Choose a candidate, or choose to abstain.',
  errorTooMany: (/** @type {number} */ k, /** @type {number} */ n) => `You chose ${n} candidates; at most ${k} are allowed.`,
  errorAbstainAndChoice: 'You chose to abstain and chose candidates. Choose one or the other.',
  confirmTitle: 'Check your ballot',
  confirmChoices: 'You vote for:',
  confirmAbstain: 'You abstain: your ballot is blank.',
  confirmFinal: 'Once cast, your ballot cannot be changed or withdrawn.',
  castBallot: 'Cast my ballot',
  changeBallot: 'Change my ballot',
  casting: 'Casting your ballot…',
  receiptTitle: 'Your ballot was recorded',
  receiptBody: 'This is your receipt. Once the results are published, enter it below them to check that your ballot is in the sealed ballot box and what it counts for. Anyone you show it to can look that up too: keep it to yourself.',
  receiptNotEmailed: 'Your receipt is not e-mailed to you and cannot be shown again: copy it or download it now.',
  receiptLabel: 'Receipt',
  copy: 'Copy receipt',
  copied: 'Receipt copied.',
  copyFailed: 'Copying is not possible here; select the receipt and copy it yourself.',
  download: 'Download receipt',
  downloaded: (/** @type {string} */ name) => `Receipt saved as ${name}.`,
  receiptFileName: (/** @type {string} */ electionId) => `receipt-${electionId}.txt`,
  receiptFile: (/** @type {string} */ title, /** @type {string} */ electionId, /** @type {string} */ receipt, /** @type {string} */ checkLink) => [
    `Receipt for your ballot in "${title}" (election ${electionId})`,
    '',
    `Receipt: ${receipt}`,
    '',
    `Once the results are published, open ${checkLink} and enter the receipt under "Check your receipt":`,
    'it shows that your ballot is in the sealed ballot box and what it counts for.',
    '',
    'This receipt was not e-mailed to you and cannot be recovered. Keep this file private:',
    'whoever holds the receipt can look up what your ballot counts for.',
    '',
  ].join('\n'),
  alreadyVotedTitle: 'A ballot was already cast with this link',
  alreadyVotedBody: 'Each voting link works exactly once. The receipt for that ballot was shown only on the page where it was cast, and cannot be shown again.',
  alreadyVotedAfterRetry: 'Your earlier attempt most likely went through before the connection failed: if so, you have a confirmation e-mail for it, and it counts. Its receipt was lost with the connection and cannot be shown again.',
  alreadyVotedNotYou: 'If you did not vote, someone else has your link: tell the election committee.',
  networkTitle: 'Your ballot could not be sent',
  networkBody: 'The connection to the election server failed, so we do not know whether your ballot arrived. Retrying is safe: your link can be used only once, so your ballot can never be counted twice.',
  busyBody: 'The election server is busy. Retrying is safe: your ballot can never be counted twice.',
  inProgressBody: 'A ballot with this link is being recorded right now, perhaps from another tab. Wait a moment, then retry.',
  retry: 'Retry',
  loadFailedTitle: 'The election could not be loaded',
  loadFailedBody: 'The connection to the election server failed. Check your connection and try again.',
  unexpected: (/** @type {string} */ message) => `The server refused the request: ${message}`,
  resultsTitle: 'Results',
  resultsCaption: 'Votes per candidate',
  candidateColumn: 'Candidate',
  votesColumn: 'Votes',
  abstentions: 'Abstentions',
  turnout: (/** @type {number} */ voted, /** @type {number} */ registered, /** @type {string} */ percent) => `Turnout: ${voted} of ${registered} voters (${percent}).`,
  elected: (/** @type {string} */ names) => `Elected: ${names}.`,
  electedNobody: 'Nobody was elected.',
  tied: (/** @type {string} */ names) => `Tied for the remaining seat(s), not decided by the system: ${names}.`,
  digestLabel: 'Ballot box digest (SHA-256)',
  digestHelp: 'The same digest is in your results e-mail and in the audit log: if they match, everyone saw the same ballot box.',
  receiptCheckTitle: 'Check your receipt',
  receiptCheckLabel: 'Receipt',
  receiptCheckButton: 'Check',
  receiptInvalidFormat: 'A receipt is 22 letters, digits, dashes or underscores.',
  receiptFound: 'Your ballot is in the sealed ballot box.',
  receiptFoundChoices: (/** @type {string} */ names) => `It counts for: ${names}.`,
  receiptFoundAbstain: 'It is a blank ballot (abstention).',
  receiptFoundBallotId: 'In the published audit log it is ballot',
  receiptNotFound: 'No ballot with this receipt is in the ballot box. Check the receipt for typos; if it is right, tell the election committee and the observers.',
  resultsNotYet: 'Results are published after the count.',
};

/** @type {typeof en} */
const de = {
  pageTitle: 'Wählen',
  brand: 'Hochschulwahl',
  switchTo: 'English',
  loading: 'Die Wahl wird geladen…',
  compromised: 'Warnung: Während diese Wahl gesperrt war, wurde ein Sicherheitsvorfall erkannt. Die Wahlbeobachter wurden informiert; er ist im Wahlprotokoll verzeichnet.',
  windowOpensCloses: (opens, closes) => `Wahlzeit: ${opens} bis ${closes}.`,
  windowCloses: (closes) => `Wählen bis ${closes}.`,
  windowClosed: (closed) => `Die Wahl endete am ${closed}.`,
  invalidLinkTitle: 'Dieser Wahllink funktioniert nicht',
  invalidLinkMissing: 'Der Link ist unvollständig. Öffnen Sie den Link aus Ihrer Zugangs-E-Mail erneut; falls Ihr E-Mail-Programm ihn auf zwei Zeilen verteilt hat, kopieren Sie den ganzen Link in die Adressleiste.',
  invalidLinkElection: 'Zu der Kennung in diesem Link gibt es keine Wahl.',
  invalidToken: 'Dieser Wahlschlüssel gilt nicht für diese Wahl. Prüfen Sie, ob Sie den Link aus der neuesten Zugangs-E-Mail zu dieser Wahl geöffnet haben.',
  tokenLabel: 'Ihr persönlicher Wahlschlüssel (aus Ihrer Zugangs-E-Mail)',
  tokenHint: 'Der Schlüssel wurde beim Laden aus der Adressleiste entfernt, damit er nicht im Browserverlauf bleibt. Fügen Sie ihn hier ein, um fortzufahren.',
  tokenInvalidFormat: 'Ein Wahlschlüssel besteht aus mindestens 16 Buchstaben, Ziffern, Binde- oder Unterstrichen.',
  continue: 'Weiter',
  newLinkTitle: 'Link verloren?',
  newLinkLabel: 'Ihre E-Mail-Adresse',
  newLinkHint: 'Geben Sie die Adresse ein, an die Ihre Zugangs-E-Mail gehen sollte; dorthin wird ein neuer Wahllink geschickt. Jeder frühere Link funktioniert dann nicht mehr.',
  newLinkButton: 'Neuen Link schicken',
  newLinkSending: 'Ihre Anfrage wird gesendet…',
  newLinkAccepted: 'Wenn Sie im Wählerverzeichnis stehen und noch nicht gewählt haben, ist ein neuer Link an diese Adresse unterwegs. Der alte Link funktioniert nicht mehr.',
  newLinkInvalidEmail: 'Geben Sie Ihre vollständige E-Mail-Adresse ein, etwa name@example.org.',
  newLinkEnded: 'Die Wahl ist beendet, daher kann kein neuer Link mehr geschickt werden.',
  newLinkBusy: 'Der Wahlserver ist ausgelastet. Versuchen Sie es in ein paar Minuten erneut.',
  notOpenTitle: 'Die Wahl hat noch nicht begonnen',
  notOpenBody: 'Sie können wählen, sobald die Wahl geöffnet ist. Bewahren Sie die E-Mail auf: Derselbe Link funktioniert dann.',
  opensAt: (at) => `Die Wahl beginnt am ${at}.`,
  checkAgain: 'Erneut prüfen',
  closedTitle: 'Die Wahl ist beendet',
  closedBody: 'Die Stimmen werden ausgezählt; das Ergebnis wird hier und per E-Mail veröffentlicht.',
  ballotTitle: 'Ihr Stimmzettel',
  chooseOne: 'Wählen Sie eine Kandidatin oder einen Kandidaten, oder enthalten Sie sich.',
  chooseUpTo: (k) => `Wählen Sie bis zu ${k} Kandidierende, oder enthalten Sie sich.`,
  abstain: 'Enthaltung (leerer Stimmzettel)',
  candidatePage: (name) => `Über ${name}`,
  opensNewTab: '(öffnet in einem neuen Tab)',
  review: 'Stimmzettel prüfen',
  errorNothingChosen: 'Wählen Sie eine Kandidatin oder einen Kandidaten, oder wählen Sie Enthaltung.',
  errorTooMany: (k, n) => `Sie haben ${n} Kandidierende gewählt; höchstens ${k} sind erlaubt.`,
  errorAbstainAndChoice: 'Sie haben Enthaltung und Kandidierende gewählt. Wählen Sie das eine oder das andere.',
  confirmTitle: 'Prüfen Sie Ihren Stimmzettel',
  confirmChoices: 'Sie stimmen für:',
  confirmAbstain: 'Sie enthalten sich: Ihr Stimmzettel ist leer.',
  confirmFinal: 'Nach der Abgabe kann Ihre Stimme nicht mehr geändert oder zurückgezogen werden.',
  castBallot: 'Stimme abgeben',
  changeBallot: 'Stimmzettel ändern',
  casting: 'Ihre Stimme wird abgegeben…',
  receiptTitle: 'Ihre Stimme wurde gespeichert',
  receiptBody: 'Dies ist Ihre Quittung. Sobald das Ergebnis veröffentlicht ist, können Sie damit darunter prüfen, ob Ihr Stimmzettel in der versiegelten Urne liegt und wofür er zählt. Wem Sie sie zeigen, kann das ebenso nachsehen: Behalten Sie sie für sich.',
  receiptNotEmailed: 'Ihre Quittung wird Ihnen nicht per E-Mail geschickt und kann nicht noch einmal angezeigt werden: Kopieren oder speichern Sie sie jetzt.',
  receiptLabel: 'Quittung',
  copy: 'Quittung kopieren',
  copied: 'Quittung kopiert.',
  copyFailed: 'Kopieren ist hier nicht möglich; markieren und kopieren Sie die Quittung selbst.',
  download: 'Quittung speichern',
  downloaded: (name) => `Quittung als ${name} gespeichert.`,
  receiptFileName: (electionId) => `quittung-${electionId}.txt`,
  receiptFile: (title, electionId, receipt, checkLink) => [
    `Quittung für Ihren Stimmzettel in „${title}“ (Wahl ${electionId})`,
    '',
    `Quittung: ${receipt}`,
    '',
    `Sobald das Ergebnis veröffentlicht ist, öffnen Sie ${checkLink} und geben die Quittung unter „Quittung prüfen“ ein:`,
    'Sie sehen dann, dass Ihr Stimmzettel in der versiegelten Urne liegt und wofür er zählt.',
    '',
    'Diese Quittung wurde Ihnen nicht per E-Mail geschickt und lässt sich nicht wiederherstellen. Halten Sie diese Datei privat:',
    'Wer die Quittung hat, kann nachsehen, wofür Ihr Stimmzettel zählt.',
    '',
  ].join('\n'),
  alreadyVotedTitle: 'Mit diesem Link wurde bereits gewählt',
  alreadyVotedBody: 'Jeder Wahllink funktioniert genau einmal. Die Quittung zu diesem Stimmzettel wurde nur auf der Seite angezeigt, auf der er abgegeben wurde, und kann nicht noch einmal angezeigt werden.',
  alreadyVotedAfterRetry: 'Ihr vorheriger Versuch ist sehr wahrscheinlich angekommen, bevor die Verbindung abbrach: Dann haben Sie dazu eine Bestätigungs-E-Mail, und er zählt. Seine Quittung ging mit der Verbindung verloren und kann nicht noch einmal angezeigt werden.',
  alreadyVotedNotYou: 'Falls Sie nicht gewählt haben, hat jemand anderes Ihren Link: Informieren Sie den Wahlausschuss.',
  networkTitle: 'Ihre Stimme konnte nicht gesendet werden',
  networkBody: 'Die Verbindung zum Wahlserver ist abgebrochen, daher wissen wir nicht, ob Ihre Stimme angekommen ist. Ein erneuter Versuch ist sicher: Ihr Link gilt nur einmal, Ihre Stimme kann nie doppelt zählen.',
  busyBody: 'Der Wahlserver ist ausgelastet. Ein erneuter Versuch ist sicher: Ihre Stimme kann nie doppelt zählen.',
  inProgressBody: 'Eine Stimme mit diesem Link wird gerade gespeichert, vielleicht aus einem anderen Tab. Warten Sie kurz und versuchen Sie es dann erneut.',
  retry: 'Erneut versuchen',
  loadFailedTitle: 'Die Wahl konnte nicht geladen werden',
  loadFailedBody: 'Die Verbindung zum Wahlserver ist fehlgeschlagen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  unexpected: (message) => `Der Server hat die Anfrage abgelehnt: ${message}`,
  resultsTitle: 'Ergebnis',
  resultsCaption: 'Stimmen je Kandidat/in',
  candidateColumn: 'Kandidat/in',
  votesColumn: 'Stimmen',
  abstentions: 'Enthaltungen',
  turnout: (voted, registered, percent) => `Wahlbeteiligung: ${voted} von ${registered} Wahlberechtigten (${percent}).`,
  elected: (names) => `Gewählt: ${names}.`,
  electedNobody: 'Niemand wurde gewählt.',
  tied: (names) => `Stimmengleichheit um die übrigen Sitze, vom System nicht entschieden: ${names}.`,
  digestLabel: 'Prüfsumme der Urne (SHA-256)',
  digestHelp: 'Dieselbe Prüfsumme steht in Ihrer Ergebnis-E-Mail und im Prüfprotokoll: Stimmen sie überein, haben alle dieselbe Urne gesehen.',
  receiptCheckTitle: 'Quittung prüfen',
  receiptCheckLabel: 'Quittung',
  receiptCheckButton: 'Prüfen',
  receiptInvalidFormat: 'Eine Quittung besteht aus 22 Buchstaben, Ziffern, Binde- oder Unterstrichen.',
  receiptFound: 'Ihr Stimmzettel liegt in der versiegelten Urne.',
  receiptFoundChoices: (names) => `Er zählt für: ${names}.`,
  receiptFoundAbstain: 'Es ist ein leerer Stimmzettel (Enthaltung).',
  receiptFoundBallotId: 'Im veröffentlichten Prüfprotokoll ist es der Stimmzettel',
  receiptNotFound: 'Kein Stimmzettel mit dieser Quittung liegt in der Urne. Prüfen Sie die Quittung auf Tippfehler; stimmt sie, informieren Sie den Wahlausschuss und die Wahlbeobachter.',
  resultsNotYet: 'Das Ergebnis wird nach der Auszählung veröffentlicht.',
};

/** @typedef {typeof en} Messages */

/** @type {Record<Lang, Messages>} */
export const MESSAGES = { en, de };

/**
 * The saved choice if any, else the first of the browser's languages we speak, else English.
 * @param {readonly string[]} browserLanguages
 * @param {string | null} saved
 * @returns {Lang}
 */
export function pickLanguage(browserLanguages, saved) {
  const known = (/** @type {string | null | undefined} */ tag) => LANGS.find((lang) => tag?.toLowerCase().split('-')[0] === lang);
  return known(saved) ?? browserLanguages.map(known).find(Boolean) ?? 'en';
}

/**
 * A moment in the voter's own time zone, named, so nobody misses the deadline by an hour.
 * @param {Lang} lang
 * @param {string} iso
 */
export function formatTime(lang, iso) {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/**
 * @param {Lang} lang
 * @param {number} part
 * @param {number} whole
 */
export function formatPercent(lang, part, whole) {
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(whole === 0 ? 0 : part / whole);
}
