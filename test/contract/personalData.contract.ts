import { beforeEach, describe, expect, it } from 'vitest';
import { LocalCredentialMinter } from '../../handlers/adapters/localCredentialMinter';
import type { MailKey, VoterCredentials } from '../../handlers/ports';
import { hashToken } from '../../handlers/security';
import { collect, createElection, decided, dueOf, newTokenHash, newVoter, postalCommand, registerVoters, reissueCommand, T0, uniqueId, type Ports, type PortsFactory } from './fixtures';

const LEASE_MS = 30_000;

/** The item's text with its sets spelled out, to be searched for what it names. */
const textOf = (item: unknown) => JSON.stringify(item, (_, value: unknown) => (value instanceof Set ? [...value] : value));

export function personalDataContract(makePorts: PortsFactory): void {
  describe("the erasure of an election's personal data", () => {
    let ports: Ports;
    const minter = new LocalCredentialMinter();
    beforeEach(async () => {
      ports = await makePorts();
    });

    /** A credential's hash as the sender derives it: the erasure derives the same from each voter's generation. */
    const tokenHash = async (electionId: string, studentId: string, generation: number) => hashToken(await minter.tokenFor({ electionId, studentId, generation }));
    const issue = async (electionId: string, studentId: string, generation: number, email = `${studentId}@uni.test`) =>
      ports.store.issueCredential(await tokenHash(electionId, studentId, generation), { electionId, studentId, email, generation });
    /** A new election with these voters on its roll, each with their first credential. */
    const electionWithCredentials = async (electionId: string, studentIds: string[]) => {
      await createElection(ports.store, electionId);
      await registerVoters(
        ports.store,
        electionId,
        studentIds.map((id) => newVoter(id)),
      );
      for (const id of studentIds) await issue(electionId, id, 1);
    };
    const dueKey = async (electionId: string, sk: string): Promise<MailKey> => {
      const key = (await dueOf(ports, electionId, T0)).find((k) => k.sk === sk);
      if (!key) throw new Error(`no mail due as ${sk}`);
      return key;
    };
    /** The mail item sent as SES's message `messageId`. */
    const send = async (electionId: string, sk: string, messageId = newTokenHash()) => {
      const claimed = (await ports.mail.claim(await dueKey(electionId, sk), T0, LEASE_MS))!;
      await ports.mail.settle(claimed, { status: 'sent', messageId }, T0);
      return messageId;
    };
    const reissue = async (electionId: string, studentId: string, newAddress?: { email: string; claim: boolean; correction: number }) => {
      const next = await decided(ports.store, electionId, reissueCommand);
      const revokedTokenHash = await tokenHash(electionId, studentId, 1);
      const reissue = { studentId, generation: 1, revokedTokenHash, queuedAt: T0.toISOString(), ...(newAddress && { newAddress }) };
      expect(await ports.store.appendWithReissue(electionId, next.head, next.events, next.state, reissue)).toBe('reissued');
    };
    /** What the erasure's use case does, in its order: each voter's credentials of every generation, the mail, the records beside the roll. */
    const erase = async (electionId: string) => {
      let credentials = 0;
      const voters: VoterCredentials[] = [];
      for await (const page of ports.mail.voterCredentialPages(electionId)) {
        voters.push(...page);
        const hashes = await Promise.all(page.flatMap(({ studentId, generation }) => Array.from({ length: generation }, (_, g) => tokenHash(electionId, studentId, g + 1))));
        credentials += await ports.store.eraseCredentials(hashes);
      }
      const mail = await ports.mail.eraseElectionMail(electionId);
      const records = await ports.store.eraseVoterRecords(electionId);
      return { voters: voters.sort((a, b) => (a.studentId < b.studentId ? -1 : 1)), credentials, mail, records };
    };
    const itemsNaming = async (texts: string[]) => (await ports.everyItem()).map(textOf).filter((text) => texts.some((t) => text.includes(t)));

    it('deletes every item naming a voter, an address or a credential, and keeps the log, the ballots and the participation; run again it deletes nothing', async () => {
      const run = uniqueId('voter');
      const [reissued, corrected, postal, voter, bounced] = ['a', 'b', 'c', 'd', 'e'].map((name) => `${run}-${name}`) as [string, string, string, string, string];
      const studentIds = [reissued, corrected, postal, voter, bounced];
      const newAddress = `${run}-new@uni.test`;
      const askingAddress = `${run}-lost@uni.test`;
      const electionId = uniqueId('erase');
      await electionWithCredentials(electionId, studentIds);

      // A re-issue after a first mail went out: two generations, two messages.
      await send(electionId, `VOTER#${reissued}`);
      await reissue(electionId, reissued);
      await issue(electionId, reissued, 2);
      await send(electionId, `VOTER#${reissued}`);
      // An address correction: a second generation to the new address, claimed.
      await reissue(electionId, corrected, { email: newAddress, claim: true, correction: 1 });
      await issue(electionId, corrected, 2, newAddress);
      // A postal voter.
      const marked = await decided(ports.store, electionId, postalCommand(1));
      await ports.store.appendWithPostalVoters(electionId, marked.head, marked.events, marked.state, [{ studentId: postal, generation: 1, revokedTokenHash: await tokenHash(electionId, postal, 1) }]);
      // A cast, and its confirmation sent.
      const cast = await tokenHash(electionId, voter, 1);
      const papers = [{ box: electionId, ballot: { ballotId: newTokenHash(), choices: ['Ada Lovelace'] } }];
      expect(await ports.store.castBallot(electionId, { tokenHash: cast, papers, eligibility: [], queuedAt: T0.toISOString() })).toBe('accepted');
      await send(electionId, `CONFIRM#${cast}`);
      // A bounce with its reason, and a mail that could not be sent at all.
      expect(await ports.mail.recordMailEvent(await send(electionId, `VOTER#${bounced}`), 'bounced', `Permanent: ${bounced}@uni.test unknown`)).toBe(true);
      await ports.store.recordUndeliveredMail(electionId, bounced, 'results', 'MessageRejected');
      // A voter's request for their link, and a page of a mailing's plan.
      await ports.mail.queueLinkRequest(electionId, askingAddress, T0);
      await ports.store.planMailPage(electionId, 'credentials', 1, { first: reissued, last: bounced });

      const personal = [...studentIds, ...studentIds.map((id) => `${id}@uni.test`), newAddress, askingAddress];
      const credentialHashes = await Promise.all(
        [...studentIds.map((id) => [id, 1] as const), [reissued, 2] as const, [corrected, 2] as const].map(([id, generation]) => tokenHash(electionId, id, generation)),
      );
      const before = {
        election: await ports.store.load(electionId),
        events: await ports.store.readEvents(electionId),
        ballots: await ports.store.countBallots(electionId),
        participation: await ports.store.countParticipation(electionId),
      };
      // The search finds what it looks for: before, the tables name every voter.
      const named = (await itemsNaming(personal)).join('\n');
      for (const text of personal) expect(named).toContain(text);

      expect(await erase(electionId)).toEqual({
        voters: [
          { studentId: reissued, generation: 2 },
          { studentId: corrected, generation: 2 },
          { studentId: postal, generation: 1 },
          { studentId: voter, generation: 1 },
          { studentId: bounced, generation: 1 },
        ],
        credentials: 7,
        // Five voters' mail items, a confirmation, a link request; the items of four messages sent.
        mail: 11,
        // Five claimed addresses and the corrected one, a correction, a postal mark, a plan's page, an undelivered mail, the salt.
        records: { rollEntries: 5, otherItems: 11 },
      });

      expect(await itemsNaming(personal)).toEqual([]);
      // A credential's hash stays only as the key of its participation marker.
      const hashed = (await ports.everyItem()).filter((item) => credentialHashes.some((hash) => textOf(item).includes(hash)));
      expect(hashed.map((item) => (item as { pk: string }).pk)).toEqual([expect.stringMatching(new RegExp(`^ELECTION#${electionId}#VOTED#`))]);
      expect(await ports.store.load(electionId)).toEqual(before.election);
      expect(await ports.store.readEvents(electionId)).toEqual(before.events);
      expect(await ports.store.countBallots(electionId)).toBe(before.ballots);
      expect(await ports.store.countParticipation(electionId)).toBe(before.participation);
      expect(await ports.store.hasVoted(electionId, cast)).toBe(true);
      await expect(ports.store.rollSalt(electionId)).rejects.toThrow();

      expect(await erase(electionId)).toEqual({ voters: [], credentials: 0, mail: 0, records: { rollEntries: 0, otherItems: 0 } });
      expect(await ports.store.eraseCredentials(credentialHashes)).toBe(0);
    });

    it('cut short after the mail, is finished by a run from the start, which finds no voter left to derive credentials for', async () => {
      const run = uniqueId('cut');
      const studentIds = [`${run}-a`, `${run}-b`];
      const electionId = uniqueId('erase-cut');
      await electionWithCredentials(electionId, studentIds);
      const hashes = await Promise.all(studentIds.map((id) => tokenHash(electionId, id, 1)));
      expect(await ports.store.eraseCredentials(hashes)).toBe(2);
      expect(await ports.mail.eraseElectionMail(electionId)).toBe(2);
      expect(await erase(electionId)).toEqual({ voters: [], credentials: 0, mail: 0, records: { rollEntries: 2, otherItems: 3 } });
      expect(await itemsNaming([run])).toEqual([]);
    });

    it('erases a roll larger than a batch, and skips a hash with no credential', async () => {
      const run = uniqueId('many');
      const studentIds = Array.from({ length: 60 }, (_, i) => `${run}-${String(i).padStart(2, '0')}`);
      const electionId = uniqueId('erase-many');
      await createElection(ports.store, electionId);
      // Two registrations: a transaction holds at most 100 items, three a voter.
      for (const half of [studentIds.slice(0, 30), studentIds.slice(30)])
        await registerVoters(
          ports.store,
          electionId,
          half.map((id) => newVoter(id)),
        );
      for (const id of studentIds) await issue(electionId, id, 1);
      const events = await ports.store.readEvents(electionId);
      const voters = await collect(ports.mail.voterCredentialPages(electionId));
      expect(voters).toHaveLength(60);
      const hashes = await Promise.all(voters.map(({ studentId }) => tokenHash(electionId, studentId, 1)));
      const never = Array.from({ length: 60 }, () => newTokenHash());
      expect(await ports.store.eraseCredentials([...hashes, ...never])).toBe(60);
      expect(await ports.mail.eraseElectionMail(electionId)).toBe(60);
      expect(await ports.store.eraseVoterRecords(electionId)).toEqual({ rollEntries: 60, otherItems: 61 });
      expect(await itemsNaming([run])).toEqual([]);
      expect(await ports.store.readEvents(electionId)).toEqual(events);
    });
  });
}
