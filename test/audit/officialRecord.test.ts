import { createHash } from 'node:crypto';
import { extractText } from 'unpdf';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resultsWithSheets, type RecordedEvent } from '../../domain';
import { buildOfficialRecord, loadRecordFonts, type RecordFonts } from '../../record';
import { rechain } from './forge';
import { BREACH, OBJECTIONS, recordElectionLog, ROLL_FINGERPRINT } from '../support/recordElection';

/**
 * The official record of an election of three contests (list PR, Scottish STV with a lot drawn, a
 * referendum) for voter groups, with postal voters, a committee of two, and a start that knew of a
 * breach: every field the rules ask for is in the PDF's text, in German and in English, and the same
 * log gives the same bytes whatever the clock and the machine's time zone say.
 */
let fonts: RecordFonts;
beforeAll(async () => {
  fonts = await loadRecordFonts();
});
afterEach(() => {
  vi.useRealTimers();
  delete process.env.TZ;
});

/** The page's foot, wherever a page breaks the text. */
const isFooter = (line: string) => /^((Wahlniederschrift|Official record of the election) · wahl-2026 · |(Hash des letzten Ereignisses|Last event's hash): |(Seite|Page) \d+ (von|of) \d+$)/.test(line);
/** The text as one, its lines without the pages' feet. */
const joined = (lines: readonly string[]) => lines.filter((line) => !isFooter(line)).join('\n');

/** The PDF's text, a line per line of print, runs of spaces as one. */
async function textOf(pdf: Uint8Array): Promise<string[]> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim());
}

const log = recordElectionLog();
const head = log.at(-1)!;
const sealed = log.find((e): e is Extract<RecordedEvent, { type: 'BallotBoxSealed' }> => e.type === 'BallotBoxSealed')!;
const tallied = log.find((e): e is Extract<RecordedEvent, { type: 'ResultsTallied' }> => e.type === 'ResultsTallied')!;
const lots = Object.values(resultsWithSheets('results' in tallied.data ? tallied.data.results : {}, log)).flatMap((r) => r.sheet?.lots ?? []);

