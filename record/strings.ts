import type { CountingMethod, Role } from '../domain';

/** The languages the record is written in: German, the language of the election rules, and English. */
const RECORD_LANGUAGES = ['de', 'en'] as const;
export type RecordLanguage = (typeof RECORD_LANGUAGES)[number];

export const isRecordLanguage = (value: string | undefined): value is RecordLanguage => (RECORD_LANGUAGES as readonly string[]).includes(value ?? '');

/** The steps of an election the record dates and names the member of. */
export type StepName =
  | 'created'
  | 'candidates'
  | 'voters'
  | 'postal'
  | 'window'
  | 'observers'
  | 'memberRecorded'
  | 'memberRemoved'
  | 'locked'
  | 'scheduled'
  | 'opened'
  | 'closed'
  | 'sealed'
  | 'tallied'
  | 'postalEntered'
  | 'postalAgreed'
  | 'postalCounted'
  | 'accepted'
  | 'issued'
  | 'published'
  | 'retried'
  | 'wording'
  | 'objectionRecorded'
  | 'objectionDecided';

/**
 * Every text of the record, one table per language: the builder writes the same record in either,
 * so a section added later needs its texts here and nowhere else.
 */
export interface RecordStrings {
  /** BCP 47 tag for dates and numbers. */
  locale: string;
  title: string;
  provisional: string;
  provisionalNote: string;
  /** The note of a record whose results wait for the committee's acceptance. */
  awaitingAcceptanceNote: string;
  final: string;
  builtFrom: (seq: number) => string;
  page: (n: number, of: number) => string;
  yes: string;
  no: string;
  none: string;
  sections: {
    election: string;
    window: string;
    committee: string;
    steps: string;
    voters: string;
    breaches: string;
    contest: (title: string) => string;
    lots: string;
    integrity: string;
    notYet: string;
    signatures: string;
  };
  fields: {
    electionTitle: string;
    electionId: string;
    timeZone: string;
    contests: string;
    box: string;
    sealedBox: string;
    openBox: string;
    opensAt: string;
    closesAt: string;
    openedAt: string;
    closedAt: string;
    publishedAt: string;
    notSet: string;
    method: string;
    seats: string;
    groups: string;
    allVoters: string;
    eligible: string;
    postal: string;
    online: string;
    papers: string;
    valid: string;
    invalid: string;
    postalValid: string;
    postalInvalid: string;
    papersAll: string;
    abstentions: string;
    votersOnline: string;
    passed: string;
    decision: string;
    quota: string;
    vacant: string;
    roll: string;
    rollVoters: string;
    sealDigest: string;
    contestDigest: (contest: string) => string;
    head: string;
    headHash: string;
    acceptanceHead: string;
    acceptanceHash: string;
    notRecorded: string;
  };
  columns: {
    name: string;
    role: string;
    step: string;
    time: string;
    by: string;
    agreement: string;
    group: string;
    contest: string;
    voters: string;
    candidate: string;
    answer: string;
    firstPreferences: string;
    byPost: string;
    list: string;
    votes: string;
    seats: string;
    rank: string;
    round: string;
    purpose: string;
    among: string;
    chosen: string;
    draw: string;
    eventTime: string;
    eventName: string;
    principal: string;
    sourceIp: string;
    date: string;
    signature: string;
  };
  roles: Record<Role, string>;
  steps: Record<StepName, string>;
  agreement: { proposedBy: (name: string) => string; alone: string; system: string; unknown: string };
  methods: Record<CountingMethod, string>;
  majority: Record<'simple' | 'two-thirds', string>;
  /** A lot's purpose as the count sheet names it. */
  lotPurpose: (purpose: string) => string;
  /** Above the lists' votes and seats. */
  seatDistribution: string;
  electedHeading: string;
  substitutesHeading: string;
  remainingHeading: string;
  noOrder: string;
  /** The pseudo-candidate "re-open nominations", whose seats stay vacant. */
  ron: string;
  listSubstitutes: (list: string) => string;
  noLots: string;
  noBreaches: string;
  breachesFound: (count: number) => string;
  /** Who started the election knowing of the breaches, and who proposed it on a committee of two or more. */
  compromisedStart: (by: string, proposedBy: string | undefined) => string;
  compromisedStartUnconfirmed: string;
  integrityNote: string;
  notYetItems: string[];
  objections: {
    title: string;
    period: (days: number, endsAt: string) => string;
    none: string;
    columns: [string, string, string, string, string];
    outcomes: Record<'upheld' | 'rejected' | 'inadmissible' | 'open', string>;
    late: string;
  };
  /** The record issued when the results became final, as a later record names it: the head, and each language's SHA-256. */
  issued: {
    title: string;
    note: (head: number) => string;
    languages: Record<RecordLanguage, string>;
  };
  signaturesNote: string;
  noRoster: string;
}

