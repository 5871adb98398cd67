import { holdsCredentials, ok, registerVotersCommand, screenAgainstRoll, screenVoters, type EmailTaken, type Result, type VoterToRegister } from '../../domain';
import { RollConflict, type Deps, type EventStream, type Roll } from '../ports';
import { runCommand, type AskedBy } from '../runCommand';
import { appendInChunks } from './appendInChunks';

/** 32 voters × 3 items (roll entry, queued credential mail, e-mail claim) + 1 event + the projection ≤ 100, DynamoDB's limit for one transaction. */
const VOTERS_PER_TRANSACTION = 32;

/**
 * Parallel imports into one election each append a chunk at a time and so take turns at the
 * stream's head; a chunk waits its turn rather than failing an import half-way.
 */
const ATTEMPTS_PER_CHUNK = 60;

export interface Registration {
  registered: number;
  alreadyRegistered: string[];
  /** Refused: the address is on the roll under another student id (both named). */
  emailTaken: EmailTaken[];
  /** Where the registered voters' credentials are: queued, sent by the mail sender at the account's SES rate, or held until voting opens. */
  mail: 'queued' | 'held';
  /** Set when the election left its setup phase part-way: the voters before that stay registered. */
  stoppedEarly?: string;
}

/**
 * Puts voters on the roll, 32 to a transaction together with the VotersRegistered event and each
 * voter's credential mail, queued or held until voting opens, so a voter is either registered, counted and queued, or not at
 * all: no crash, retry or parallel import can leave a voter on the roll without a credential on
 * its way. Nothing waits on SES here; the mail sender drains the queue at the account's rate.
 * Who may go on the roll is the domain's to say (screenVoters, then screenAgainstRoll with what
 * each chunk's write found on the roll); this only writes and reports.
 */
export async function registerVoters(
  deps: { store: EventStream & Roll } & Pick<Deps, 'clock' | 'log'>,
  electionId: string,
  voters: VoterToRegister[],
  { by }: AskedBy = {},
): Promise<Result<Registration>> {
  const screened = screenVoters(voters);
  if (!screened.ok) return screened;
  const { admitted, alreadyRegistered, emailTaken } = screened.value;
  const run = await appendInChunks(
    admitted,
    VOTERS_PER_TRANSACTION,
    (chunk) =>
      runCommand(
        deps,
        electionId,
        (state) => registerVotersCommand(state, chunk),
        (head, events, state) => deps.store.appendWithVoters(electionId, head, events, state, chunk),
        { attempts: ATTEMPTS_PER_CHUNK, by },
      ),
    (error, chunk) => {
      if (!(error instanceof RollConflict)) throw error;
      const rescreened = screenAgainstRoll(chunk, error);
      alreadyRegistered.push(...rescreened.alreadyRegistered);
      emailTaken.push(...rescreened.emailTaken);
      return rescreened.admitted;
    },
  );
  if (!run.ok) return run;
  const { appended: registered, stoppedEarly } = run.value;
  const refusals = { alreadyRegistered: alreadyRegistered.sort(), emailTaken: emailTaken.sort((a, b) => (a.studentId < b.studentId ? -1 : 1)) };
  deps.log.info('voters registered', { electionId, registered, alreadyRegistered: alreadyRegistered.length, emailTaken: emailTaken.length });
  const { state } = await deps.store.load(electionId);
  return ok({ registered, ...refusals, mail: holdsCredentials(state) ? 'held' : 'queued', ...(stoppedEarly && { stoppedEarly }) });
}
