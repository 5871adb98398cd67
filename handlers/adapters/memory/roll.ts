import { RollConflict, StreamConflict, type Roll, type RollEntry, type Voter } from '../../ports';
import { credentialSendState } from '../credentialSendState';
import { keys } from '../keys';
import { streamAppend } from './streamAppend';
import { PAGE, type MemoryTables } from './tables';
import { checkTransaction, TransactionCanceledException } from './transaction';

/** The roll in memory: what DynamoElectionStore keeps on the events table, with the same conditions. */
export function memoryRoll(tables: MemoryTables): Roll {
  const entries = (electionId: string, range?: { from: string; to: string }) => tables.rollEntries.query(keys.roll(electionId), range).map(({ item }) => item);
  return {
    async appendWithVoters(electionId, head, events, state, voters) {
      const stream = streamAppend(tables, electionId, head, events, state);
      const queuedAt = events.at(-1)!.at;
      const perVoter = voters.map((voter) => ({
        voter,
        entry: keys.rollEntry(electionId, voter.studentId),
        mail: keys.voterMail(electionId, voter.studentId),
        claim: voter.claimEmail ? keys.rollEmail(electionId, voter.email) : undefined,
      }));
      checkTransaction([...stream.items, ...perVoter.flatMap(({ entry, mail, claim }) => [entry, mail, ...(claim ? [claim] : [])])]);
      if (stream.conflict) throw new StreamConflict(electionId);
      const alreadyRegistered = perVoter.filter(({ entry }) => tables.rollEntries.has(entry)).map(({ voter }) => voter.studentId);
      const emailTaken = perVoter
        .filter(({ entry, claim }) => claim && tables.addressClaims.has(claim) && !tables.rollEntries.has(entry))
        .map(({ voter, claim }) => ({ studentId: voter.studentId, registeredAs: tables.addressClaims.get(claim!) ?? 'unknown' }));
      if (alreadyRegistered.length > 0 || emailTaken.length > 0) throw new RollConflict(alreadyRegistered, emailTaken);
      if (perVoter.some(({ mail }) => tables.mail.has(mail))) throw new TransactionCanceledException('a voter has a mail item but no roll entry');
      stream.write();
      for (const { voter, entry, mail, claim } of perVoter) {
        const { studentId, email, groups, language } = voter;
        tables.rollEntries.put(entry, { studentId, email, ...(groups?.length && { groups: [...groups] }), ...(language && { language }) });
        tables.mail.put(mail, { electionId, studentId, email, kind: 'credential', generation: 1, attempts: 0, ...credentialSendState(state, mail.pk, queuedAt) });
        if (claim) tables.addressClaims.put(claim, studentId);
      }
    },

    async findVoterByEmail(electionId, email) {
      return tables.addressClaims.get(keys.rollEmail(electionId, email));
    },

    async findVoter(electionId, studentId, correction) {
      // A correction holds the new address; the groups and the language stay on the roll entry, which never changes.
      const entry = tables.rollEntries.get(keys.rollEntry(electionId, studentId));
      const voter = correction ? tables.addressCorrections.get(keys.addressCorrection(electionId, studentId, correction)) : entry;
      return voter && toVoter({ ...voter, ...(entry?.groups && { groups: entry.groups }), ...(entry?.language && { language: entry.language }) });
    },

    async listVoters(electionId) {
      return entries(electionId).map(toVoter);
    },

    async listVoterRange(electionId, first, last) {
      return entries(electionId, { from: keys.rollEntry(electionId, first).sk, to: keys.rollEntry(electionId, last).sk }).map(toVoter);
    },

    async *rollPages(electionId) {
      const roll = entries(electionId);
      for (let i = 0; i < roll.length; i += PAGE) yield roll.slice(i, i + PAGE).map(({ studentId, groups }): RollEntry => ({ studentId, ...(groups && { groups: [...groups] }) }));
    },

    async rollSalt(electionId) {
      const salt = tables.rollSalts.get(keys.rollSalt(electionId));
      if (salt === undefined) throw new Error(`election ${electionId} has no roll salt`);
      return salt;
    },
  };
}

function toVoter({ studentId, email, groups, language }: Voter): Voter {
  return { studentId, email, ...(groups && { groups: [...groups] }), ...(language && { language }) };
}