const DE: RecordStrings = {
  locale: 'de-DE',
  title: 'Wahlniederschrift',
  provisional: 'VORLÄUFIG',
  provisionalNote: 'Die Ergebnisse sind noch nicht veröffentlicht.',
  awaitingAcceptanceNote: 'Die Annahme durch den Wahlausschuss steht aus.',
  final: 'Ergebnisse veröffentlicht',
  builtFrom: (seq) => `Erstellt aus dem Ereignisprotokoll bis Ereignis ${seq}`,
  page: (n, of) => `Seite ${n} von ${of}`,
  yes: 'ja',
  no: 'nein',
  none: 'keine',
  sections: {
    election: 'Wahl',
    window: 'Wahlzeitraum',
    committee: 'Wahlausschuss',
    steps: 'Verfahrensschritte',
    voters: 'Wahlberechtigte und Stimmabgabe',
    breaches: 'Sicherheitsvorfälle',
    contest: (title) => `Ergebnis: ${title}`,
    lots: 'Losentscheide',
    integrity: 'Prüfwerte',
    notYet: 'Noch nicht Teil dieser Niederschrift',
    signatures: 'Unterschriften',
  },
  fields: {
    electionTitle: 'Bezeichnung',
    electionId: 'Kennung',
    timeZone: 'Zeitzone',
    contests: 'Wahlgänge',
    box: 'Urne',
    sealedBox: 'verschlüsselt (versiegelte Urne)',
    openBox: 'unverschlüsselt',
    opensAt: 'Beginn der Stimmabgabe (geplant)',
    closesAt: 'Ende der Stimmabgabe (geplant)',
    openedAt: 'Stimmabgabe eröffnet',
    closedAt: 'Stimmabgabe geschlossen',
    publishedAt: 'Ergebnis veröffentlicht',
    notSet: 'nicht festgelegt',
    method: 'Wahlverfahren',
    seats: 'Sitze',
    groups: 'Wahlberechtigte Gruppen',
    allVoters: 'alle Wahlberechtigten',
    eligible: 'Wahlberechtigte',
    postal: 'davon Briefwahl',
    online: 'davon online wahlberechtigt',
    papers: 'Abgegebene Stimmzettel (online)',
    valid: 'Gültige Stimmzettel',
    invalid: 'Ungültige Stimmzettel',
    postalValid: 'Briefwahlstimmzettel, gültig',
    postalInvalid: 'Briefwahlstimmzettel, ungültig',
    papersAll: 'Stimmzettel insgesamt (online und Briefwahl)',
    abstentions: 'Enthaltungen',
    votersOnline: 'Online Wählende (alle Wahlgänge)',
    passed: 'Angenommen',
    decision: 'Entscheidung',
    quota: 'Quote',
    vacant: 'Unbesetzte Sitze',
    roll: 'Fingerabdruck des Wählerverzeichnisses (SHA-256)',
    rollVoters: 'Einträge im Wählerverzeichnis bei der Sperrung',
    sealDigest: 'Prüfsumme der versiegelten Urne',
    contestDigest: (contest) => `Prüfsumme der Urne ${contest}`,
    head: 'Letztes Ereignis (Nummer)',
    headHash: 'Hash des letzten Ereignisses',
    acceptanceHead: 'Annahme des Ergebnisses (Ereignisnummer)',
    acceptanceHash: 'Hash des Ereignisses der Annahme',
    notRecorded: 'nicht im Protokoll',
  },
  columns: {
    name: 'Name',
    role: 'Rolle',
    step: 'Schritt',
    time: 'Zeitpunkt',
    by: 'Ausgeführt von',
    agreement: 'Zustimmung',
    group: 'Gruppe',
    contest: 'Wahlgang',
    voters: 'Wahlberechtigte',
    candidate: 'Kandidat*in',
    answer: 'Antwort',
    firstPreferences: 'Erstpräferenzen',
    byPost: 'davon per Briefwahl',
    list: 'Liste',
    votes: 'Stimmen',
    seats: 'Sitze',
    rank: 'Platz',
    round: 'Runde',
    purpose: 'Gegenstand',
    among: 'Unter',
    chosen: 'Gezogen',
    draw: 'Losziehung (SHA-256)',
    eventTime: 'Zeitpunkt',
    eventName: 'Vorgang',
    principal: 'Wer',
    sourceIp: 'Von',
    date: 'Datum',
    signature: 'Unterschrift',
  },
  roles: { committee: 'Mitglied des Wahlausschusses', helpdesk: 'Helpdesk', observer: 'Beobachtung' },
  steps: {
    created: 'Wahl angelegt',
    candidates: 'Kandidierende eingetragen',
    voters: 'Wahlberechtigte eingetragen',
    postal: 'Briefwahl vermerkt',
    window: 'Wahlzeitraum festgelegt',
    observers: 'Beobachtende festgelegt',
    memberRecorded: 'Mitglied des Wahlausschusses eingetragen',
    memberRemoved: 'Mitglied des Wahlausschusses ausgetragen',
    locked: 'Wählerverzeichnis gesperrt',
    scheduled: 'Wahl gestartet, Stimmabgabe geplant',
    opened: 'Stimmabgabe eröffnet',
    closed: 'Stimmabgabe geschlossen',
    sealed: 'Urne versiegelt',
    tallied: 'Stimmen ausgezählt',
    postalEntered: 'Briefwahlstimmzettel erfasst (erste Eingabe)',
    postalAgreed: 'Briefwahlstimmzettel erfasst (zweite Eingabe, übereinstimmend)',
    postalCounted: 'Stimmen mit der Briefwahl neu ausgezählt',
    accepted: 'Ergebnis vom Wahlausschuss angenommen',
    issued: 'Niederschrift ausgestellt',
    published: 'Ergebnis veröffentlicht',
    retried: 'Angehaltener Ablauf wiederholt',
    wording: 'Texte der E-Mails an Wählende festgelegt',
    objectionRecorded: 'Wahlanfechtung verzeichnet',
    objectionDecided: 'Über Wahlanfechtung entschieden',
  },
  agreement: { proposedBy: (name) => `vorgeschlagen von ${name}`, alone: 'einziges Mitglied', system: 'automatisch', unknown: '–' },
  methods: {
    plurality: 'Mehrheitswahl',
    irv: 'Integrierte Stichwahl (IRV)',
    'scottish-stv': 'Übertragbare Einzelstimmgebung (STV), schottische Regeln (SSI 2007/42)',
    'meek-stv': 'Übertragbare Einzelstimmgebung (STV), Verfahren nach Meek',
    schulze: 'Schulze-Methode',
    dhondt: "Höchstzahlverfahren nach D'Hondt",
    'sainte-lague': 'Höchstzahlverfahren nach Sainte-Laguë/Schepers',
    'hare-niemeyer': 'Hare/Niemeyer (größte Reste)',
    referendum: 'Urabstimmung',
  },
  majority: { simple: 'einfache Mehrheit', 'two-thirds': 'Zweidrittelmehrheit' },
  lotPurpose: (purpose) =>
    new Map([
      ['exclude', 'Ausschluss'],
      ['surplus', 'Überschuss'],
      ['elect', 'Wahl'],
      ['seat', 'Sitz'],
      ['rank', 'Rangfolge'],
    ]).get(purpose) ?? purpose,
  seatDistribution: 'Sitzverteilung',
  electedHeading: 'Gewählte (in der Reihenfolge der Wahl)',
  substitutesHeading: 'Nachrückende (Ersatzleute, in der Reihenfolge des Nachrückens)',
  remainingHeading: 'Nicht gewählt',
  noOrder: 'Die Zählung ergibt keine Reihenfolge der nicht Gewählten.',
  ron: 'Neuausschreibung (RON)',
  listSubstitutes: (list) => `Nachrückende der Liste ${list}`,
  noLots: 'Es war kein Losentscheid nötig.',
  noBreaches: 'Während der Sperrung wurde kein Sicherheitsvorfall erkannt.',
  breachesFound: (count) =>
    count === 1
      ? 'Während der Sperrung wurde 1 Sicherheitsvorfall erkannt und den Beobachtenden gemeldet:'
      : `Während der Sperrung wurden ${count} Sicherheitsvorfälle erkannt und den Beobachtenden gemeldet:`,
  compromisedStart: (by, proposedBy) => `In Kenntnis dieser Vorfälle wurde die Wahl gestartet: ${proposedBy ? `vorgeschlagen von ${proposedBy}, bestätigt von ${by}` : `von ${by}`}.`,
  compromisedStartUnconfirmed: 'Die Vorfälle wurden nach dem Start erkannt.',
  integrityNote: 'Eine gedruckte Niederschrift wird geprüft, indem sie aus dem Prüfexport neu erstellt wird (election audit record) und die SHA-256-Prüfsummen beider Dateien verglichen werden.',
  notYetItems: ['Bemerkungen des Wahlausschusses'],
  issued: {
    title: 'Die Niederschrift wie ausgestellt',
    note: (head) =>
      `Mit dem Stand von Ereignis ${head}, als das Ergebnis endgültig wurde, wurde die Niederschrift ausgestellt und ihre SHA-256-Prüfsumme im Ereignisprotokoll festgehalten. Ein gedrucktes und unterschriebenes Exemplar wird gegen diese Prüfsummen geprüft (sha256sum der PDF-Datei, oder election audit record):`,
    languages: { de: 'Niederschrift wie ausgestellt, Deutsch: SHA-256', en: 'Niederschrift wie ausgestellt, Englisch: SHA-256' },
  },
  objections: {
    title: 'Wahlanfechtungen',
    period: (days, endsAt) => `Die Anfechtungsfrist beträgt ${days} Tage nach der Veröffentlichung und endet am ${endsAt}.`,
    none: 'Es ist keine Wahlanfechtung verzeichnet.',
    columns: ['Nr.', 'Eingang', 'Gründe (Zusammenfassung)', 'Entscheidung', 'Begründung'],
    outcomes: { upheld: 'stattgegeben', rejected: 'zurückgewiesen', inadmissible: 'als unzulässig verworfen', open: 'noch nicht entschieden' },
    late: 'nach Ablauf der Frist',
  },
  signaturesNote: 'Die Richtigkeit dieser Niederschrift bestätigen die Mitglieder des Wahlausschusses:',
  noRoster: 'Das Protokoll nennt keine Mitglieder des Wahlausschusses.',
};