describe('the official record (Wahlniederschrift)', () => {
  it('draws two lots in this election, so that the record has them to show', () => {
    expect(lots.map((l) => [l.purpose, l.among, l.chosen])).toEqual([
      ['seat', ['Grüner Campus', 'Offene Uni'], 'Grüner Campus'],
      ['exclude', ['Bea Cole', 'Cal Dunn'], 'Cal Dunn'],
    ]);
  });

  it('holds every field in German, with the terms of the rules and times in Europe/Berlin', async () => {
    const lines = await textOf(await buildOfficialRecord(log, 'de', fonts));
    const text = joined(lines);
    expect(lines[0]).toBe('Wahlniederschrift');
    expect(text).not.toContain('VORLÄUFIG');
    expect(lines).toContain('Bezeichnung Hochschulwahlen 2026');
    expect(lines).toContain('Kennung wahl-2026');
    // Contests with their method and seats.
    expect(text).toContain('Studierendenparlament\n(parliament)\nHöchstzahlverfahren nach\nSainte-Laguë/Schepers\n3 alle Wahlberechtigten');
    expect(text).toMatch(/Übertragbare Einzelstimmgebung\n\(STV\), schottische Regeln \(SSI\n2007\/42\)\n1 faculty:informatik/);
    expect(lines).toContain('Urabstimmung, einfache Mehrheit 0 status:doctoral');
    // The window in the election's zone, named; never in UTC.
    expect(lines).toContain('Ende der Stimmabgabe (geplant) 30.11.2026 10:00:00 MEZ (Europe/Berlin)');
    expect(lines).toContain('Stimmabgabe eröffnet 30.11.2026 09:07:00 MEZ (Europe/Berlin)');
    expect(lines).toContain('Stimmabgabe geschlossen 30.11.2026 10:01:00 MEZ (Europe/Berlin)');
    expect(text).not.toMatch(/UTC|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // The committee, and who did each step.
    expect(lines).toContain('Ada Lovelace Mitglied des Wahlausschusses');
    expect(lines).toContain('Katherine Johnson Mitglied des Wahlausschusses');
    expect(lines).toContain('Grace Hopper Helpdesk');
    expect(text).toContain('Wählerverzeichnis gesperrt 30.11.2026 09:04:00 MEZ\n(Europe/Berlin)\nKatherine Johnson vorgeschlagen von\nAda Lovelace');
    expect(text).toContain('Stimmabgabe eröffnet 30.11.2026 09:07:00 MEZ\n(Europe/Berlin)\nKatherine Johnson vorgeschlagen von\nAda Lovelace');
    expect(text).toContain('Urne versiegelt 30.11.2026 10:02:00 MEZ\n(Europe/Berlin)\nautomatisch');
    expect(text).toContain('Kandidierende eingetragen 30.11.2026 09:00:00 MEZ\n(Europe/Berlin)\nAda Lovelace');
    expect(text).toContain('Briefwahl vermerkt 30.11.2026 09:02:00 MEZ\n(Europe/Berlin)\nAda Lovelace');
    // Eligible voters, per group and per contest, postal voters, papers cast.
    expect(lines).toContain('Wahlberechtigte 9');
    expect(lines).toContain('davon Briefwahl 2');
    expect(lines).toContain('Online Wählende (alle Wahlgänge) 6');
    expect(lines).toEqual(expect.arrayContaining(['faculty:biologie 4', 'faculty:informatik 5', 'status:doctoral 3']));
    expect(lines).toEqual(expect.arrayContaining(['Studierendenparlament 9 2 4', 'Fachschaftsrat Informatik 5 1 5', 'Urabstimmung Promovierende 3 1 3']));
    // Valid and invalid papers and abstentions, votes per list and per candidate in every script.
    expect(text).toContain(
      'Ergebnis: Studierendenparlament\nWahlverfahren Höchstzahlverfahren nach Sainte-Laguë/Schepers\nSitze 3\nAbgegebene Stimmzettel (online) 4\nGültige Stimmzettel 3\nUngültige Stimmzettel 0\nEnthaltungen 1',
    );
    expect(text).toContain('Sitzverteilung\nListe Stimmen Sitze\nGrüner Campus 3 2\nOffene Uni 3 1');
    expect(lines).toEqual(
      expect.arrayContaining(['Anna Berg Grüner Campus 2', 'Юлия Смирнова Grüner Campus 1', 'Ben Kaya Grüner Campus 0', 'Clara Stein Offene Uni 1', 'Δημήτρης Παππάς Offene Uni 1']),
    );
    // The elected in order, then each list's substitutes.
    expect(text).toContain('Gewählte (in der Reihenfolge der Wahl)\nPlatz Name\n1 Anna Berg\n2 Юлия Смирнова\n3 Clara Stein');
    expect(text).toContain('Nachrückende der Liste Grüner Campus\nPlatz Name\n1 Ben Kaya');
    expect(text).toMatch(/Nachrückende der Liste Offene Uni\nPlatz Name\n(.*\n)?1 Δημήτρης Παππάς/);
    expect(text).toContain('Ergebnis: Fachschaftsrat Informatik');
    expect(text).toContain('Quote 3.00000\nKandidat*in Erstpräferenzen\nAda Byron 2\nBea Cole 1\nCal Dunn 1');
    expect(text).toContain('Gewählte (in der Reihenfolge der Wahl)\nPlatz Name\n1 Ada Byron\nNicht gewählt\nBea Cole, Cal Dunn.');
    expect(text).toContain('Entscheidung Angenommen: ja\nAntwort Stimmen\nja 2\nnein 1');
    // Every lot, with its draw to do again.
    expect(text).toContain('Losentscheide');
    expect(text).toContain(
      'Wahlgang Runde Gegenstand Unter Gezogen\nStudierendenparlament 3 Sitz Grüner Campus, Offene Uni Grüner Campus\nFachschaftsrat\nInformatik\n2 Ausschluss Bea Cole, Cal Dunn Cal Dunn',
    );
    for (const lot of lots) expect(lines).toContain(lot.draw);
    // The breach and how the start was confirmed.
    expect(lines).toContain('Während der Sperrung wurde 1 Sicherheitsvorfall erkannt und den Beobachtenden gemeldet:');
    expect(text).toContain('30.11.2026 09:05:30 MEZ\n(Europe/Berlin)\nConsoleLogin');
    expect(text).toContain(BREACH.sourceIp);
    expect(text.replace(/\n/g, ' ')).toContain('In Kenntnis dieser Vorfälle wurde die Wahl gestartet: vorgeschlagen von Ada Lovelace, bestätigt von Katherine Johnson.');
    // Fingerprints: the roll, the seal (and each box's), the head the record was built from.
    expect(text).toContain(`Fingerabdruck des Wählerverzeichnisses (SHA-256)\n${ROLL_FINGERPRINT}`);
    expect(text).toContain(`Prüfsumme der versiegelten Urne\n${sealed.data.digest}`);
    for (const box of sealed.data.contests!) expect(text).toContain(`Prüfsumme der Urne ${box.contest}\n${box.digest}`);
    expect(text).toContain(`Letztes Ereignis (Nummer)\n${head.seq}\nHash des letzten Ereignisses\n${head.hash}`);
    // What is not in it yet, and a line to sign for each committee member.
    expect(text).toContain('Noch nicht Teil dieser Niederschrift');
    expect(text).toContain('Unterschriften\nDie Richtigkeit dieser Niederschrift bestätigen die Mitglieder des Wahlausschusses:\nName Datum Unterschrift\nAda Lovelace\nKatherine Johnson');
    expect(text).not.toMatch(/Unterschrift\n(.*\n)*Grace Hopper/);
    // Every page's foot names the head.
    const pages = lines.filter((line) => /^Seite \d von 4$/.test(line));
    expect(pages).toEqual(['Seite 1 von 4', 'Seite 2 von 4', 'Seite 3 von 4', 'Seite 4 von 4']);
    expect(lines.filter((line) => line === `Wahlniederschrift · wahl-2026 · Erstellt aus dem Ereignisprotokoll bis Ereignis ${head.seq}`)).toHaveLength(4);
    expect(lines.filter((line) => line === `Hash des letzten Ereignisses: ${head.hash}`)).toHaveLength(4);
  });

  it('holds the same fields in English, from the same table of texts', async () => {
    const lines = await textOf(await buildOfficialRecord(log, 'en', fonts));
    const text = joined(lines);
    expect(lines[0]).toBe('Official record of the election');
    expect(lines).toContain('Voting closes (planned) 2026-11-30 10:00:00 CET (Europe/Berlin)');
    expect(lines).toContain('Ada Lovelace election committee member');
    expect(text).toContain('Voter roll locked 2026-11-30 09:04:00 CET\n(Europe/Berlin)\nKatherine Johnson proposed by Ada\nLovelace');
    expect(lines).toEqual(expect.arrayContaining(['Eligible voters 9', 'of whom postal voters 2', 'Studierendenparlament 9 2 4', 'faculty:informatik 5']));
    expect(text).toContain('Ballot papers cast online 4\nValid papers 3\nInvalid papers 0\nAbstentions 1');
    expect(lines).toEqual(expect.arrayContaining(['Юлия Смирнова Grüner Campus 1', 'Δημήτρης Παππάς Offene Uni 1']));
    expect(text).toContain('Elected (in order of election)\nRank Name\n1 Anna Berg\n2 Юлия Смирнова\n3 Clara Stein');
    expect(text).toContain('Substitutes of list Grüner Campus\nRank Name\n1 Ben Kaya');
    expect(text).toContain('Decision Passed: yes\nAnswer Votes\nyes 2\nno 1');
    expect(lines).toEqual(expect.arrayContaining(['Studierendenparlament 3 seat Grüner Campus, Offene Uni Grüner Campus', '2 exclude Bea Cole, Cal Dunn Cal Dunn']));
    for (const lot of lots) expect(lines).toContain(lot.draw);
    expect(text.replace(/\n/g, ' ')).toContain('The election was started knowing of these breaches: proposed by Ada Lovelace, confirmed by Katherine Johnson.');
    expect(text).toContain(`Voter roll's fingerprint (SHA-256)\n${ROLL_FINGERPRINT}`);
    expect(text).toContain(`Sealed ballot box's digest\n${sealed.data.digest}`);
    expect(text).toContain(`Last event (number)\n${head.seq}\nLast event's hash\n${head.hash}`);
    expect(text).toContain('Signatures\nThe members of the election committee confirm this record:\nName Date Signature\nAda Lovelace\nKatherine Johnson');
  });

  it('says it is provisional on every page while the results are not published', async () => {
    const unpublished = recordElectionLog({ published: false });
    const lines = await textOf(await buildOfficialRecord(unpublished, 'de', fonts));
    const pages = lines.filter((line) => /^Seite \d+ von \d+$/.test(line)).length;
    expect(lines.filter((line) => line === 'VORLÄUFIG: Die Ergebnisse sind noch nicht veröffentlicht.')).toHaveLength(pages);
    expect(lines[2]).toContain('Hochschulwahlen 2026 (wahl-2026) · VORLÄUFIG');
    const english = await textOf(await buildOfficialRecord(unpublished, 'en', fonts));
    expect(english[0]).toBe('PROVISIONAL: The results are not published yet.');
  });

  it('says, while the results wait for the committee, that its acceptance is awaited; once given, who proposed and who confirmed it, and the head it was given at', async () => {
    const awaited = await textOf(await buildOfficialRecord(recordElectionLog({ published: false, acceptance: 'awaited' }), 'de', fonts));
    expect(awaited[0]).toBe('VORLÄUFIG: Die Annahme durch den Wahlausschuss steht aus.');
    expect(joined(awaited)).not.toContain('Annahme des Ergebnisses (Ereignisnummer)');
    const english = await textOf(await buildOfficialRecord(recordElectionLog({ published: false, acceptance: 'awaited' }), 'en', fonts));
    expect(english[0]).toBe("PROVISIONAL: Awaiting the committee's acceptance.");

    const acceptedLog = recordElectionLog({ acceptance: 'given' });
    const acceptance = acceptedLog.find((e) => e.type === 'ResultsAccepted')!;
    const text = joined(await textOf(await buildOfficialRecord(acceptedLog, 'de', fonts)));
    expect(text).not.toContain('VORLÄUFIG');
    expect(text).toContain('Ergebnis vom\nWahlausschuss\nangenommen\n30.11.2026 10:11:00 MEZ\n(Europe/Berlin)\nKatherine Johnson vorgeschlagen von\nAda Lovelace');
    expect(text).toContain(`Annahme des Ergebnisses (Ereignisnummer)\n${acceptance.seq}\nHash des Ereignisses der Annahme\n${acceptance.hash}`);
    expect(text).not.toContain('Die Feststellung des Ergebnisses');
    const englishText = joined(await textOf(await buildOfficialRecord(acceptedLog, 'en', fonts)));
    expect(englishText).toContain(`Acceptance of the results (event number)\n${acceptance.seq}\nAcceptance event's hash\n${acceptance.hash}`);
    expect(englishText).toMatch(/Results accepted by the\s+committee/);
  });

  it('shows each contest’s postal papers apart from the online ones once counted in, and the entries among the steps', async () => {
    const acceptedLog = recordElectionLog({ acceptance: 'given' });
    const text = joined(await textOf(await buildOfficialRecord(acceptedLog, 'de', fonts)));
    expect(text).toContain('Abgegebene Stimmzettel (online) 4\nBriefwahlstimmzettel, gültig 2\nBriefwahlstimmzettel, ungültig 0\nStimmzettel insgesamt (online\nund Briefwahl)');
    expect(text).toContain('Kandidat*in davon per Briefwahl\nAnna Berg 0\nЮлия Смирнова 0\nBen Kaya 0\nClara Stein 2\nΔημήτρης Παππάς 0\nGrüner Campus 1\nOffene Uni 0');
    expect(text).toContain('Briefwahlstimmzettel, gültig 0\nBriefwahlstimmzettel, ungültig 1');
    expect(text).toContain('Antwort davon per Briefwahl\nja 1\nnein 0');
    expect(text).toMatch(/Stimmen mit der Briefwahl\s+neu ausgezählt/);
    const english = joined(await textOf(await buildOfficialRecord(acceptedLog, 'en', fonts)));
    expect(english).toContain('Ballot papers cast online 4\nPostal papers, valid 2\nPostal papers, invalid 0');
    expect(english).toContain('Answer of them by post\nyes 1\nno 0');
  });

  it("writes times in the election's own zone when its creation names one", async () => {
    const [created, ...rest] = log;
    // As another change may record it at creation: the record reads it when it is there.
    const withZone = { ...created!, data: { ...created!.data, timeZone: 'America/New_York' } } as unknown as RecordedEvent;
    const elsewhere = rechain([withZone, ...rest]);
    const lines = await textOf(await buildOfficialRecord(elsewhere, 'en', fonts));
    // The zone's short name as ICU gives it for British English.
    expect(lines).toContain('Voting closes (planned) 2026-11-30 04:00:00 GMT-5 (America/New_York)');
  });

  it('gives the same bytes for the same log, whatever the clock and the time zone of the machine', async () => {
    const first = await buildOfficialRecord(log, 'de', fonts);
    vi.useFakeTimers({ now: new Date('2031-07-04T23:59:59Z'), toFake: ['Date'] });
    process.env.TZ = 'Pacific/Kiritimati';
    const second = await buildOfficialRecord(log, 'de', await loadRecordFonts());
    expect(createHash('sha256').update(second).digest('hex')).toBe(createHash('sha256').update(first).digest('hex'));
    // Its dates are the last event's, its fonts' subsets named, its ID the head's.
    const raw = Buffer.from(first).toString('latin1');
    expect(raw).toContain(`/CreationDate (D:${head.at.replace(/[-:T]/g, '').slice(0, 14)}Z)`);
    expect(raw).toContain('/BaseFont /RECORD+DejaVuSans');
    expect(raw).toContain(`/ID [ <${head.hash.slice(0, 24)}`);
    expect(Buffer.from(await buildOfficialRecord(log, 'en', fonts)).equals(Buffer.from(first))).toBe(false);
  });

  it('refuses a log without an election', async () => {
    await expect(buildOfficialRecord([], 'de', fonts)).rejects.toThrow('no ElectionCreated event');
  });

  it('lists the challenge period and every objection with its summary, its decision and its reasons, in German and English', async () => {
    const withObjections = recordElectionLog({ withObjections: true });
    // Table cells wrap: the text is read with every run of blanks and line breaks as one space.
    const flat = async (language: 'de' | 'en') => joined(await textOf(await buildOfficialRecord(withObjections, language, fonts))).replace(/\s+/g, ' ');
    const german = await flat('de');
    expect(german).toContain('Wahlanfechtungen Die Anfechtungsfrist beträgt 14 Tage nach der Veröffentlichung und endet am 14.12.2026');
    for (const text of [OBJECTIONS.first.grounds, OBJECTIONS.first.reasons, OBJECTIONS.late.grounds, 'zurückgewiesen', 'nach Ablauf der Frist', 'noch nicht entschieden'])
      expect(german).toContain(text);
    const english = await flat('en');
    for (const text of ['Objections to the election', 'rejected', 'after the period', 'not decided yet']) expect(english).toContain(text);
    // Without objections, the section says so.
    expect(joined(await textOf(await buildOfficialRecord(log, 'de', fonts)))).toContain('Es ist keine Wahlanfechtung verzeichnet.');
  });
});

describe('the official record after it was issued', () => {
  /** The log of an election whose record was issued as of the committee's acceptance, then published. */
  function issuedLog(): { events: RecordedEvent[]; head: number } {
    const accepted = recordElectionLog({ acceptance: 'given' });
    const at = accepted.findIndex((e) => e.type === 'ResultsAccepted');
    const acceptance = accepted[at]!;
    const issue = {
      ...acceptance,
      type: 'OfficialRecordIssued',
      by: undefined,
      data: {
        head: acceptance.seq,
        records: [
          { language: 'de', sha256: 'd'.repeat(64) },
          { language: 'en', sha256: 'e'.repeat(64) },
        ],
      },
    } as RecordedEvent;
    return { events: rechain([...accepted.slice(0, at + 1), issue, ...accepted.slice(at + 1)]), head: acceptance.seq };
  }

  it('lists, last, the head it was issued as of and each language’s SHA-256, in German and in English', async () => {
    const { events, head } = issuedLog();
    const german = joined(await textOf(await buildOfficialRecord(events, 'de', fonts)));
    expect(german).toContain(`Die Niederschrift wie ausgestellt\nMit dem Stand von Ereignis ${head}, als das Ergebnis endgültig wurde`);
    expect(german).toMatch(new RegExp(`Niederschrift wie ausgestellt, Deutsch: SHA-256\\n${'d'.repeat(64)}\\nNiederschrift wie ausgestellt, Englisch: SHA-256\\n${'e'.repeat(64)}$`));
    expect(german).toMatch(/Niederschrift ausgestellt\n/);
    const english = joined(await textOf(await buildOfficialRecord(events, 'en', fonts)));
    expect(english).toContain(`The record as issued\nThe record was issued as of event ${head}, when the results became final`);
    expect(english).toMatch(new RegExp(`Record as issued, German: SHA-256\\n${'d'.repeat(64)}\\nRecord as issued, English: SHA-256\\n${'e'.repeat(64)}$`));
  });

  it('does not list itself: the record as of the head it was issued at has no such section', async () => {
    const { events, head } = issuedLog();
    const asIssued = joined(
      await textOf(
        await buildOfficialRecord(
          events.filter((e) => e.seq <= head),
          'en',
          fonts,
        ),
      ),
    );
    expect(asIssued).not.toContain('The record as issued');
    // Accepted, the results are final: the copy the committee signs says so, not that they are provisional.
    expect(asIssued).not.toContain('PROVISIONAL');
    expect(asIssued).toMatch(/Hochschulwahlen 2026 \(wahl-2026\) · Results accepted by the\s+committee/);
  });
});
