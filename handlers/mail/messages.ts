import {
  countedPostalPapers,
  eligibleVoters,
  onlinePaperCount,
  ownValue,
  postalVoters,
  PROPOSAL_MINUTES,
  type ChainHead,
  type Contest,
  type ExistingElection,
  type Language,
  type Seal,
  type TallyResult,
} from '../../domain';
import type { MailContent, MailMessage } from '../ports';
import { localTime } from './localTime';
import { MAIL_TEXTS, type MailTexts } from './mailTexts';

/**
 * The mail the system sends, in the reader's language: a voter's from the roll, else the
 * election's; observers and the committee read the election's. Times are in the election's zone.
 */

// In the fragment, which browsers never send: the token reaches no server log, no proxy, no Referer.
const votingPage = (election: ExistingElection, publicUrl: string) => `${publicUrl}/vote#election=${encodeURIComponent(election.electionId)}`;
const votingLink = (election: ExistingElection, token: string, publicUrl: string) => `${votingPage(election, publicUrl)}&token=${encodeURIComponent(token)}`;
const observersView = (election: ExistingElection, publicUrl: string) => `${publicUrl}/observe#election=${encodeURIComponent(election.electionId)}`;

/**
 * A voter's mail in the committee's words: their display name as the sender, and, in a mail in the
 * election's language (the one they wrote in), their greeting above the system's text and their
 * closing below it. A voter who reads the other language gets the system's text alone rather than
 * a greeting they may not read. Observers' and the committee's mail is the system's.
 */
function worded(election: ExistingElection, language: Language, subject: string, lines: string[]): MailContent {
  const { greeting, closing, senderName } = election.wording ?? {};
  const own = language === election.language;
  return {
    subject,
    text: [...(own && greeting ? [greeting, ''] : []), ...lines, ...(own && closing ? ['', closing] : [])].join('\n'),
    ...(senderName && { fromName: senderName }),
  };
}

/** When the voter can vote, in the election's zone: both ends once voting has a set opening. */
function windowLine(election: ExistingElection, t: MailTexts, language: Language): string[] {
  const { opensAt, closesAt } = election.window;
  if (!closesAt) return [];
  const at = (iso: string) => localTime(iso, language, election.timeZone);
  return [opensAt ? t.windowFromUntil(at(opensAt), at(closesAt)) : t.windowUntil(at(closesAt))];
}

/** A credential sent at the committee's time, days before the opening: the voter keeps the mail until then. */
function beforeOpeningLine(election: ExistingElection, t: MailTexts, language: Language): string[] {
  if (election.phase !== 'scheduled' || election.credentialsAt === undefined) return [];
  return [t.beforeOpening(localTime(election.window.opensAt, language, election.timeZone))];
}

export function credentialMail(election: ExistingElection, to: string, token: string, publicUrl: string, language: Language = election.language): MailMessage {
  const t = MAIL_TEXTS[language];
  return {
    to,
    ...worded(election, language, t.credentialSubject(election.title), [
      t.registered(election.title),
      ...windowLine(election, t, language),
      ...beforeOpeningLine(election, t, language),
      '',
      t.voteHere(votingLink(election, token, publicUrl)),
      '',
      t.yourToken(token),
      t.tokenOnce,
      '',
      t.linkTrouble(votingPage(election, publicUrl)),
      '',
      secrecyLine(election, language),
    ]),
  };
}

/** The token a preview shows where a voter's own stands: plainly not one. */
const SAMPLE_TOKEN = 'SAMPLE-TOKEN-NOT-A-REAL-ONE';

/**
 * The credential mail as a voter will read it, with a sample token, for the committee to read
 * before the lock. The API knows no public address, so its links start at the path (`/vote#…`):
 * the console, served from the voting site, puts its own origin in front.
 */
export function credentialPreview(election: ExistingElection, language: Language): MailContent & { language: Language } {
  const { to: _, ...content } = credentialMail(election, '', SAMPLE_TOKEN, '', language);
  return { ...content, language };
}

