// The page's own modules, typed by their JSDoc: checked with web/tsconfig.json (DOM types), not the Node one.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describe as describeEvent } from '../../web/observe/events.js';
import { MESSAGES } from '../../web/observe/i18n.js';

const counted = { electionId: 'council', seq: 40, at: '2026-03-10T09:00:00.000Z', prevHash: 'a'.repeat(64), hash: 'b'.repeat(64), type: 'LinkRequestsCounted', data: { requests: 3 } } as const;

describe("the observers' view of voters' requests for their link", () => {
  it('says how many requests came, in English and German, and that nobody who asked is recorded', () => {
    expect(describeEvent(MESSAGES.en, 'en', counted).text).toBe('3 requests by e-mail address for a voting link to be sent again (who asked, and whether a link went out, is not recorded)');
    expect(describeEvent(MESSAGES.de, 'de', { ...counted, data: { requests: 1 } }).text).toBe(
      '1 Anfrage per E-Mail-Adresse, den Wahllink noch einmal zu schicken (wer fragte und ob ein Link verschickt wurde, wird nicht festgehalten)',
    );
  });
});

describe("the observers' view of the sealed box's events", () => {
  // A hash or key is drawn as a code element; its text is all these tests read.
  beforeAll(() => vi.stubGlobal('document', { createElement: () => ({ setAttribute: () => undefined, append: () => undefined }) }));
  afterAll(() => vi.unstubAllGlobals());
  const event = (type: string, data: unknown) => ({ ...counted, type, data }) as unknown as Parameters<typeof describeEvent>[2];
  const key = 'c'.repeat(64);
  const events = [
    event('TrusteeCertificateGiven', { certificate: { trustee: 2 } }),
    event('TrusteeDealingGiven', { dealing: { dealer: 3 } }),
    event('TrusteeReviewGiven', { review: { trustee: 1, outcome: 'acknowledged' } }),
    event('TrusteeReviewGiven', { review: { trustee: 1, outcome: 'complained', complaints: [{ dealer: 2 }, { dealer: 3 }] } }),
    event('KeyCeremonyFailed', { failure: { step: 'dealing', trustee: 2, field: 'shares[0]', reason: 'does not match the commitments' } }),
    event('ElectionKeyPublished', { publicKey: key, verificationKeys: [key, key, key] }),
    event('MixAccepted', { contest: 'main', position: 0, mixer: 1, papers: 120, digest: 'd'.repeat(64) }),
    event('DecryptionAccepted', { contest: 'main', trustee: 3, digest: 'e'.repeat(64) }),
  ];

  it('says each in English', () => {
    expect(events.map((e) => describeEvent(MESSAGES.en, 'en', e).text)).toEqual([
      'Key ceremony: trustee 2 gave their certificate',
      'Key ceremony: trustee 3 dealt their shares',
      'Key ceremony: trustee 1 checked the shares dealt to them and acknowledged them',
      'Key ceremony: trustee 1 complained about the shares of trustee 2 and trustee 3',
      'Key ceremony failed at the dealing of trustee 2; it starts over. The reason (in English): shares[0]: does not match the commitments',
      `Election key published, with the verification keys of the 3 trustees: key ${key}`,
      `Contest “main”: mix 1 by trustee 1 accepted (120 papers shuffled, proof checked), file digest ${'d'.repeat(16)}…`,
      `Contest “main”: trustee 3’s decryption shares accepted (proofs checked), file digest ${'e'.repeat(16)}…`,
    ]);
  });

  it('says each in German, none as an unknown event', () => {
    const texts = events.map((e) => describeEvent(MESSAGES.de, 'de', e).text);
    expect(texts[0]).toBe('Schlüsselzeremonie: Treuhänder 2 hat das Zertifikat gegeben');
    expect(texts[4]).toBe('Schlüsselzeremonie gescheitert an der Verteilung von Treuhänder 2; sie beginnt neu. Der Grund (auf Englisch): shares[0]: does not match the commitments');
    expect(texts[6]).toContain('Mischung 1 von Treuhänder 1 angenommen');
    for (const text of texts) expect(text).not.toMatch(/^Ereignis /);
  });
});

describe("the observers' view of the committee in the log", () => {
  const event = (type: string, data: unknown, by?: { id: string; name: string }) => ({ ...counted, type, data, ...(by && { by }) }) as unknown as Parameters<typeof describeEvent>[2];
  const grace = { id: 'm-2', name: 'Grace Hopper' };
  const ada = { id: 'm-1', name: 'Ada Lovelace' };
  const events = [
    event('MemberRecorded', { member: { ...grace, role: 'helpdesk' } }, ada),
    event('ActionProposed', { action: 'Lock', proposedBy: ada, expiresAt: '2026-03-10T09:30:00.000Z' }, ada),
    event('ElectionLocked', { proposedBy: ada }, grace),
    event('ElectionLocked', { alone: true }, ada),
    event('MemberRemoved', { id: 'm-2', name: 'Grace Hopper' }, ada),
  ];

  it('names who asked for each command, who proposed a lock the second member confirmed, and a committee of one acting alone, in English and German', () => {
    const en = events.map((e) => describeEvent(MESSAGES.en, 'en', e).text);
    expect(en[0]).toBe('Committee member recorded: Grace Hopper (helpdesk) — by Ada Lovelace');
    expect(en[1]).toMatch(/^Lock proposed by Ada Lovelace: a second member of the committee may confirm it until .+ — by Ada Lovelace$/);
    expect(en[2]).toBe('Election locked, proposed by Ada Lovelace — by Grace Hopper');
    expect(en[3]).toBe('Election locked (a committee of one member: nobody else to confirm) — by Ada Lovelace');
    expect(en[4]).toBe('Committee member removed: Grace Hopper — by Ada Lovelace');
    const de = events.map((e) => describeEvent(MESSAGES.de, 'de', e).text);
    expect(de[0]).toBe('Mitglied des Wahlausschusses eingetragen: Grace Hopper (Helpdesk) — von Ada Lovelace');
    expect(de[2]).toBe('Wahl gesperrt, vorgeschlagen von Ada Lovelace — von Grace Hopper');
  });
});

