import { describe, expect, it } from 'vitest';
import { replay, type ElectionEvent, type ExistingElection, type Language, type TallyResult } from '../../../domain';
import { countReferendum } from '../../../domain/counting/referendum';
import { acceptanceCall, acceptanceNotice, confirmationMail, credentialMail, openingCall, openingNotice, reminderMail, resultsContent, sealNotice } from '../../../handlers/mail/messages';

const PUBLIC_URL = 'https://vote.asta.example';
const TOKEN = 'tok_4f9Qm2xVb7LcD1sE8aHk3w';
const HEAD = { seq: 41, hash: 'b'.repeat(64) };
/** Mid-January, winter time (MEZ/CET), and a window that ends after the change to summer time (MESZ/CEST). */
const WINDOW = { opensAt: '2027-03-22T08:00:00.000Z', closesAt: '2027-03-31T16:00:00.000Z' };

const ballots = (yes: number, no: number, abstain: number): TallyResult => ({
  ballots: yes + no + abstain,
  abstentions: abstain,
  seats: 0,
  counts: [
    { candidate: 'yes', votes: yes },
    { candidate: 'no', votes: no },
  ],
  elected: [],
  tied: [],
  method: 'referendum',
  passed: true,
  sheet: countReferendum({ yes, no, abstain, majority: 'two-thirds', quorumPercent: 20, registeredVoters: 300 }),
});

/** A union's election of two contests, a council by STV and a referendum, in `language`, counted and published. */
function publishedElection(language: Language): Extract<ExistingElection, { phase: 'published' }> {
  const events: ElectionEvent[] = [
    {
      type: 'ElectionCreated',
      data: {
        electionId: 'stupa-2027',
        title: 'Studierendenparlament 2027',
        contests: [
          { id: 'council', title: 'Fachschaftsrat Informatik', ballot: { kind: 'ranked', method: 'scottish-stv', seats: 2 } },
          { id: 'fee', title: 'Urabstimmung Semesterticket', ballot: { kind: 'referendum', majority: 'two-thirds', quorumPercent: 20 } },
        ],
        language,
        timeZone: 'Europe/Berlin',
      },
    },
    { type: 'VotersRegistered', data: { count: 300 } },
    { type: 'VotingWindowSet', data: WINDOW },
    { type: 'ElectionLocked', data: {} },
    { type: 'VotingOpened', data: { at: WINDOW.opensAt } },
    { type: 'VotingClosed', data: { at: WINDOW.closesAt } },
    {
      type: 'BallotBoxSealed',
      data: {
        ballotCount: 402,
        digest: 'd'.repeat(64),
        voters: 211,
        contests: [
          { contest: 'council', ballotCount: 190, digest: 'c'.repeat(64) },
          { contest: 'fee', ballotCount: 211, digest: 'f'.repeat(64) },
        ],
      },
    },
    {
      type: 'ResultsTallied',
      data: {
        results: {
          council: {
            ballots: 190,
            abstentions: 12,
            seats: 2,
            counts: [
              { candidate: 'Zoë Bauer', votes: 81 },
              { candidate: 'Jonas Weiß', votes: 62 },
              { candidate: 'Ada Öztürk', votes: 35 },
            ],
            elected: ['Zoë Bauer', 'Jonas Weiß'],
            tied: [],
            method: 'scottish-stv',
          },
          fee: ballots(140, 52, 19),
        },
      },
    },
    { type: 'ResultsPublished', data: { at: '2027-03-31T16:05:00.000Z' } },
  ];
  const state = replay(events);
  if (state.phase !== 'published') throw new Error(`the fixture is ${state.phase}`);
  return state;
}

const sealed = (election: ExistingElection) => ({ ...election, sealed: { trustees: { count: 5, threshold: 3 } } }) as ExistingElection & { sealed: NonNullable<ExistingElection['sealed']> };

/**
 * Every mail the system sends, in German and in English, as the reader gets it: golden files under
 * `test/unit/mail/golden/`, read once by a reader of each language. A change to any wording shows up
 * here as a diff to read again.
 */