/** To a voter who has not voted yet, while voting is open: the same working link, once more. */
export function reminderMail(election: ExistingElection, to: string, token: string, publicUrl: string, language: Language = election.language): MailMessage {
  const t = MAIL_TEXTS[language];
  return {
    to,
    ...worded(election, language, t.reminderSubject(election.title), [
      t.notVotedYet(election.title),
      ...windowLine(election, t, language),
      '',
      t.voteHere(votingLink(election, token, publicUrl)),
      '',
      t.yourToken(token),
      t.reminderToken,
      '',
      t.linkTrouble(votingPage(election, publicUrl)),
    ]),
  };
}

/**
 * Tells the voter a ballot was cast with their credential, so that one cast by someone else does
 * not go unnoticed. Nothing in it maps to the ballot (no receipt, no ballot id, no time of its
 * own): whoever reads the mailbox learns only that the voter voted.
 */
export function confirmationMail(election: ExistingElection, to: string, language: Language = election.language): MailMessage {
  const t = MAIL_TEXTS[language];
  return { to, ...worded(election, language, t.confirmationSubject(election.title), [t.ballotRecorded(election.title), '', t.receiptNotHere, t.notYou, '', secrecyLine(election, language)]) };
}

/**
 * How the election keeps its ballots, in every voter's mail: a sealed one's are read by nobody
 * but the committee together, after the close; an open one's are not secret against the operator.
 */
export function secrecyLine(election: ExistingElection, language: Language = election.language): string {
  const t = MAIL_TEXTS[language];
  return election.sealed ? t.sealedSecrecy : t.openSecrecy;
}

type Tallied = Extract<ExistingElection, { phase: 'tallied' | 'published' }>;

/**
 * The results of the voter's contests: per contest one line per candidate, `name: count`, as the
 * 2019 system sent it, then its turnout; then where to read and check them, and the seal and the
 * head at sealing, which the observers' view holds the published log to.
 */
export function resultsContent(election: Tallied, contests: readonly Contest[], head: ChainHead, publicUrl: string, language: Language = election.language): MailContent {
  const t = MAIL_TEXTS[language];
  const several = election.contests.length > 1;
  const page = votingPage(election, publicUrl);
  return worded(election, language, t.resultsSubject(election.title), [
    ...contests.flatMap((contest) => [...(several ? [`== ${contest.title} ==`] : []), ...contestLines(election, contest, t), '']),
    t.resultsPage(page),
    ...(contests.some((c) => ownValue(election.results, c.id)!.sheet) ? [t.countSheets(`${page}&view=count-sheet`, several)] : []),
    ...(election.breaches.length > 0 ? ['', t.breachWarning(election.breaches.length)] : []),
    '',
    secrecyLine(election, language),
    '',
    ...anchors(election.seal, head, t),
    '',
    t.keepForVoters(observersView(election, publicUrl)),
  ]);
}

function contestLines(election: Tallied, contest: Contest, t: MailTexts): string[] {
  const result = ownValue(election.results, contest.id)!;
  const postal = postalVoters(election, contest);
  const voters = eligibleVoters(election, contest);
  // The results count the postal papers once entered; the turnout names the papers cast online apart.
  const online = onlinePaperCount(election.seal, contest.id);
  const postalPapers = countedPostalPapers(election, contest.id);
  return [
    ...result.counts.map(({ candidate, votes }) => `${result.method === 'referendum' ? sideName(candidate, t) : candidate}: ${votes}`),
    t.abstentions(result.abstentions),
    '',
    postal > 0 ? t.turnoutWithPostal(online, postal, voters) : t.turnout(online, voters),
    ...(postalPapers ? [t.postalPapers(postalPapers.valid, postalPapers.invalid)] : []),
    ...outcomeLines(result, t),
  ];
}

/** A referendum's side in the reader's language: its counts name them `yes` and `no`. */
const sideName = (side: string, t: MailTexts) => (side === 'yes' ? t.yes : side === 'no' ? t.no : side);