describe("the observers' view of the postal papers", () => {
  const event = (type: string, data: unknown) => ({ ...counted, type, data }) as unknown as Parameters<typeof describeEvent>[2];
  const events = [
    event('PostalPapersEntered', { contest: 'council', entry: 1, digest: 'd'.repeat(64), papers: [['Ada']], invalid: 0 }),
    event('PostalPapersEntered', { contest: 'council', entry: 2, digest: 'd'.repeat(64), part: 1, parts: 2, papers: [['Ada']], invalid: 0 }),
    event('PostalPapersAgreed', { contest: 'council', digest: 'd'.repeat(64), figures: { papers: 1204, abstentions: 3, invalid: 7, votes: [] } }),
    event('PostalCounted', { results: {} }),
  ];

  it('says who entered what, the postal figures agreed, and the count with them, in English and German', () => {
    expect(events.map((e) => describeEvent(MESSAGES.en, 'en', e).text)).toEqual([
      'Postal papers of contest “council” entered: the first entry',
      'Postal papers of contest “council” entered: the second entry (part 2/2)',
      'Postal papers of contest “council” agreed by two members: 1,204 valid, 7 invalid',
      'Results counted again with the postal papers: the online and postal papers together, every lot drawn as before',
    ]);
    expect(events.map((e) => describeEvent(MESSAGES.de, 'de', e).text)).toEqual([
      'Briefwahlstimmzettel für „council“ erfasst: erste Eingabe',
      'Briefwahlstimmzettel für „council“ erfasst: zweite Eingabe (Teil 2/2)',
      'Briefwahlstimmzettel für „council“ von zwei Mitgliedern übereinstimmend erfasst: 1.204 gültig, 7 ungültig',
      'Ergebnis mit der Briefwahl neu ausgezählt: Online- und Briefwahlstimmzettel zusammen, jedes Los wie zuvor gezogen',
    ]);
  });
});

describe("the observers' view of the voting links' send time", () => {
  const event = (type: string, data: unknown) => ({ ...counted, type, data }) as unknown as Parameters<typeof describeEvent>[2];
  const window = event('VotingWindowSet', { opensAt: '2026-03-10T08:00:00.000Z', closesAt: '2026-03-12T17:00:00.000Z', credentialsAt: '2026-03-08T08:00:00.000Z' });
  const released = event('CredentialsReleased', { at: '2026-03-08T08:00:01.000Z', voters: 40 });

  it('names when the links go out with the window, and says they were held until they went out, in English and German', () => {
    const en = describeEvent(MESSAGES.en, 'en', window).text;
    expect(en).toMatch(/^Voting window set: from .* until .*; voting links go out at .*2026/);
    expect(describeEvent(MESSAGES.de, 'de', window).text).toMatch(/^Wahlzeitraum festgelegt: von .* bis .*; Wahllinks gehen am .*2026.* hinaus$/);
    expect(describeEvent(MESSAGES.en, 'en', released).text).toBe('Voting links mailed to 40 voters (everyone on the roll but the postal voters), held until then');
    expect(describeEvent(MESSAGES.de, 'de', released).text).toBe('Wahllinks an 40 Personen verschickt (alle im Verzeichnis außer den Briefwählenden), bis dahin zurückgehalten');
    // Without a send time, the window's line is as it always was.
    expect(describeEvent(MESSAGES.en, 'en', event('VotingWindowSet', { closesAt: '2026-03-12T17:00:00.000Z' })).text).not.toContain('voting links');
  });
});

describe("the observers' view of the issued official record", () => {
  beforeAll(() => vi.stubGlobal('document', { createElement: () => ({ setAttribute: () => undefined, append: () => undefined }) }));
  afterAll(() => vi.unstubAllGlobals());
  const issued = {
    ...counted,
    type: 'OfficialRecordIssued',
    data: {
      head: 1234,
      records: [
        { language: 'de', sha256: 'd'.repeat(64) },
        { language: 'en', sha256: 'e'.repeat(64) },
      ],
    },
  } as unknown as Parameters<typeof describeEvent>[2];

  it('names the head it was issued as of and lists each language’s SHA-256, in English and German', () => {
    expect(describeEvent(MESSAGES.en, 'en', issued).text).toBe(`Official record issued as of event 1,234; SHA-256 of each language's PDF: de: ${'d'.repeat(64)} en: ${'e'.repeat(64)}`);
    expect(describeEvent(MESSAGES.de, 'de', issued).text).toBe(
      `Wahlniederschrift ausgestellt mit dem Stand von Ereignis 1.234; SHA-256 der PDF-Datei je Sprache: de: ${'d'.repeat(64)} en: ${'e'.repeat(64)}`,
    );
  });
});
