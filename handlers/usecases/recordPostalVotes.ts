import { countPerContest, fail, ok, rollChange, studentIdKey, type Result } from '../../domain';
import { PostalConflict, type Credentials, type Deps, type EventStream, type MailOutbox, type PostalVoter, type Roll } from '../ports';
import { runCommand, type AskedBy } from '../runCommand';
import { hashToken } from '../security';
import { appendInChunks } from './appendInChunks';

type PostalDeps = { store: EventStream & Roll & Credentials; mail: MailOutbox } & Pick<Deps, 'minter' | 'clock' | 'log'>;

/** Voters per transaction: three items each (mark, revocation, mail item) beside the event and the state, under DynamoDB's 100. */
const VOTERS_PER_TRANSACTION = 30;
const READS_AT_ONCE = 25;

export interface PostalRecording {
  recorded: number;
  /** Marked before: they count once. */
  alreadyPostal: string[];
  notOnRoll: string[];
  /** Their credential was re-issued while this ran: mark them again. */
  changedMeanwhile: string[];
  /** Why the rest were not marked, when a refusal stopped the run part-way. */
  stoppedEarly?: string;
}

/**
 * Marks voters as having voted by post, before the lock (rollChange): in one transaction per 30
 * voters, the PostalVotesRecorded event with their number and how many of them may vote in each
 * contest, each voter's mark, the revocation of their credential and their mail item taken out of
 * the outbox. So their link stops working, nothing more is mailed to them, and the turnout adds
 * online and postal votes without counting anyone twice.
 */
export async function recordPostalVotes(deps: PostalDeps, electionId: string, studentIds: readonly string[], asked: AskedBy = {}): Promise<Result<PostalRecording>> {
  const { state } = await deps.store.load(electionId);
  if (state.phase === 'none') return fail('not_found', `no election "${electionId}"`);
  // Asked before the roll is read for the voters; decide asks again for each chunk it appends.
  const open = rollChange(state, 'record postal votes');
  if (!open.ok) return open;
  const ids = [...new Set(studentIds.map(studentIdKey))];
  if (ids.length === 0) return fail('invalid', 'studentIds: no voters given');
  const notOnRoll: string[] = [];
  const alreadyPostal: string[] = [];
  const changedMeanwhile: string[] = [];
  const pending: (PostalVoter & { groups: string[] })[] = [];
  // Read a few dozen at a time: a list of thousands must not wait on each voter in turn.
  for (let i = 0; i < ids.length; i += READS_AT_ONCE) {
    await Promise.all(
      ids.slice(i, i + READS_AT_ONCE).map(async (studentId) => {
        const [mail, voter] = await Promise.all([deps.mail.voterMail(electionId, studentId), deps.store.findVoter(electionId, studentId)]);
        if (!mail || !voter) notOnRoll.push(studentId);
        else if (mail.status === 'postal') alreadyPostal.push(studentId);
        else {
          const revokedTokenHash = hashToken(await deps.minter.tokenFor({ electionId, studentId, generation: mail.generation }));
          pending.push({ studentId, generation: mail.generation, revokedTokenHash, groups: voter.groups ?? [] });
        }
      }),
    );
  }
  const run = await appendInChunks(
    pending,
    VOTERS_PER_TRANSACTION,
    (chunk) =>
      runCommand(
        deps,
        electionId,
        (current) => ({
          type: 'RecordPostalVotes',
          voters: chunk.length,
          contests:
            current.phase === 'none'
              ? {}
              : countPerContest(
                  current.contests,
                  chunk.map((v) => v.groups),
                ),
        }),
        (head, events, next) => deps.store.appendWithPostalVoters(electionId, head, events, next, chunk),
        asked,
      ),
    (error, chunk) => {
      if (!(error instanceof PostalConflict)) throw error;
      alreadyPostal.push(...error.alreadyPostal);
      changedMeanwhile.push(...error.moved);
      return chunk.filter((v) => !error.alreadyPostal.includes(v.studentId) && !error.moved.includes(v.studentId));
    },
  );
  if (!run.ok) return run;
  const { appended: recorded, stoppedEarly } = run.value;
  deps.log.info('postal votes recorded', { electionId, recorded, alreadyPostal: alreadyPostal.length, notOnRoll: notOnRoll.length });
  return ok({ recorded, alreadyPostal: alreadyPostal.sort(), notOnRoll: notOnRoll.sort(), changedMeanwhile: changedMeanwhile.sort(), ...(stoppedEarly && { stoppedEarly }) });
}