const EN: RecordStrings = {
  locale: 'en-GB',
  title: 'Official record of the election',
  provisional: 'PROVISIONAL',
  provisionalNote: 'The results are not published yet.',
  awaitingAcceptanceNote: "Awaiting the committee's acceptance.",
  final: 'Results published',
  builtFrom: (seq) => `Built from the event log up to event ${seq}`,
  page: (n, of) => `Page ${n} of ${of}`,
  yes: 'yes',
  no: 'no',
  none: 'none',
  sections: {
    election: 'Election',
    window: 'Voting window',
    committee: 'Election committee',
    steps: 'Steps of the election',
    voters: 'Eligible voters and turnout',
    breaches: 'Security breaches',
    contest: (title) => `Result: ${title}`,
    lots: 'Ties broken by lot',
    integrity: 'Fingerprints',
    notYet: 'Not yet part of this record',
    signatures: 'Signatures',
  },
  fields: {
    electionTitle: 'Title',
    electionId: 'Id',
    timeZone: 'Time zone',
    contests: 'Contests',
    box: 'Ballot box',
    sealedBox: 'encrypted (sealed box)',
    openBox: 'not encrypted',
    opensAt: 'Voting opens (planned)',
    closesAt: 'Voting closes (planned)',
    openedAt: 'Voting opened',
    closedAt: 'Voting closed',
    publishedAt: 'Results published',
    notSet: 'not set',
    method: 'Counting method',
    seats: 'Seats',
    groups: 'Voter groups',
    allVoters: 'all voters',
    eligible: 'Eligible voters',
    postal: 'of whom postal voters',
    online: 'of whom may vote online',
    papers: 'Ballot papers cast online',
    valid: 'Valid papers',
    invalid: 'Invalid papers',
    postalValid: 'Postal papers, valid',
    postalInvalid: 'Postal papers, invalid',
    papersAll: 'Ballot papers in all (online and by post)',
    abstentions: 'Abstentions',
    votersOnline: 'Voters online (all contests)',
    passed: 'Passed',
    decision: 'Decision',
    quota: 'Quota',
    vacant: 'Vacant seats',
    roll: "Voter roll's fingerprint (SHA-256)",
    rollVoters: 'Voters on the roll when locked',
    sealDigest: "Sealed ballot box's digest",
    contestDigest: (contest) => `Digest of the box of ${contest}`,
    head: 'Last event (number)',
    headHash: "Last event's hash",
    acceptanceHead: 'Acceptance of the results (event number)',
    acceptanceHash: "Acceptance event's hash",
    notRecorded: 'not in the log',
  },
  columns: {
    name: 'Name',
    role: 'Role',
    step: 'Step',
    time: 'Time',
    by: 'Done by',
    agreement: 'Agreement',
    group: 'Group',
    contest: 'Contest',
    voters: 'Eligible voters',
    candidate: 'Candidate',
    answer: 'Answer',
    firstPreferences: 'First preferences',
    byPost: 'of them by post',
    list: 'List',
    votes: 'Votes',
    seats: 'Seats',
    rank: 'Rank',
    round: 'Round',
    purpose: 'Decides',
    among: 'Among',
    chosen: 'Drawn',
    draw: 'Draw (SHA-256)',
    eventTime: 'Time',
    eventName: 'Call',
    principal: 'Who',
    sourceIp: 'From',
    date: 'Date',
    signature: 'Signature',
  },
  roles: { committee: 'election committee member', helpdesk: 'help desk', observer: 'observer' },
  steps: {
    created: 'Election created',
    candidates: 'Candidates added',
    voters: 'Voters added to the roll',
    postal: 'Postal voters marked',
    window: 'Voting window set',
    observers: 'Observers set',
    memberRecorded: 'Committee member recorded',
    memberRemoved: 'Committee member removed',
    locked: 'Voter roll locked',
    scheduled: 'Election started, voting scheduled',
    opened: 'Voting opened',
    closed: 'Voting closed',
    sealed: 'Ballot box sealed',
    tallied: 'Votes counted',
    postalEntered: 'Postal papers entered (first entry)',
    postalAgreed: 'Postal papers entered (second entry, agreeing)',
    postalCounted: 'Votes counted again with the postal papers',
    accepted: 'Results accepted by the committee',
    issued: 'Record issued',
    published: 'Results published',
    retried: 'Stopped workflow run again',
    wording: "The voters' mail worded",
    objectionRecorded: 'Objection recorded',
    objectionDecided: 'Objection decided',
  },
  agreement: { proposedBy: (name) => `proposed by ${name}`, alone: 'only member', system: 'automatic', unknown: '–' },
  methods: {
    plurality: 'plurality',
    irv: 'instant-runoff voting (IRV)',
    'scottish-stv': 'single transferable vote, Scottish rules (SSI 2007/42)',
    'meek-stv': "single transferable vote, Meek's method",
    schulze: 'Schulze method',
    dhondt: "D'Hondt",
    'sainte-lague': 'Sainte-Laguë/Schepers',
    'hare-niemeyer': 'Hare-Niemeyer (largest remainder)',
    referendum: 'referendum',
  },
  majority: { simple: 'simple majority', 'two-thirds': 'two-thirds majority' },
  lotPurpose: (purpose) => purpose,
  seatDistribution: 'Seats per list',
  electedHeading: 'Elected (in order of election)',
  substitutesHeading: 'Substitutes (in the order they move up)',
  remainingHeading: 'Not elected',
  noOrder: 'The count gives no order of those not elected.',
  ron: 'Re-open nominations (RON)',
  listSubstitutes: (list) => `Substitutes of list ${list}`,
  noLots: 'No tie had to be broken by lot.',
  noBreaches: 'No security breach was detected while the election was locked.',
  breachesFound: (count) => `${count} security breach${count === 1 ? ' was' : 'es were'} detected while the election was locked, and reported to the observers:`,
  compromisedStart: (by, proposedBy) => `The election was started knowing of these breaches: ${proposedBy ? `proposed by ${proposedBy}, confirmed by ${by}` : `started by ${by}`}.`,
  compromisedStartUnconfirmed: 'The breaches were detected after the start.',
  integrityNote: "A printed record is checked by building it again from the audit export (election audit record) and comparing both files' SHA-256 digests.",
  notYetItems: ["The committee's own remarks"],
  issued: {
    title: 'The record as issued',
    note: (head) =>
      `The record was issued as of event ${head}, when the results became final, and its SHA-256 digests were recorded in the event log. A printed and signed copy is checked against these digests (sha256sum of the PDF, or election audit record):`,
    languages: { de: 'Record as issued, German: SHA-256', en: 'Record as issued, English: SHA-256' },
  },
  objections: {
    title: 'Objections to the election',
    period: (days, endsAt) => `The election may be challenged for ${days} days after its publication, until ${endsAt}.`,
    none: 'No objection is recorded.',
    columns: ['No.', 'Received', 'Grounds (summary)', 'Decision', 'Reasons'],
    outcomes: { upheld: 'upheld', rejected: 'rejected', inadmissible: 'dismissed as inadmissible', open: 'not decided yet' },
    late: 'after the period',
  },
  signaturesNote: 'The members of the election committee confirm this record:',
  noRoster: 'The log names no members of the election committee.',
};

export const RECORD_STRINGS: Readonly<Record<RecordLanguage, RecordStrings>> = { de: DE, en: EN };
