// @ts-check
/** The observers' view's words in English and German. Every visible or announced string comes from here. */

import { formatTime } from '../vote/i18n.js';

/** @typedef {import('../vote/i18n.js').Lang} Lang */

const enNumber = (/** @type {number} */ n) => new Intl.NumberFormat('en-GB').format(n);
const deNumber = (/** @type {number} */ n) => new Intl.NumberFormat('de-DE').format(n);
const list = (/** @type {string[]} */ items) => new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(items);
const listDe = (/** @type {string[]} */ items) => new Intl.ListFormat('de-DE', { type: 'conjunction' }).format(items);
/** The committee's roles, in German. @type {Record<string, string>} */
const rolesDe = { committee: 'Wahlausschuss', helpdesk: 'Helpdesk', observer: 'Beobachtung' };
/** The key ceremony's steps as a failure names them (domain/crypto/ceremony/messages.ts), in German; English says them as they are. @type {Record<string, string>} */
const failureStepsDe = { parameters: 'an den Parametern', certificate: 'am Zertifikat', dealing: 'an der Verteilung', review: 'an der Prüfung' };
const plural = (/** @type {number} */ n, /** @type {string} */ one, /** @type {string} */ many) => (n === 1 ? one : many);

const en = {
  pageTitle: 'Observe an election',
  brand: 'Student election · observers',
  loading: 'Loading the election…',
  missingTitle: 'Which election?',
  missingBody: 'This address names no election. Open the link the election committee published: it ends in #election= and the election’s id.',
  unknownTitle: 'No such election',
  unknownBody: (/** @type {string} */ id) => `There is no election with the id “${id}”. Check the link with the election committee.`,
  loadFailedTitle: 'The election could not be loaded',
  loadFailedBody: 'The connection to the election server failed. Check your connection and try again.',
  retry: 'Try again',
  observeTitle: 'What observers see',
  observeIntro:
    'Everything that happens to this election is an event in a hash-chained log. This page follows the log as it grows, checks every link in your browser, and, once the results are published, verifies the audit export with the same code as the “audit verify” command.',
  refreshNote: 'Refreshed every 5 seconds without reloading; new entries are announced.',
  finalNote: 'The results are published, so nothing more can be added to this log: the page no longer refreshes.',
  // The election
  electionTitle: 'The election',
  phaseLabel: 'Phase',
  phases: /** @type {Record<string, string>} */ ({
    draft: 'Being set up (draft)',
    locked: 'Locked: the roll and candidates can no longer change',
    scheduled: 'Scheduled: voting opens at the set time',
    open: 'Voting is open',
    closed: 'Voting has closed; counting',
    tallied: 'Counted; results not yet published',
    published: 'Results published',
  }),
  awaitingAcceptance: 'Counted; provisional — awaiting the committee’s acceptance',
  acceptedBy: (/** @type {string | undefined} */ by, /** @type {string | undefined} */ proposedBy) =>
    `Accepted by the committee${by ? `: ${by}` : ''}${proposedBy ? `, proposed by ${proposedBy}` : ''}`,
  windowLabel: 'Voting window',
  windowNone: 'Not set yet.',
  opens: 'Opens',
  opened: 'Opened',
  closes: 'Closes',
  closed: 'Closed',
  opensOnStart: 'when the committee starts the election',
  linksLabel: 'Voting links',
  linksAt: 'Go out',
  linksSent: 'Went out',
  utc: (/** @type {string} */ time) => `${time} (UTC)`,
  rollLabel: 'Roll',
  rollVoters: (/** @type {number} */ n) => `${enNumber(n)} ${plural(n, 'voter', 'voters')}`,
  rollFingerprintLabel: 'Roll fingerprint (SHA-256 of the roll’s keyed voter hashes, recorded at the lock)',
  rollNotLocked: 'The fingerprint is recorded when the election is locked.',
  securityLabel: 'Security',
  secure: 'No breach recorded.',
  compromised: (/** @type {number} */ n) =>
    `COMPROMISED: ${n} ${plural(n, 'breach was', 'breaches were')} detected while the election was locked (a console sign-in or a change to the system). See the log below.`,
  // Turnout
  turnoutTitle: 'Turnout',
  turnout: (/** @type {number} */ voted, /** @type {number} */ registered, /** @type {string} */ percent) => `${enNumber(voted)} of ${enNumber(registered)} voters have voted (${percent}).`,
  turnoutPostal: (/** @type {number} */ n) => `Of them, ${enNumber(n)} by post.`,
  turnoutContest: (/** @type {string} */ title, /** @type {number} */ voted, /** @type {number} */ eligible, /** @type {string} */ percent) =>
    `${title}: ${enNumber(voted)} of ${enNumber(eligible)} (${percent})`,
  turnoutUnavailable: 'Turnout is not available at the moment.',
  contestTurnoutLater: 'Turnout per contest is shown once voting has closed: while voting runs it would show which ballot papers each voter cast.',
  // The ballot box
  boxLabel: 'Ballot box',
  boxOpen: 'Open: not secret against the operator. The ballots are stored as cast: whoever runs the servers can read how each voter voted.',
  boxSealed: (/** @type {number} */ t, /** @type {number} */ n) =>
    `Sealed: each paper is encrypted on the voter’s device; any ${t} of the ${n} trustees together open the box after the close, and every step is proved in the log.`,
  ceremonySteps: /** @type {Record<string, string>} */ ({
    certificates: 'Key ceremony, step 1 of 3: the trustees give their certificates.',
    dealings: 'Key ceremony, step 2 of 3: the trustees deal their shares.',
    reviews: 'Key ceremony, step 3 of 3: the trustees check the shares dealt to them.',
  }),
  ceremonyWaiting: (/** @type {string[]} */ trustees) => `Waiting for ${list(trustees)}.`,
  ceremonyFailedRounds: (/** @type {number} */ n) => `${enNumber(n)} ${plural(n, 'round', 'rounds')} of the ceremony failed and started over (see the log).`,
  ceremonyComplete: 'Key ceremony complete: the election key is published.',
  electionKey: 'Election key',
  openingContest: (/** @type {string} */ title, /** @type {number} */ mixes, /** @type {number} */ needed, /** @type {number} */ decryptions, /** @type {number} */ threshold) =>
    `${title}: ${enNumber(mixes)} of ${enNumber(needed)} mixes, ${enNumber(decryptions)} of ${enNumber(threshold)} decryptions`,
  openingNext: /** @type {Record<string, string>} */ ({ mix: 'next: a mix', decryption: 'next: a decryption', opened: 'opened' }),
  nothingToOpen: 'nothing to open: nobody voted in it',
  // The log
  logTitle: 'The event log',
  logEmpty: 'No events yet.',
  logCount: (/** @type {number} */ n) => `${enNumber(n)} ${plural(n, 'event', 'events')} so far.`,
  chainChecking: 'Checking the hash chain…',
  chainIntact: (/** @type {number} */ seq) => `Hash chain intact up to event #${seq}: every event links to the one before it and hashes to its own hash.`,
  chainRedacted: (/** @type {number[]} */ seqs) =>
    `${plural(seqs.length, 'Event', 'Events')} ${seqs.map((s) => `#${s}`).join(', ')} ${plural(seqs.length, 'shows', 'show')} the observers only as a count, so ${plural(seqs.length, 'its', 'their')} hash cannot be recomputed here; the links around ${plural(seqs.length, 'it', 'them')} hold, and the audit export checks ${plural(seqs.length, 'it', 'them')} whole.`,
  chainBroken: (/** @type {number} */ seq, /** @type {string} */ why) => `THE HASH CHAIN IS BROKEN at event #${seq}: ${why} Events from #${seq} on are not trusted.`,
  chainBrokenOrder: (/** @type {number} */ expected) => `event #${expected} was expected here.`,
  chainBrokenLink: 'it does not link to the event before it.',
  chainBrokenHash: 'its content does not hash to its recorded hash: it was changed.',
  chainIntactUpTo: (/** @type {number} */ seq) => (seq === 0 ? 'No event could be checked.' : `The chain is intact up to event #${seq}.`),
  newEvents: (/** @type {string[]} */ what) => `New in the log: ${what.join('; ')}`,
  newBreach: 'A breach was just recorded in the log.',
  eventNumber: (/** @type {number} */ seq) => `Event #${seq}`,
  hashLabel: 'hash',
  redactedNote: 'Observers’ addresses hidden; hash not recomputed here.',
  untrusted: 'After the broken link: not trusted.',
  loadMore: 'Loading more of the log…',
  // Event descriptions
  events: {
    ElectionCreated: (/** @type {string} */ title, /** @type {number} */ contests) => `Election created: “${title}”${contests > 1 ? `, ${contests} contests` : ''}`,
    CandidatesAdded: (/** @type {number} */ n, /** @type {string | undefined} */ contest) => `Candidates added: ${enNumber(n)}${contest ? ` (contest “${contest}”)` : ''}`,
    VotersRegistered: (/** @type {number} */ n) => `Voters registered: ${enNumber(n)}`,
    PostalVotesRecorded: (/** @type {number} */ n) => `Postal voters recorded: ${enNumber(n)} (their online credentials revoked)`,
    VotingWindowSet: (/** @type {string | undefined} */ opens, /** @type {string} */ closes, /** @type {number} */ reminders, /** @type {string | undefined} */ links) =>
      `Voting window set: ${opens ? `from ${opens} ` : ''}until ${closes}${reminders > 0 ? `, ${reminders} ${plural(reminders, 'reminder', 'reminders')}` : ''}${links ? `; voting links go out at ${links}` : ''}`,
    ObserversSet: (/** @type {number} */ n) => `Observers set: ${enNumber(n)}`,
    MailWordingSet: 'The committee’s wording of the voters’ mail set',
    ObjectionRecorded: (/** @type {number} */ n, /** @type {string} */ at, /** @type {boolean} */ late) => `Objection ${n} received ${at}${late ? ', after the challenge period' : ''}: `,
    ObjectionDecided: (/** @type {number} */ n, /** @type {string} */ outcome) =>
      `Objection ${n} ${outcome === 'upheld' ? 'upheld' : outcome === 'rejected' ? 'rejected' : outcome === 'inadmissible' ? 'dismissed as inadmissible' : outcome}: `,
    PersonalDataDeleted: "The voters' personal data deleted: the roll, its addresses, the mail and the credentials; the roll's hashes stay, as the export lists them",
    ActionProposed: (/** @type {string} */ action, /** @type {string} */ name, /** @type {string} */ until) =>
      `${action === 'Lock' ? 'Lock' : action === 'Accept' ? 'Acceptance of the results' : 'Start'} proposed by ${name}: a second member of the committee may confirm it until ${until}`,
    MemberRecorded: (/** @type {string} */ name, /** @type {string} */ role) => `Committee member recorded: ${name} (${role})`,
    MemberRemoved: (/** @type {string} */ name) => `Committee member removed: ${name}`,
    proposedBy: (/** @type {string} */ name) => `, proposed by ${name}`,
    alone: ' (a committee of one member: nobody else to confirm)',
    by: (/** @type {string} */ name) => ` — by ${name}`,
    ElectionLocked: 'Election locked',
    ElectionLockedRoll: (/** @type {number} */ n) => `Election locked; roll ${enNumber(n)} ${plural(n, 'voter', 'voters')}, fingerprint`,
    VotingScheduled: (/** @type {string} */ opens, /** @type {string} */ closes) => `Voting scheduled: from ${opens} until ${closes}`,
    VotingOpened: 'Voting opened',
    VotingClosed: 'Voting closed',
    BallotBoxSealed: (/** @type {number} */ n) => `Ballot box sealed: ${enNumber(n)} ${plural(n, 'ballot', 'ballots')}, digest`,
    CountSheetRecorded: (/** @type {string} */ contest) => `Count sheet recorded for contest “${contest}”`,
    ResultsTallied: 'Results tallied: this event’s hash is the head at sealing, e-mailed to the observers and voters',
    PostalPapersEntered: (/** @type {string} */ contest, /** @type {1 | 2} */ entry, /** @type {string | undefined} */ part) =>
      `Postal papers of contest “${contest}” entered: the ${entry === 1 ? 'first' : 'second'} entry${part ? ` (part ${part})` : ''}`,
    PostalPapersAgreed: (/** @type {string} */ contest, /** @type {number} */ valid, /** @type {number} */ invalid) =>
      `Postal papers of contest “${contest}” agreed by two members: ${enNumber(valid)} valid, ${enNumber(invalid)} invalid`,
    PostalCounted: 'Results counted again with the postal papers: the online and postal papers together, every lot drawn as before',
    ResultsAccepted: 'Results accepted by the committee',
    ResultsPublished: 'Results published',
    OfficialRecordIssued: (/** @type {number} */ head) => `Official record issued as of event ${enNumber(head)}; SHA-256 of each language's PDF:`,
    BreachDetected: (/** @type {string} */ name, /** @type {string} */ principal, /** @type {string} */ at, /** @type {string} */ ip) => `Breach: ${name} by ${principal} at ${at}, from ${ip}`,
    LifecycleFailed: (/** @type {string} */ step, /** @type {string} */ error) => `A lifecycle step failed for good: ${step} (${error}); the observers were alerted.`,
    workflowContinued: 'The election went on without it.',
    workflowStopped: 'The workflow stopped there until the committee runs it again.',
    LifecycleRetried: (/** @type {string} */ step, /** @type {number} */ attempt) => `The committee ran the workflow again (retry ${attempt}), from the failed step ${step}`,
    CredentialReissued: (/** @type {'voter' | 'admin'} */ by) => `A new voting link was sent at the ${by === 'voter' ? 'voter’s' : 'committee’s'} request (old link revoked); voter`,
    VoterAddressCorrected: 'A voter’s e-mail address was corrected and a new link mailed to it; voter',
    LinkRequestsCounted: (/** @type {number} */ n) =>
      `${enNumber(n)} ${plural(n, 'request', 'requests')} by e-mail address for a voting link to be sent again (who asked, and whether a link went out, is not recorded)`,
    RemindersQueued: (/** @type {number} */ round, /** @type {number} */ n) => `Reminder ${round + 1} sent to ${enNumber(n)} ${plural(n, 'voter', 'voters')} who had not voted`,
    CredentialsReleased: (/** @type {number} */ n) => `Voting links mailed to ${enNumber(n)} ${plural(n, 'voter', 'voters')} (everyone on the roll but the postal voters), held until then`,
    TrusteeCertificateGiven: (/** @type {string} */ trustee) => `Key ceremony: ${trustee} gave their certificate`,
    TrusteeDealingGiven: (/** @type {string} */ trustee) => `Key ceremony: ${trustee} dealt their shares`,
    TrusteeReviewAcknowledged: (/** @type {string} */ trustee) => `Key ceremony: ${trustee} checked the shares dealt to them and acknowledged them`,
    TrusteeReviewComplained: (/** @type {string} */ trustee, /** @type {string[]} */ dealers) => `Key ceremony: ${trustee} complained about the shares of ${list(dealers)}`,
    KeyCeremonyFailed: (/** @type {string} */ step, /** @type {string | null} */ trustee) =>
      `Key ceremony failed at the ${step}${trustee ? ` of ${trustee}` : ''}; it starts over. The reason (in English):`,
    ElectionKeyPublished: (/** @type {number} */ n) => `Election key published, with the verification keys of the ${enNumber(n)} ${plural(n, 'trustee', 'trustees')}: key`,
    MixAccepted: (/** @type {string} */ contest, /** @type {number} */ position, /** @type {string} */ mixer, /** @type {number} */ papers) =>
      `Contest “${contest}”: mix ${position + 1} by ${mixer} accepted (${enNumber(papers)} ${plural(papers, 'paper', 'papers')} shuffled, proof checked), file digest`,
    DecryptionAccepted: (/** @type {string} */ contest, /** @type {string} */ trustee) => `Contest “${contest}”: ${trustee}’s decryption shares accepted (proofs checked), file digest`,
    trustee: (/** @type {number} */ n) => `trustee ${n}`,
    unknown: (/** @type {string} */ type) => `Event ${type}`,
  },
  // The audit export
  auditTitle: 'Verify the audit export',
  auditNotYet: 'The audit export is published with the results. It is verified here then.',
  auditIntro:
    'The export holds every event, every ballot, the participation count and the roll. It is downloaded and replayed in your browser with the same verifier as “audit verify”; nothing is sent anywhere.',
  auditButton: 'Verify the audit export',
  auditAgain: 'Verify again',
  auditDownloading: 'Downloading the export…',
  auditReading: (/** @type {number} */ n) => `Reading the export: ${enNumber(n)} lines read…`,
  auditChecking: (/** @type {number} */ n) => `${enNumber(n)} lines read; replaying and checking…`,
  auditCheckingSealed: (/** @type {number} */ n, /** @type {number} */ done, /** @type {number} */ total) =>
    `${enNumber(n)} lines read; checking the sealed box's proofs: ${enNumber(done)} of ${enNumber(total)} parts…`,
  auditFetchFailed: (/** @type {string} */ why) => `The export could not be downloaded: ${why}`,
  auditUnreadable: 'The export could not be read:',
  auditVerified: 'VERIFIED: every check passed.',
  auditFailed: (/** @type {number} */ n) => `FAILED: ${n} ${plural(n, 'discrepancy', 'discrepancies')}. The verifier says:`,
  auditFigures: (/** @type {number} */ events, /** @type {number} */ ballots, /** @type {string} */ participation, /** @type {number} */ lines) =>
    `${enNumber(events)} events, ${enNumber(ballots)} ballots, participation ${participation}, ${enNumber(lines)} lines.`,
  auditMissing: 'missing',
  auditChecked:
    'Checked: the hash chain, the order and validity of every event, every ballot against its ballot paper, ballots against participation, the roll and the seal, the tally recomputed from the ballots, and the header against the file.',
  auditBreaches: (/** @type {number} */ n) => `The export records ${n} ${plural(n, 'breach', 'breaches')}: the election was compromised while locked.`,
  auditHeadAtSealing: 'Head at sealing',
  auditDigest: 'Ballot box digest',
  compareTitle: 'Held against what this page saw',
  rollMatches: (/** @type {number} */ n) => `The export’s roll (${enNumber(n)} voters) has the fingerprint recorded at the lock.`,
  rollDiffers: (/** @type {string} */ exported, /** @type {number} */ n, /** @type {string} */ recorded) =>
    `The export’s roll has the fingerprint ${exported} (${enNumber(n)} voters), not ${recorded}, the one recorded at the lock: the roll was changed.`,
  rollNotRecorded: 'No roll fingerprint was recorded at the lock (a log from before it was recorded): the roll could not be compared.',
  headMatches: (/** @type {number} */ seq) => `The export’s last event (#${seq}) has the same hash as event #${seq} in the live log: both are the same log.`,
  headDiffers: (/** @type {number} */ seq) => `The export’s event #${seq} has another hash than event #${seq} in the live log: the export is not the log this page saw.`,
  headShorter: (/** @type {number} */ seq, /** @type {number} */ live) => `The export ends at event #${seq}, the live log at #${live}; the events the export has match the live log’s.`,
  headUnknown: 'The live log does not reach the export’s last event yet; refresh and verify again.',
  headNone: 'The export has no events to compare.',
  findingsLang: 'The verifier’s findings are in English, as the command line prints them.',
};

