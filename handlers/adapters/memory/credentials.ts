import { PostalConflict, StreamConflict, type Credentials, type MailKey } from '../../ports';
import { credentialSendState } from '../credentialSendState';
import { keys } from '../keys';
import { streamAppend } from './streamAppend';
import type { MailItem, MemoryTables } from './tables';
import { checkTransaction, without } from './transaction';

/** The credentials and their revocations in memory: what DynamoElectionStore keeps, with the same conditions. */
export function memoryCredentials(tables: MemoryTables): Credentials {
  /** The voter's mail item is of another generation than the one read, or postal: a re-issue or a postal mark got there first. */
  const moved = (mail: MailKey, generation: number) => {
    const item = tables.mail.get(mail);
    return item?.generation !== generation || item.status === 'postal';
  };
  return {
    async findCredential(tokenHash) {
      const credential = tables.credentials.get(keys.credential(tokenHash));
      if (!credential) return undefined;
      const { electionId, studentId, email, groups, language } = credential;
      return { electionId, studentId, email, ...(groups && { groups: [...groups] }), ...(language && { language }) };
    },

    async issueCredential(tokenHash, credential) {
      tables.credentials.putNew(keys.credential(tokenHash), { ...credential, ...(credential.groups && { groups: [...credential.groups] }) });
    },

    async appendWithReissue(electionId, head, events, state, reissue) {
      const stream = streamAppend(tables, electionId, head, events, state);
      const { studentId, generation, revokedTokenHash, queuedAt, newAddress } = reissue;
      const revocation = keys.revocation(revokedTokenHash);
      const marker = keys.marker(electionId, revokedTokenHash);
      const mail = keys.voterMail(electionId, studentId);
      const correction = newAddress && keys.addressCorrection(electionId, studentId, newAddress.correction);
      const claim = newAddress?.claim ? keys.rollEmail(electionId, newAddress.email) : undefined;
      checkTransaction([...stream.items, revocation, marker, mail, ...(correction ? [correction] : []), ...(claim ? [claim] : [])]);
      if (tables.markers.has(marker)) return 'already_voted';
      if (claim && tables.addressClaims.has(claim)) return 'email_taken';
      if (correction && tables.addressCorrections.has(correction)) return 'moved';
      // Held until voting opens, the new generation waits as the old one did; a release meanwhile has moved it on.
      const sendState = credentialSendState(state, mail.pk, queuedAt);
      const held = tables.mail.get(mail)?.status === 'held';
      if (tables.revocations.has(revocation) || moved(mail, generation) || held !== (sendState.status === 'held')) return 'moved';
      if (stream.conflict) throw new StreamConflict(electionId);
      stream.write();
      tables.revocations.put(revocation, electionId);
      const item = tables.mail.get(mail)!;
      tables.mail.put(mail, {
        ...without(item, 'messageId', 'tokenHash', 'reason', 'leaseUntil', 'due', 'queue'),
        generation: generation + 1,
        kind: 'credential',
        attempts: 0,
        ...sendState,
        ...(newAddress && { email: newAddress.email, correction: newAddress.correction }),
      });
      if (correction) tables.addressCorrections.put(correction, { studentId, email: newAddress!.email });
      if (claim) tables.addressClaims.put(claim, studentId);
      return 'reissued';
    },

    async appendWithPostalVoters(electionId, head, events, state, voters) {
      const stream = streamAppend(tables, electionId, head, events, state);
      const perVoter = voters.map((voter) => ({
        voter,
        mark: keys.postalVoter(electionId, voter.studentId),
        revocation: keys.revocation(voter.revokedTokenHash),
        mail: keys.voterMail(electionId, voter.studentId),
      }));
      checkTransaction([...stream.items, ...perVoter.flatMap(({ mark, revocation, mail }) => [mark, revocation, mail])]);
      if (stream.conflict) throw new StreamConflict(electionId);
      const alreadyPostal = perVoter.filter(({ mark }) => tables.postalVoters.has(mark)).map(({ voter }) => voter.studentId);
      // Those whose revocation failed first, then those whose mail item moved, as the transaction's reasons list them.
      const changed = [...perVoter.filter(({ revocation }) => tables.revocations.has(revocation)), ...perVoter.filter(({ voter, mail }) => moved(mail, voter.generation))].map(
        ({ voter }) => voter.studentId,
      );
      const movedOn = [...new Set(changed.filter((id) => !alreadyPostal.includes(id)))];
      if (alreadyPostal.length > 0 || movedOn.length > 0) throw new PostalConflict(alreadyPostal, movedOn);
      stream.write();
      for (const { voter, mark, revocation, mail } of perVoter) {
        tables.postalVoters.put(mark, voter.studentId);
        tables.revocations.put(revocation, electionId);
        // Out of the outbox: the sender, the reminders and a resend pass a postal voter by.
        const item: MailItem = { ...without(tables.mail.get(mail)!, 'queue', 'leaseUntil'), status: 'postal' };
        tables.mail.put(mail, item);
      }
    },
  };
}
