// @ts-check
/**
 * The trustee page's words in English and German: every visible or announced string comes from here.
 * The API's own refusals and the cryptography's reasons stay in English and are marked so (`lang="en"`).
 */

/** @typedef {import('../vote/i18n.js').Lang} Lang */
/** @typedef {'certificates' | 'dealings' | 'reviews'} CeremonyStep */
/** @typedef {'format' | 'election-altered' | 'parameters-altered' | 'parameters' | 'election' | 'ceremony' | 'passphrase' | 'ciphertext' | 'trustee'} FileFailure */

const enNumber = (/** @type {number} */ n) => new Intl.NumberFormat('en-GB').format(n);
const deNumber = (/** @type {number} */ n) => new Intl.NumberFormat('de-DE').format(n);
const plural = (/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many) => (n === 1 ? one : many);

const en = {
  pageTitle: 'Trustee',
  brand: 'Student election · trustee',
  loading: 'Loading the election…',
  retry: 'Try again',
  unreachable: 'The election server did not answer. Check the connection and try again.',
  serverFailed: (/** @type {number} */ status) => `The election server failed (HTTP ${status}). Try again in a moment.`,
  refusedIntro: 'The server refused this. Its reason:',
  inEnglish: '',
  // The election
  electionTitle: 'Which election?',
  electionLabel: 'Election id',
  electionHint: 'The election committee sends trustees a link to this page that ends in ?election= and the election’s id.',
  electionEmpty: 'Enter the election’s id.',
  continue: 'Continue',
  unknownElection: (/** @type {string} */ id) => `There is no election with the id “${id}”. Check it with the election committee.`,
  notSealedTitle: 'This election has no trustees',
  notSealedBody: 'Its ballot box is open: the ballots are stored as they were cast, so they are not secret against the operator of the system. There is nothing for a trustee to do in it.',
  // Signing in
  signInTitle: 'Sign in as a trustee',
  trusteesIntro: (/** @type {number} */ threshold, /** @type {number} */ count) =>
    `The key to this election’s ballot box is split among ${count} ${plural(count, 'trustee', 'trustees')}: any ${threshold} of them together can open the box after the close, fewer cannot.`,
  secretsNote:
    'Your secrets stay on this computer: they are made and kept in this tab’s memory, never sent to the server and never stored in the browser. This page gives them to you only as files sealed with your passphrase. Keep those files and your passphrase safe.',
  tokenLabel: 'Admin token',
  tokenHint: 'The committee’s admin token lets this page post your messages. It is kept in this tab’s memory only: closing or reloading the tab forgets it.',
  tokenEmpty: 'Enter the admin token.',
  tokenRefused: 'This admin token was refused. Check it and try again.',
  trusteeLabel: 'Which trustee are you?',
  trusteeName: (/** @type {number} */ index, /** @type {string | undefined} */ name) => (name ? `${name} (trustee ${index})` : `Trustee ${index}`),
  signInButton: 'Continue',
  signingIn: 'Checking the token…',
  youAre: (/** @type {string} */ who) => `You are ${who}.`,
  // The key ceremony
  ceremonyTitle: 'The key ceremony',
  ceremonyIntro:
    'The trustees make the election key together, each on their own computer, in three steps: each posts a certificate; once all are in, each deals shares of a secret to the others; once all dealings are in, each checks the shares dealt to them and keeps their own share of the key. This page takes each step as soon as it can while it stays open.',
  stepLabel: (/** @type {CeremonyStep} */ step) => ({ certificates: 'Step 1 of 3: certificates', dealings: 'Step 2 of 3: dealings', reviews: 'Step 3 of 3: reviews' })[step],
  passphraseLabel: 'Choose a passphrase',
  passphraseHint:
    'At least 12 characters. It seals the files this page gives you; without it they are useless, and nobody can recover it for you. You need it again to open the ballot box after the close.',
  passphraseRepeatLabel: 'Enter the passphrase again',
  passphraseShort: 'The passphrase is shorter than 12 characters.',
  passphraseMismatch: 'The two passphrases differ.',
  certifyButton: 'Create my certificate',
  certifying: 'Creating your certificate and sealing your transport secret with your passphrase (a few seconds)…',
  transportFileTitle: 'Save your transport-secret file now',
  transportFileBody:
    'It is sealed with your passphrase. If this tab is closed before the ceremony ends, open this page again and continue with this file and your passphrase. Once you have your share file, you no longer need it.',
  transportFileLink: 'Download the transport-secret file',
  transportFileName: (/** @type {string} */ election, /** @type {number} */ trustee) => `transport-secret-${election}-trustee-${trustee}.json`,
  resumeTitle: 'Continue with your transport-secret file',
  resumeBody:
    'Your certificate is posted, but this tab does not hold its transport secret: it was closed or reloaded. Choose the transport-secret file you saved and enter your passphrase to continue.',
  resumeFileLabel: 'Transport-secret file',
  passphraseEnterLabel: 'Passphrase',
  resumeButton: 'Continue the ceremony',
  fileMissing: 'Choose the file.',
  openingFile: 'Opening the file (a few seconds)…',
  fileFailures: /** @type {Record<FileFailure, string>} */ ({
    format: 'This is not the right kind of file.',
    'election-altered': 'The file was altered or damaged.',
    'parameters-altered': 'The file was altered or damaged.',
    ciphertext: 'The file was altered or damaged.',
    parameters: 'The file asks for key-derivation settings this page refuses.',
    election: 'This file is for another election.',
    ceremony: 'This file is from another key ceremony of this election.',
    passphrase: 'The passphrase is wrong.',
    trustee: 'This file belongs to another trustee.',
  }),
  certificatePosted: 'Your certificate is posted.',
  dealing: 'Dealing your shares to the other trustees…',
  dealingPosted: 'Your dealing is posted.',
  reviewing: 'Checking the shares dealt to you and sealing your share file with your passphrase (a few seconds)…',
  reviewPosted: 'Your review is posted.',
  waitingFor: (/** @type {CeremonyStep} */ step, /** @type {string[]} */ who) =>
    `Waiting for the ${{ certificates: 'certificates', dealings: 'dealings', reviews: 'reviews' }[step]} of: ${who.join(', ')}.`,
  verifying: 'Every review is in: the server is checking the whole ceremony.',
  complete: 'The key ceremony is complete. The election key is published:',
  keyMatches: 'It is the key your share file was sealed for.',
  keyDiffers: 'WARNING: it is not the key your share file was sealed for. Tell the election committee and the observers.',
  shareFileTitle: 'Save your share file now',
  shareFileBody: (/** @type {number} */ threshold, /** @type {number} */ count) =>
    `It holds your share of the election key, sealed with your passphrase; you need both to open the ballot box after the close. Keep a copy off this computer. If it is lost, the box can still be opened as long as ${threshold} of the ${count} trustees have theirs.`,
  shareFileLink: 'Download the share file',
  shareFileName: (/** @type {string} */ election, /** @type {number} */ trustee) => `share-${election}-trustee-${trustee}.json`,
  complained: 'A share dealt to you does not match its dealer’s commitments: your review is a complaint, which anyone can check. The ceremony will start over.',
  checkFailed: 'A message of the ceremony fails its check, so this page does not go on:',
  ceremonyFailed: 'The last round of the key ceremony failed, so it started over. What failed:',
  restarted: 'The key ceremony started over. Files from the earlier attempt are of no use now: create a new certificate.',
  workFailed: 'The computation failed:',
  refreshFailed: 'The last refresh failed; trying again.',
  // The opening
  waitingForClose: 'The ballot box is opened after voting closes: come back to this page then, with your share file and passphrase.',
  openingTitle: 'Opening the ballot box',
  openingIntro:
    'Voting has closed. Open your share file: then, for each contest, this page mixes the papers with a proof while a mix is still needed, and decrypts them with your share and a proof once the mixes are complete. Keep the page open until every contest says it is done.',
  shareFormTitle: 'Your share file',
  shareFormBody: 'Choose the share file you saved during the key ceremony and enter your passphrase. Opening it takes a few seconds; the share stays in this tab.',
  shareFileLabel: 'Share file',
  openShareButton: 'Open my share file',
  wrongTrustee: (/** @type {number} */ trustee) => `This share file is trustee ${trustee}’s, not yours. Choose your own share file.`,
  shareOpened: 'Your share file is open.',
  contestsTitle: 'Contests',
  contestFacts: (/** @type {number} */ mixes, /** @type {number} */ needed, /** @type {number} */ decryptions, /** @type {number} */ threshold) =>
    `Mixes: ${mixes} of ${needed}. Decryptions: ${decryptions} of ${threshold}.`,
  fetching: 'Fetching the papers…',
  mixing: (/** @type {number} */ papers) => `Mixing ${enNumber(papers)} ${plural(papers, 'paper', 'papers')} and proving the shuffle…`,
  decrypting: (/** @type {number} */ done, /** @type {number} */ of) => `Decrypting: ${enNumber(done)} of ${enNumber(of)} ${plural(of, 'paper', 'papers')}…`,
  posting: 'Posting…',
  fetchedPart: (/** @type {number} */ part, /** @type {number} */ parts) => `Fetching the papers: part ${part} of ${parts} read…`,
  sentPart: (/** @type {number} */ part, /** @type {number} */ parts) => `Posting: part ${part} of ${parts} sent…`,
  serverChecks: (/** @type {number} */ checked, /** @type {number | undefined} */ parts) =>
    parts === undefined ? 'Posted: the server checks the proofs…' : `Posted: the server checks the proofs, ${checked} of ${parts} parts done…`,
  mixed: (/** @type {number} */ papers) => `Your mix of ${enNumber(papers)} ${plural(papers, 'paper', 'papers')} is posted.`,
  decrypted: (/** @type {number} */ papers) => `Your decryption of ${enNumber(papers)} ${plural(papers, 'paper', 'papers')} is posted.`,
  waitingMixes: 'Waiting for the other trustees’ mixes.',
  waitingDecryptions: 'Your part is done; waiting for the other trustees’ decryptions.',
  enough: 'Enough trustees have decrypted this contest; your decryption is not needed.',
  opened: 'Done: the contest is opened and counted.',
  allDone: 'Every contest is opened. Your work as a trustee is done; you may close this page.',
};