describe.each(['de', 'en'] as const)('the mail in %s', (language) => {
  const election = publishedElection(language);
  const seal = election.seal;
  const mail = (name: string, message: { subject: string; text: string }) => expect(`Subject: ${message.subject}\n\n${message.text}\n`).toMatchFileSnapshot(`golden/${name}.${language}.txt`);

  it('the credential: the window in the election’s time zone, the link, the token, and what to do if the link fails', async () => {
    const credential = credentialMail(election, 'voter@uni.example', TOKEN, PUBLIC_URL, language);
    await mail('credential', credential);
    expect(credential.text).not.toMatch(/\d{4}-\d\d-\d\dT|UTC|\d\dZ\b/);
    expect(credential.text).toContain(
      language === 'de' ? 'von Montag, 22. März 2027, 09:00 MEZ bis Mittwoch, 31. März 2027, 18:00 MESZ' : 'from Monday, 22 March 2027, 09:00 CET until Wednesday, 31 March 2027, 18:00 CEST',
    );
  });
  it('the credential mailed at the committee’s send time, days before voting opens: keep it, the link works from the opening', async () => {
    const scheduled = { ...election, phase: 'scheduled', window: WINDOW, credentialsAt: '2027-03-19T09:00:00.000Z' } as unknown as ExistingElection;
    const credential = credentialMail(scheduled, 'voter@uni.example', TOKEN, PUBLIC_URL, language);
    await mail('credential-early', credential);
    expect(credential.text).toContain(language === 'de' ? 'gelten ab Montag, 22. März 2027, 09:00 MEZ;' : 'work from Monday, 22 March 2027, 09:00 CET on;');
  });
  it('the reminder', () => mail('reminder', reminderMail(election, 'voter@uni.example', TOKEN, PUBLIC_URL, language)));
  it('the confirmation', () => mail('confirmation', confirmationMail(election, 'voter@uni.example', language)));
  it('the results: links to the results page and the observers’ view, never a command to run', async () => {
    const results = resultsContent(election, election.contests, HEAD, PUBLIC_URL, language);
    await mail('results', results);
    expect(results.text).toContain(`${PUBLIC_URL}/observe#election=stupa-2027`);
    expect(results.text).not.toContain('npm');
  });
  it('the seal notice to observers', () => mail('seal-notice', sealNotice(election, seal, HEAD, 'observer@uni.example')));
  it('the opening notice to observers', () => mail('opening-notice', openingNotice(sealed(election), seal, 'observer@uni.example', PUBLIC_URL)));
  it('the call to the committee to open the box', () => mail('opening-call', openingCall(sealed(election), seal, 'chair@uni.example', PUBLIC_URL)));
  it('the notice to observers that the counted results wait for the committee’s acceptance', () => mail('acceptance-notice', acceptanceNotice(election, 'observer@uni.example', PUBLIC_URL)));
  it('the call to the committee to accept the results', () => mail('acceptance-call', acceptanceCall(election, 'chair@uni.example', PUBLIC_URL, 0)));
  it('the committee’s reminder, days after the count', () => mail('acceptance-reminder', acceptanceCall(election, 'chair@uni.example', PUBLIC_URL, 2)));
});

describe("the committee's wording in a voter's mail", () => {
  it('greets above the system’s text, closes below it, and names the committee as the sender', async () => {
    const election = {
      ...publishedElection('de'),
      wording: { senderName: 'Wahlausschuss der Studierendenschaft', greeting: 'Liebe Studierende,', closing: 'Mit freundlichen Grüßen\nIhr Wahlausschuss' },
    };
    const credential = credentialMail(election, 'voter@uni.example', TOKEN, PUBLIC_URL);
    await expect(`From: ${credential.fromName}\nSubject: ${credential.subject}\n\n${credential.text}\n`).toMatchFileSnapshot('golden/credential-worded.de.txt');
    expect(resultsContent(election, election.contests, HEAD, PUBLIC_URL)).toMatchObject({ fromName: 'Wahlausschuss der Studierendenschaft', text: expect.stringMatching(/^Liebe Studierende,\n/) });
    // A voter who reads English gets the committee's name, not a German greeting they may not read.
    const english = credentialMail(election, 'voter@uni.example', TOKEN, PUBLIC_URL, 'en');
    expect(english).toMatchObject({ fromName: 'Wahlausschuss der Studierendenschaft', text: expect.stringMatching(/^You are registered to vote/) });
    expect(english.text).not.toContain('Mit freundlichen Grüßen');
    // Observers and the committee get the system's mail: the committee's words are for voters.
    expect(sealNotice(election, election.seal, HEAD, 'observer@uni.example')).not.toHaveProperty('fromName');
  });
});

describe('the language of a mail', () => {
  it('is the election’s unless the voter’s is given, and an election without one speaks English in Berlin time', () => {
    const german = publishedElection('de');
    expect(credentialMail(german, 'v@uni.example', TOKEN, PUBLIC_URL).subject).toBe('Ihre Zugangsdaten zur Wahl: Studierendenparlament 2027');
    expect(credentialMail(german, 'v@uni.example', TOKEN, PUBLIC_URL, 'en').subject).toBe('Your voting credential: Studierendenparlament 2027');
    const plain = replay([
      { type: 'ElectionCreated', data: { electionId: 'plain', title: 'Council', ballot: { kind: 'single' } } },
      { type: 'VotingWindowSet', data: { closesAt: '2027-01-15T17:00:00.000Z' } },
    ]) as ExistingElection;
    expect(plain).toMatchObject({ language: 'en', timeZone: 'Europe/Berlin' });
    expect(reminderMail(plain, 'v@uni.example', TOKEN, PUBLIC_URL).text).toContain('You can vote until Friday, 15 January 2027, 18:00 CET.');
  });
});