/** Who won, by which rule: the seats left empty, a referendum's decision, a tie plurality leaves open. */
function outcomeLines(result: TallyResult, t: MailTexts): string[] {
  if (result.method === 'referendum') {
    const count = result.sheet?.referendum;
    return [`${t.decision(result.passed === true)}${count ? ` (${t.referendumReason(count)})` : ''}`];
  }
  return [
    ...(result.method ? [t.countedBy(t.methodNames[result.method])] : []),
    t.elected(result.elected),
    ...(result.vacant ? [result.sheet?.lists ? t.vacantForLists(result.vacant) : t.vacantForRon(result.vacant)] : []),
    ...(result.tied.length > 0 ? [t.tied(result.tied)] : []),
  ];
}

/** To each observer once the box is sealed: the values an export must match, before anyone could rewrite it. */
export function sealNotice(election: ExistingElection, seal: Seal, head: ChainHead, to: string): MailMessage {
  const t = MAIL_TEXTS[election.language];
  return {
    to,
    subject: t.sealNoticeSubject(election.title),
    text: [
      t.sealed(election.title, election.electionId, seal.ballotCount),
      '',
      ...anchors(seal, head, t),
      '',
      t.keepForObservers,
      t.verifyCommand(head.hash, seal.digest),
      t.verifyWhere(election.electionId),
      t.rewrittenFails,
    ].join('\n'),
  };
}

/**
 * To each observer when a sealed box is sealed and the workflow waits for the committee: what was
 * sealed, what the trustees do next, and where to follow it. The head at sealing follows with the
 * count, once the box is opened.
 */
export function openingNotice(election: ExistingElection & { sealed: NonNullable<ExistingElection['sealed']> }, seal: Seal, to: string, publicUrl: string): MailMessage {
  const t = MAIL_TEXTS[election.language];
  const { count, threshold } = election.sealed.trustees;
  return {
    to,
    subject: t.openingNoticeSubject(election.title),
    text: [
      t.closedAndSealed(election.title, election.electionId, seal.ballotCount, seal.digest),
      '',
      t.trusteesOpen(Math.min(2, count), threshold, count),
      '',
      t.followOpening(observersView(election, publicUrl)),
    ].join('\n'),
  };
}

/** To each committee member when the workflow waits for them after a sealed box's close: what the trustees do now, and where. */
export function openingCall(election: ExistingElection & { sealed: NonNullable<ExistingElection['sealed']> }, seal: Seal, to: string, publicUrl: string): MailMessage {
  const t = MAIL_TEXTS[election.language];
  const { count, threshold } = election.sealed.trustees;
  return {
    to,
    subject: t.openingCallSubject(election.title),
    text: [
      t.countWaits(election.title, election.electionId, seal.ballotCount, seal.digest),
      '',
      t.bringTrustees(Math.min(2, count), threshold, count),
      `  ${publicUrl}/trustee?election=${encodeURIComponent(election.electionId)}`,
      '',
      t.proofsChecked,
      '',
      t.whereOpeningStands(`${publicUrl}/admin`),
    ].join('\n'),
  };
}

/** To each observer once the results are counted and wait for the committee's acceptance: provisional, and where to follow the election. */
export function acceptanceNotice(election: ExistingElection, to: string, publicUrl: string): MailMessage {
  const t = MAIL_TEXTS[election.language];
  return {
    to,
    subject: t.acceptanceNoticeSubject(election.title),
    text: [t.countedProvisional(election.title, election.electionId), '', t.followElection(observersView(election, publicUrl))].join('\n'),
  };
}

/** To each committee member when the counted results wait for their acceptance, and again each day they wait (`daysWaited` above 0). */
export function acceptanceCall(election: ExistingElection, to: string, publicUrl: string, daysWaited: number): MailMessage {
  const t = MAIL_TEXTS[election.language];
  return {
    to,
    subject: daysWaited > 0 ? t.acceptanceReminderSubject(election.title, daysWaited) : t.acceptanceCallSubject(election.title),
    text: [t.countedProvisional(election.title, election.electionId), '', t.acceptInConsole(PROPOSAL_MINUTES, `${publicUrl}/admin`), '', t.nothingUntilAccepted].join('\n'),
  };
}

/** The anchors of the audit, worded alike in the seal notice and the results: the log's own hashes can be recomputed by whoever rewrites it, these cannot. */
function anchors(seal: Seal, head: ChainHead, t: MailTexts): string[] {
  return [t.digest(seal.digest), t.headAtSealing(head.seq, head.hash)];
}