/** @type {typeof en} */
const de = {
  pageTitle: 'Eine Wahl beobachten',
  brand: 'Studierendenwahl · Beobachtung',
  loading: 'Die Wahl wird geladen…',
  missingTitle: 'Welche Wahl?',
  missingBody: 'Diese Adresse nennt keine Wahl. Öffnen Sie den Link, den der Wahlausschuss veröffentlicht hat: Er endet auf #election= und die Kennung der Wahl.',
  unknownTitle: 'Diese Wahl gibt es nicht',
  unknownBody: (id) => `Es gibt keine Wahl mit der Kennung „${id}“. Prüfen Sie den Link mit dem Wahlausschuss.`,
  loadFailedTitle: 'Die Wahl konnte nicht geladen werden',
  loadFailedBody: 'Die Verbindung zum Wahlserver ist fehlgeschlagen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  retry: 'Erneut versuchen',
  observeTitle: 'Was Beobachter sehen',
  observeIntro:
    'Alles, was mit dieser Wahl geschieht, ist ein Ereignis in einem hash-verketteten Protokoll. Diese Seite verfolgt das Protokoll, während es wächst, prüft jedes Glied in Ihrem Browser und prüft nach der Veröffentlichung der Ergebnisse den Audit-Export mit demselben Code wie der Befehl „audit verify“.',
  refreshNote: 'Alle 5 Sekunden aktualisiert, ohne neu zu laden; neue Einträge werden angesagt.',
  finalNote: 'Die Ergebnisse sind veröffentlicht, dem Protokoll kann nichts mehr hinzugefügt werden: Die Seite wird nicht mehr aktualisiert.',
  electionTitle: 'Die Wahl',
  phaseLabel: 'Phase',
  phases: {
    draft: 'In Vorbereitung (Entwurf)',
    locked: 'Gesperrt: Wählerverzeichnis und Kandidierende können sich nicht mehr ändern',
    scheduled: 'Geplant: Die Wahl öffnet zur festgesetzten Zeit',
    open: 'Die Wahl ist geöffnet',
    closed: 'Die Wahl ist geschlossen; es wird ausgezählt',
    tallied: 'Ausgezählt; Ergebnis noch nicht veröffentlicht',
    published: 'Ergebnis veröffentlicht',
  },
  awaitingAcceptance: 'Ausgezählt; vorläufig — die Annahme durch den Wahlausschuss steht aus',
  acceptedBy: (by, proposedBy) => `Vom Wahlausschuss angenommen${by ? `: ${by}` : ''}${proposedBy ? `, vorgeschlagen von ${proposedBy}` : ''}`,
  windowLabel: 'Wahlzeitraum',
  windowNone: 'Noch nicht festgelegt.',
  opens: 'Beginn',
  opened: 'Geöffnet',
  closes: 'Ende',
  closed: 'Geschlossen',
  opensOnStart: 'wenn der Wahlausschuss die Wahl startet',
  linksLabel: 'Wahllinks',
  linksAt: 'Versand',
  linksSent: 'Verschickt',
  utc: (time) => `${time} (UTC)`,
  rollLabel: 'Wählerverzeichnis',
  rollVoters: (n) => `${deNumber(n)} ${plural(n, 'Wahlberechtigte Person', 'Wahlberechtigte')}`,
  rollFingerprintLabel: 'Fingerabdruck des Wählerverzeichnisses (SHA-256 der mit geheimem Schlüssel gebildeten Wähler-Hashes, bei der Sperre festgehalten)',
  rollNotLocked: 'Der Fingerabdruck wird festgehalten, wenn die Wahl gesperrt wird.',
  securityLabel: 'Sicherheit',
  secure: 'Kein Sicherheitsvorfall festgehalten.',
  compromised: (n) =>
    `KOMPROMITTIERT: ${n} ${plural(n, 'Sicherheitsvorfall wurde', 'Sicherheitsvorfälle wurden')} erkannt, während die Wahl gesperrt war (eine Konsolenanmeldung oder eine Änderung am System). Siehe das Protokoll unten.`,
  turnoutTitle: 'Wahlbeteiligung',
  turnout: (voted, registered, percent) => `${deNumber(voted)} von ${deNumber(registered)} Wahlberechtigten haben gewählt (${percent}).`,
  turnoutPostal: (n) => `Davon ${deNumber(n)} per Briefwahl.`,
  turnoutContest: (title, voted, eligible, percent) => `${title}: ${deNumber(voted)} von ${deNumber(eligible)} (${percent})`,
  turnoutUnavailable: 'Die Wahlbeteiligung ist gerade nicht verfügbar.',
  contestTurnoutLater: 'Die Wahlbeteiligung je Abstimmung erscheint, sobald die Wahl geschlossen ist: Während der Wahl würde sie zeigen, welche Stimmzettel jede Person abgegeben hat.',
  // The ballot box
  boxLabel: 'Wahlurne',
  boxOpen: 'Offen: nicht geheim gegenüber dem Betreiber. Die Stimmzettel werden so gespeichert, wie gewählt wurde: Wer die Server betreibt, kann lesen, wie jede Person gewählt hat.',
  boxSealed: (t, n) =>
    `Versiegelt: Jeder Stimmzettel wird auf dem Gerät der wählenden Person verschlüsselt; je ${t} der ${n} Treuhänder öffnen die Urne nach dem Ende gemeinsam, und jeder Schritt ist im Protokoll bewiesen.`,
  ceremonySteps: {
    certificates: 'Schlüsselzeremonie, Schritt 1 von 3: Die Treuhänder geben ihre Zertifikate.',
    dealings: 'Schlüsselzeremonie, Schritt 2 von 3: Die Treuhänder verteilen ihre Anteile.',
    reviews: 'Schlüsselzeremonie, Schritt 3 von 3: Die Treuhänder prüfen die erhaltenen Anteile.',
  },
  ceremonyWaiting: (trustees) => `Es fehlt noch: ${listDe(trustees)}.`,
  ceremonyFailedRounds: (n) => `${deNumber(n)} ${plural(n, 'Runde', 'Runden')} der Zeremonie ${plural(n, 'ist', 'sind')} gescheitert und wurde${n === 1 ? '' : 'n'} neu begonnen (siehe Protokoll).`,
  ceremonyComplete: 'Schlüsselzeremonie abgeschlossen: Der Wahlschlüssel ist veröffentlicht.',
  electionKey: 'Wahlschlüssel',
  openingContest: (title, mixes, needed, decryptions, threshold) =>
    `${title}: ${deNumber(mixes)} von ${deNumber(needed)} Mischungen, ${deNumber(decryptions)} von ${deNumber(threshold)} Entschlüsselungen`,
  openingNext: { mix: 'als Nächstes: eine Mischung', decryption: 'als Nächstes: eine Entschlüsselung', opened: 'geöffnet' },
  nothingToOpen: 'nichts zu öffnen: niemand hat darin gewählt',
  logTitle: 'Das Ereignisprotokoll',
  logEmpty: 'Noch keine Ereignisse.',
  logCount: (n) => `Bisher ${deNumber(n)} ${plural(n, 'Ereignis', 'Ereignisse')}.`,
  chainChecking: 'Die Hash-Kette wird geprüft…',
  chainIntact: (seq) => `Hash-Kette intakt bis Ereignis #${seq}: Jedes Ereignis verweist auf das vorige und ergibt seinen eigenen Hash.`,
  chainRedacted: (seqs) =>
    `${plural(seqs.length, 'Ereignis', 'Ereignisse')} ${seqs.map((s) => `#${s}`).join(', ')} ${plural(seqs.length, 'zeigt', 'zeigen')} die Beobachter nur als Anzahl, daher lässt sich ${plural(seqs.length, 'sein', 'ihr')} Hash hier nicht nachrechnen; die Verweise davor und danach stimmen, und der Audit-Export prüft ${plural(seqs.length, 'es', 'sie')} vollständig.`,
  chainBroken: (seq, why) => `DIE HASH-KETTE IST UNTERBROCHEN bei Ereignis #${seq}: ${why} Ereignissen ab #${seq} ist nicht zu trauen.`,
  chainBrokenOrder: (expected) => `Hier wurde Ereignis #${expected} erwartet.`,
  chainBrokenLink: 'Es verweist nicht auf das Ereignis davor.',
  chainBrokenHash: 'Sein Inhalt ergibt nicht seinen festgehaltenen Hash: Es wurde verändert.',
  chainIntactUpTo: (seq) => (seq === 0 ? 'Kein Ereignis konnte geprüft werden.' : `Die Kette ist bis Ereignis #${seq} intakt.`),
  newEvents: (what) => `Neu im Protokoll: ${what.join('; ')}`,
  newBreach: 'Soeben wurde ein Sicherheitsvorfall im Protokoll festgehalten.',
  eventNumber: (seq) => `Ereignis #${seq}`,
  hashLabel: 'Hash',
  redactedNote: 'Adressen der Beobachter ausgeblendet; Hash hier nicht nachgerechnet.',
  untrusted: 'Nach der Unterbrechung: nicht vertrauenswürdig.',
  loadMore: 'Weitere Einträge werden geladen…',
  events: {
    ElectionCreated: (title, contests) => `Wahl angelegt: „${title}“${contests > 1 ? `, ${contests} Stimmzettel` : ''}`,
    CandidatesAdded: (n, contest) => `Kandidierende hinzugefügt: ${deNumber(n)}${contest ? ` (Stimmzettel „${contest}“)` : ''}`,
    VotersRegistered: (n) => `Wahlberechtigte eingetragen: ${deNumber(n)}`,
    PostalVotesRecorded: (n) => `Briefwählende vermerkt: ${deNumber(n)} (ihre Online-Zugänge gesperrt)`,
    VotingWindowSet: (opens, closes, reminders, links) =>
      `Wahlzeitraum festgelegt: ${opens ? `von ${opens} ` : ''}bis ${closes}${reminders > 0 ? `, ${reminders} ${plural(reminders, 'Erinnerung', 'Erinnerungen')}` : ''}${links ? `; Wahllinks gehen am ${links} hinaus` : ''}`,
    ObserversSet: (n) => `Beobachter festgelegt: ${deNumber(n)}`,
    MailWordingSet: 'Eigene Texte des Wahlausschusses für die E-Mails an Wählende festgelegt',
    ObjectionRecorded: (n, at, late) => `Wahlanfechtung ${n} eingegangen ${at}${late ? ', nach Ablauf der Anfechtungsfrist' : ''}: `,
    ObjectionDecided: (n, outcome) =>
      `Wahlanfechtung ${n} ${outcome === 'upheld' ? 'stattgegeben' : outcome === 'rejected' ? 'zurückgewiesen' : outcome === 'inadmissible' ? 'als unzulässig verworfen' : outcome}: `,
    PersonalDataDeleted: 'Personenbezogene Daten der Wählenden gelöscht: Verzeichnis, Adressen, E-Mails und Zugangsdaten; die Hashes des Verzeichnisses bleiben, wie das Prüfprotokoll sie listet',
    ActionProposed: (action, name, until) =>
      `${action === 'Lock' ? 'Sperren' : action === 'Accept' ? 'Annahme des Ergebnisses' : 'Start'} vorgeschlagen von ${name}: ein zweites Mitglied des Wahlausschusses kann es bis ${until} bestätigen`,
    MemberRecorded: (name, role) => `Mitglied des Wahlausschusses eingetragen: ${name} (${rolesDe[role] ?? role})`,
    MemberRemoved: (name) => `Mitglied des Wahlausschusses entfernt: ${name}`,
    proposedBy: (name) => `, vorgeschlagen von ${name}`,
    alone: ' (ein Ausschuss aus einem Mitglied: niemand sonst kann bestätigen)',
    by: (name) => ` — von ${name}`,
    ElectionLocked: 'Wahl gesperrt',
    ElectionLockedRoll: (n) => `Wahl gesperrt; Wählerverzeichnis ${deNumber(n)} ${plural(n, 'Person', 'Personen')}, Fingerabdruck`,
    VotingScheduled: (opens, closes) => `Wahl geplant: von ${opens} bis ${closes}`,
    VotingOpened: 'Wahl geöffnet',
    VotingClosed: 'Wahl geschlossen',
    BallotBoxSealed: (n) => `Urne versiegelt: ${deNumber(n)} Stimmzettel, Prüfsumme`,
    CountSheetRecorded: (contest) => `Zählprotokoll für Stimmzettel „${contest}“ festgehalten`,
    ResultsTallied: 'Ergebnis ausgezählt: Der Hash dieses Ereignisses ist der Kopf bei der Versiegelung, den Beobachter und Wählende per E-Mail erhielten',
    PostalPapersEntered: (contest, entry, part) => `Briefwahlstimmzettel für „${contest}“ erfasst: ${entry === 1 ? 'erste' : 'zweite'} Eingabe${part ? ` (Teil ${part})` : ''}`,
    PostalPapersAgreed: (contest, valid, invalid) => `Briefwahlstimmzettel für „${contest}“ von zwei Mitgliedern übereinstimmend erfasst: ${deNumber(valid)} gültig, ${deNumber(invalid)} ungültig`,
    PostalCounted: 'Ergebnis mit der Briefwahl neu ausgezählt: Online- und Briefwahlstimmzettel zusammen, jedes Los wie zuvor gezogen',
    ResultsAccepted: 'Ergebnis vom Wahlausschuss angenommen',
    ResultsPublished: 'Ergebnis veröffentlicht',
    OfficialRecordIssued: (head) => `Wahlniederschrift ausgestellt mit dem Stand von Ereignis ${deNumber(head)}; SHA-256 der PDF-Datei je Sprache:`,
    BreachDetected: (name, principal, at, ip) => `Sicherheitsvorfall: ${name} durch ${principal} am ${at}, von ${ip}`,
    LifecycleFailed: (step, error) => `Ein Schritt des Ablaufs ist endgültig fehlgeschlagen: ${step} (${error}); die Beobachter wurden alarmiert.`,
    workflowContinued: 'Die Wahl ging ohne ihn weiter.',
    workflowStopped: 'Der Ablauf hielt dort an, bis der Wahlausschuss ihn erneut startet.',
    LifecycleRetried: (step, attempt) => `Der Wahlausschuss startete den Ablauf erneut (Versuch ${attempt}), ab dem fehlgeschlagenen Schritt ${step}`,
    CredentialReissued: (by) => `Ein neuer Wahllink wurde auf Wunsch ${by === 'voter' ? 'der wahlberechtigten Person' : 'des Wahlausschusses'} verschickt (alter Link gesperrt); Person`,
    VoterAddressCorrected: 'Die E-Mail-Adresse einer wahlberechtigten Person wurde berichtigt und ein neuer Link an sie geschickt; Person',
    LinkRequestsCounted: (n) =>
      `${deNumber(n)} ${plural(n, 'Anfrage', 'Anfragen')} per E-Mail-Adresse, den Wahllink noch einmal zu schicken (wer fragte und ob ein Link verschickt wurde, wird nicht festgehalten)`,
    RemindersQueued: (round, n) => `Erinnerung ${round + 1} an ${deNumber(n)} ${plural(n, 'Person', 'Personen')} verschickt, die noch nicht gewählt hatten`,
    CredentialsReleased: (n) => `Wahllinks an ${deNumber(n)} ${plural(n, 'Person', 'Personen')} verschickt (alle im Verzeichnis außer den Briefwählenden), bis dahin zurückgehalten`,
    TrusteeCertificateGiven: (trustee) => `Schlüsselzeremonie: ${trustee} hat das Zertifikat gegeben`,
    TrusteeDealingGiven: (trustee) => `Schlüsselzeremonie: ${trustee} hat die Anteile verteilt`,
    TrusteeReviewAcknowledged: (trustee) => `Schlüsselzeremonie: ${trustee} hat die erhaltenen Anteile geprüft und bestätigt`,
    TrusteeReviewComplained: (trustee, dealers) => `Schlüsselzeremonie: ${trustee} hat die Anteile von ${listDe(dealers)} beanstandet`,
    KeyCeremonyFailed: (step, trustee) => `Schlüsselzeremonie gescheitert ${failureStepsDe[step] ?? step}${trustee ? ` von ${trustee}` : ''}; sie beginnt neu. Der Grund (auf Englisch):`,
    ElectionKeyPublished: (n) => `Wahlschlüssel veröffentlicht, mit den Prüfschlüsseln der ${deNumber(n)} Treuhänder: Schlüssel`,
    MixAccepted: (contest, position, mixer, papers) =>
      `Abstimmung „${contest}“: Mischung ${position + 1} von ${mixer} angenommen (${deNumber(papers)} Stimmzettel gemischt, Beweis geprüft), Prüfsumme der Datei`,
    DecryptionAccepted: (contest, trustee) => `Abstimmung „${contest}“: Entschlüsselungsanteile von ${trustee} angenommen (Beweise geprüft), Prüfsumme der Datei`,
    trustee: (n) => `Treuhänder ${n}`,
    unknown: (type) => `Ereignis ${type}`,
  },
  auditTitle: 'Den Audit-Export prüfen',
  auditNotYet: 'Der Audit-Export wird mit dem Ergebnis veröffentlicht. Dann wird er hier geprüft.',
  auditIntro:
    'Der Export enthält jedes Ereignis, jeden Stimmzettel, die Zahl der Teilnehmenden und das Wählerverzeichnis. Er wird in Ihrem Browser geladen und mit demselben Prüfprogramm wie „audit verify“ nachgespielt; nichts wird irgendwohin gesendet.',
  auditButton: 'Audit-Export prüfen',
  auditAgain: 'Erneut prüfen',
  auditDownloading: 'Der Export wird geladen…',
  auditReading: (n) => `Der Export wird gelesen: ${deNumber(n)} Zeilen gelesen…`,
  auditChecking: (n) => `${deNumber(n)} Zeilen gelesen; wird nachgespielt und geprüft…`,
  auditCheckingSealed: (n, done, total) => `${deNumber(n)} Zeilen gelesen; die Beweise der versiegelten Urne werden geprüft: ${deNumber(done)} von ${deNumber(total)} Teilen…`,
  auditFetchFailed: (why) => `Der Export konnte nicht geladen werden: ${why}`,
  auditUnreadable: 'Der Export konnte nicht gelesen werden:',
  auditVerified: 'GEPRÜFT: Jede Prüfung bestanden.',
  auditFailed: (n) => `NICHT BESTANDEN: ${n} ${plural(n, 'Abweichung', 'Abweichungen')}. Das Prüfprogramm meldet:`,
  auditFigures: (events, ballots, participation, lines) => `${deNumber(events)} Ereignisse, ${deNumber(ballots)} Stimmzettel, Teilnahme ${participation}, ${deNumber(lines)} Zeilen.`,
  auditMissing: 'fehlt',
  auditChecked:
    'Geprüft: die Hash-Kette, Reihenfolge und Zulässigkeit jedes Ereignisses, jeder Stimmzettel gegen seinen Wahlzettel, Stimmzettel gegen Teilnahme, Wählerverzeichnis und Siegel, die Auszählung aus den Stimmzetteln nachgerechnet und der Kopfteil gegen die Datei.',
  auditBreaches: (n) => `Der Export hält ${n} ${plural(n, 'Sicherheitsvorfall', 'Sicherheitsvorfälle')} fest: Die Wahl war während der Sperre kompromittiert.`,
  auditHeadAtSealing: 'Kopf bei der Versiegelung',
  auditDigest: 'Prüfsumme der Urne',
  compareTitle: 'Verglichen mit dem, was diese Seite sah',
  rollMatches: (n) => `Das Wählerverzeichnis des Exports (${deNumber(n)} Personen) hat den bei der Sperre festgehaltenen Fingerabdruck.`,
  rollDiffers: (exported, n, recorded) =>
    `Das Wählerverzeichnis des Exports hat den Fingerabdruck ${exported} (${deNumber(n)} Personen), nicht ${recorded}, den bei der Sperre festgehaltenen: Das Verzeichnis wurde verändert.`,
  rollNotRecorded: 'Bei der Sperre wurde kein Fingerabdruck festgehalten (ein älteres Protokoll): Das Verzeichnis ließ sich nicht vergleichen.',
  headMatches: (seq) => `Das letzte Ereignis des Exports (#${seq}) hat denselben Hash wie Ereignis #${seq} im laufenden Protokoll: Beide sind dasselbe Protokoll.`,
  headDiffers: (seq) => `Ereignis #${seq} des Exports hat einen anderen Hash als Ereignis #${seq} im laufenden Protokoll: Der Export ist nicht das Protokoll, das diese Seite sah.`,
  headShorter: (seq, live) => `Der Export endet bei Ereignis #${seq}, das laufende Protokoll bei #${live}; die Ereignisse des Exports stimmen mit dem laufenden Protokoll überein.`,
  headUnknown: 'Das laufende Protokoll reicht noch nicht bis zum letzten Ereignis des Exports; aktualisieren Sie und prüfen Sie erneut.',
  headNone: 'Der Export hat keine Ereignisse zum Vergleichen.',
  findingsLang: 'Die Befunde des Prüfprogramms sind englisch, wie die Kommandozeile sie ausgibt.',
};

/** @typedef {typeof en} Messages */

/** @type {Record<Lang, Messages>} */
export const MESSAGES = { en, de };

/**
 * A window's time in the viewer's zone (as the voter page shows it) and in UTC.
 * @param {Lang} lang
 * @param {string} iso
 */
export function formatBothZones(lang, iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { local: iso, utc: iso };
  const utc = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(date);
  return { local: formatTime(lang, iso), utc };
}