/** @typedef {typeof en} Messages */

/** @type {Messages} */
const de = {
  pageTitle: 'Treuhänder',
  brand: 'Studentische Wahl · Treuhänder',
  loading: 'Die Wahl wird geladen…',
  retry: 'Erneut versuchen',
  unreachable: 'Der Wahlserver hat nicht geantwortet. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
  serverFailed: (status) => `Beim Wahlserver ist ein Fehler aufgetreten (HTTP ${status}). Versuchen Sie es gleich noch einmal.`,
  refusedIntro: 'Der Server hat das abgelehnt. Seine Begründung:',
  inEnglish: '(auf Englisch)',
  electionTitle: 'Welche Wahl?',
  electionLabel: 'Kennung der Wahl',
  electionHint: 'Der Wahlausschuss schickt den Treuhändern einen Link auf diese Seite, der auf ?election= und die Kennung der Wahl endet.',
  electionEmpty: 'Geben Sie die Kennung der Wahl ein.',
  continue: 'Weiter',
  unknownElection: (id) => `Es gibt keine Wahl mit der Kennung „${id}“. Klären Sie sie mit dem Wahlausschuss.`,
  notSealedTitle: 'Diese Wahl hat keine Treuhänder',
  notSealedBody:
    'Ihre Urne ist offen: Die Stimmzettel werden so gespeichert, wie sie abgegeben wurden, und sind daher gegenüber dem Betreiber des Systems nicht geheim. Für Treuhänder gibt es in ihr nichts zu tun.',
  signInTitle: 'Als Treuhänder anmelden',
  trusteesIntro: (threshold, count) =>
    `Der Schlüssel zur Urne dieser Wahl ist auf ${count} ${plural(count, 'Treuhänder', 'Treuhänder')} verteilt: Je ${threshold} von ihnen können die Urne nach dem Ende der Wahl gemeinsam öffnen, weniger nicht.`,
  secretsNote:
    'Ihre Geheimnisse bleiben auf diesem Computer: Sie werden im Speicher dieses Tabs erzeugt und gehalten, nie an den Server geschickt und nie im Browser gespeichert. Diese Seite gibt sie Ihnen nur als Dateien, die mit Ihrer Passphrase versiegelt sind. Bewahren Sie diese Dateien und Ihre Passphrase sicher auf.',
  tokenLabel: 'Admin-Token',
  tokenHint: 'Mit dem Admin-Token des Wahlausschusses kann diese Seite Ihre Nachrichten einreichen. Es bleibt nur im Speicher dieses Tabs: Schließen oder Neuladen vergisst es.',
  tokenEmpty: 'Geben Sie das Admin-Token ein.',
  tokenRefused: 'Dieses Admin-Token wurde abgelehnt. Prüfen Sie es und versuchen Sie es erneut.',
  trusteeLabel: 'Welcher Treuhänder sind Sie?',
  trusteeName: (index, name) => (name ? `${name} (Treuhänder ${index})` : `Treuhänder ${index}`),
  signInButton: 'Weiter',
  signingIn: 'Das Token wird geprüft…',
  youAre: (who) => `Sie sind ${who}.`,
  ceremonyTitle: 'Die Schlüsselzeremonie',
  ceremonyIntro:
    'Die Treuhänder erzeugen den Schlüssel der Wahl gemeinsam, jeder auf dem eigenen Computer, in drei Schritten: Jeder reicht ein Zertifikat ein; sind alle da, teilt jeder den anderen Anteile eines Geheimnisses zu; sind alle Zuteilungen da, prüft jeder die ihm zugeteilten Anteile und behält seinen eigenen Anteil am Schlüssel. Diese Seite macht jeden Schritt, sobald er möglich ist, solange sie offen bleibt.',
  stepLabel: (step) => ({ certificates: 'Schritt 1 von 3: Zertifikate', dealings: 'Schritt 2 von 3: Zuteilungen', reviews: 'Schritt 3 von 3: Prüfungen' })[step],
  passphraseLabel: 'Wählen Sie eine Passphrase',
  passphraseHint:
    'Mindestens 12 Zeichen. Sie versiegelt die Dateien, die Ihnen diese Seite gibt; ohne sie sind diese wertlos, und niemand kann sie für Sie wiederherstellen. Sie brauchen sie wieder, um die Urne nach dem Ende der Wahl zu öffnen.',
  passphraseRepeatLabel: 'Geben Sie die Passphrase noch einmal ein',
  passphraseShort: 'Die Passphrase ist kürzer als 12 Zeichen.',
  passphraseMismatch: 'Die beiden Passphrasen sind verschieden.',
  certifyButton: 'Mein Zertifikat erzeugen',
  certifying: 'Ihr Zertifikat wird erzeugt und Ihr Transportgeheimnis mit Ihrer Passphrase versiegelt (einige Sekunden)…',
  transportFileTitle: 'Speichern Sie jetzt Ihre Transportgeheimnis-Datei',
  transportFileBody:
    'Sie ist mit Ihrer Passphrase versiegelt. Wird dieser Tab geschlossen, bevor die Zeremonie endet, öffnen Sie diese Seite erneut und machen mit dieser Datei und Ihrer Passphrase weiter. Sobald Sie Ihre Anteilsdatei haben, brauchen Sie sie nicht mehr.',
  transportFileLink: 'Transportgeheimnis-Datei herunterladen',
  transportFileName: (election, trustee) => `transportgeheimnis-${election}-treuhaender-${trustee}.json`,
  resumeTitle: 'Mit Ihrer Transportgeheimnis-Datei weitermachen',
  resumeBody:
    'Ihr Zertifikat ist eingereicht, aber dieser Tab hält sein Transportgeheimnis nicht: Er wurde geschlossen oder neu geladen. Wählen Sie die gespeicherte Transportgeheimnis-Datei und geben Sie Ihre Passphrase ein, um weiterzumachen.',
  resumeFileLabel: 'Transportgeheimnis-Datei',
  passphraseEnterLabel: 'Passphrase',
  resumeButton: 'Zeremonie fortsetzen',
  fileMissing: 'Wählen Sie die Datei.',
  openingFile: 'Die Datei wird geöffnet (einige Sekunden)…',
  fileFailures: {
    format: 'Das ist nicht die richtige Art von Datei.',
    'election-altered': 'Die Datei wurde verändert oder ist beschädigt.',
    'parameters-altered': 'Die Datei wurde verändert oder ist beschädigt.',
    ciphertext: 'Die Datei wurde verändert oder ist beschädigt.',
    parameters: 'Die Datei verlangt Einstellungen der Schlüsselableitung, die diese Seite ablehnt.',
    election: 'Diese Datei gehört zu einer anderen Wahl.',
    ceremony: 'Diese Datei stammt aus einer anderen Schlüsselzeremonie dieser Wahl.',
    passphrase: 'Die Passphrase ist falsch.',
    trustee: 'Diese Datei gehört einem anderen Treuhänder.',
  },
  certificatePosted: 'Ihr Zertifikat ist eingereicht.',
  dealing: 'Ihre Anteile werden den anderen Treuhändern zugeteilt…',
  dealingPosted: 'Ihre Zuteilung ist eingereicht.',
  reviewing: 'Die Ihnen zugeteilten Anteile werden geprüft und Ihre Anteilsdatei mit Ihrer Passphrase versiegelt (einige Sekunden)…',
  reviewPosted: 'Ihre Prüfung ist eingereicht.',
  waitingFor: (step, who) => `Es fehlen noch die ${{ certificates: 'Zertifikate', dealings: 'Zuteilungen', reviews: 'Prüfungen' }[step]} von: ${who.join(', ')}.`,
  verifying: 'Alle Prüfungen sind da: Der Server prüft die ganze Zeremonie.',
  complete: 'Die Schlüsselzeremonie ist abgeschlossen. Der Schlüssel der Wahl ist veröffentlicht:',
  keyMatches: 'Es ist der Schlüssel, für den Ihre Anteilsdatei versiegelt wurde.',
  keyDiffers: 'WARNUNG: Das ist nicht der Schlüssel, für den Ihre Anteilsdatei versiegelt wurde. Informieren Sie den Wahlausschuss und die Beobachter.',
  shareFileTitle: 'Speichern Sie jetzt Ihre Anteilsdatei',
  shareFileBody: (threshold, count) =>
    `Sie enthält Ihren Anteil am Schlüssel der Wahl, versiegelt mit Ihrer Passphrase; Sie brauchen beides, um die Urne nach dem Ende der Wahl zu öffnen. Bewahren Sie eine Kopie außerhalb dieses Computers auf. Geht sie verloren, kann die Urne trotzdem geöffnet werden, solange ${threshold} der ${count} Treuhänder ihre haben.`,
  shareFileLink: 'Anteilsdatei herunterladen',
  shareFileName: (election, trustee) => `anteil-${election}-treuhaender-${trustee}.json`,
  complained: 'Ein Ihnen zugeteilter Anteil passt nicht zu den Festlegungen seines Gebers: Ihre Prüfung ist eine Beschwerde, die jeder nachprüfen kann. Die Zeremonie beginnt von vorn.',
  checkFailed: 'Eine Nachricht der Zeremonie besteht ihre Prüfung nicht, daher macht diese Seite nicht weiter:',
  ceremonyFailed: 'Die letzte Runde der Schlüsselzeremonie ist gescheitert, daher hat sie von vorn begonnen. Was gescheitert ist:',
  restarted: 'Die Schlüsselzeremonie hat von vorn begonnen. Dateien aus dem früheren Versuch nützen nichts mehr: Erzeugen Sie ein neues Zertifikat.',
  workFailed: 'Die Berechnung ist fehlgeschlagen:',
  refreshFailed: 'Die letzte Aktualisierung ist fehlgeschlagen; sie wird wiederholt.',
  waitingForClose: 'Die Urne wird nach dem Ende der Wahl geöffnet: Kommen Sie dann mit Ihrer Anteilsdatei und Ihrer Passphrase auf diese Seite zurück.',
  openingTitle: 'Die Urne öffnen',
  openingIntro:
    'Die Wahl ist beendet. Öffnen Sie Ihre Anteilsdatei: Dann mischt diese Seite für jede Abstimmung die Stimmzettel mit einem Beweis, solange noch eine Mischung fehlt, und entschlüsselt sie mit Ihrem Anteil und einem Beweis, sobald die Mischungen vollständig sind. Lassen Sie die Seite offen, bis jede Abstimmung als erledigt gilt.',
  shareFormTitle: 'Ihre Anteilsdatei',
  shareFormBody:
    'Wählen Sie die Anteilsdatei, die Sie bei der Schlüsselzeremonie gespeichert haben, und geben Sie Ihre Passphrase ein. Das Öffnen dauert einige Sekunden; der Anteil bleibt in diesem Tab.',
  shareFileLabel: 'Anteilsdatei',
  openShareButton: 'Meine Anteilsdatei öffnen',
  wrongTrustee: (trustee) => `Diese Anteilsdatei gehört Treuhänder ${trustee}, nicht Ihnen. Wählen Sie Ihre eigene Anteilsdatei.`,
  shareOpened: 'Ihre Anteilsdatei ist geöffnet.',
  contestsTitle: 'Abstimmungen',
  contestFacts: (mixes, needed, decryptions, threshold) => `Mischungen: ${mixes} von ${needed}. Entschlüsselungen: ${decryptions} von ${threshold}.`,
  fetching: 'Die Stimmzettel werden geladen…',
  mixing: (papers) => `${deNumber(papers)} ${plural(papers, 'Stimmzettel wird', 'Stimmzettel werden')} gemischt und die Mischung bewiesen…`,
  decrypting: (done, of) => `Entschlüsseln: ${deNumber(done)} von ${deNumber(of)} Stimmzetteln…`,
  posting: 'Wird eingereicht…',
  fetchedPart: (part, parts) => `Die Stimmzettel werden geladen: Teil ${part} von ${parts} gelesen…`,
  sentPart: (part, parts) => `Wird eingereicht: Teil ${part} von ${parts} gesendet…`,
  serverChecks: (checked, parts) => (parts === undefined ? 'Eingereicht: der Server prüft die Beweise…' : `Eingereicht: der Server prüft die Beweise, ${checked} von ${parts} Teilen fertig…`),
  mixed: (papers) => `Ihre Mischung von ${deNumber(papers)} ${plural(papers, 'Stimmzettel', 'Stimmzetteln')} ist eingereicht.`,
  decrypted: (papers) => `Ihre Entschlüsselung von ${deNumber(papers)} ${plural(papers, 'Stimmzettel', 'Stimmzetteln')} ist eingereicht.`,
  waitingMixes: 'Es fehlen noch Mischungen der anderen Treuhänder.',
  waitingDecryptions: 'Ihr Teil ist erledigt; es fehlen noch Entschlüsselungen der anderen Treuhänder.',
  enough: 'Genug Treuhänder haben diese Abstimmung entschlüsselt; Ihre Entschlüsselung wird nicht gebraucht.',
  opened: 'Erledigt: Die Abstimmung ist geöffnet und ausgezählt.',
  allDone: 'Jede Abstimmung ist geöffnet. Ihre Arbeit als Treuhänder ist getan; Sie können diese Seite schließen.',
};

export const MESSAGES = { en, de };
