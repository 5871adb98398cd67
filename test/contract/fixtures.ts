import { randomBytes, randomUUID } from 'node:crypto';
import { decide, evolve, extendChain, MAIN_CONTEST, type ChainHead, type CredentialMail, type ElectionCommand, type ElectionState, type RecordedEvent } from '../../domain';
import type { ElectionStore, EventStream, MailQueue, NewVoter } from '../../handlers/ports';

/** The ports under test, the store's and the mail queue's, over one set of tables as they are deployed. */
export interface Ports {
  store: ElectionStore;
  mail: MailQueue;
  /** Every item of the three tables, keys and attributes (a full Scan of each): what is left after an erasure. */
  everyItem(): Promise<unknown[]>;
}

/** Gives each case its ports: fresh tables in memory; in DynamoDB Local, one set of tables per file, each case with ids of its own. */
export type PortsFactory = () => Promise<Ports>;

export const T0 = new Date('2026-12-01T08:00:00Z');
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** An id no other case uses: cases in DynamoDB Local share their tables. */
export const uniqueId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
/** A credential's hash as the system writes it: 64 hex digits (the marker's shard is read from the first four). */
export const newTokenHash = () => randomBytes(32).toString('hex');

/** What a use case hands the store for a command: the head it loaded, the events decided from there, and the state they lead to. */
export interface Decided {
  head: ChainHead;
  events: RecordedEvent[];
  state: ElectionState;
}

export async function decided(store: EventStream, electionId: string, command: ElectionCommand, at = T0): Promise<Decided> {
  const { state, head } = await store.load(electionId);
  const decision = decide(command, state);
  if (!decision.ok) throw new Error(`${command.type}: ${decision.error.message}`);
  return { head, events: extendChain(electionId, head, decision.value, at.toISOString()), state: decision.value.reduce(evolve, state) };
}

export async function appendCommand(store: EventStream, electionId: string, command: ElectionCommand): Promise<Decided> {
  const next = await decided(store, electionId, command);
  await store.append(electionId, next.head, next.events, next.state);
  return next;
}

/** A draft election of one contest: the ground most cases stand on. `credentialMail` as the REST API creates elections. */
export function createElection(store: EventStream, electionId: string, { credentialMail }: { credentialMail?: CredentialMail } = {}): Promise<Decided> {
  return appendCommand(store, electionId, {
    ...(credentialMail && { credentialMail }),
    type: 'CreateElection',
    electionId,
    title: 'Contract',
    ballot: { kind: 'single' },
    candidates: [{ name: 'Ada Lovelace', email: 'ada@uni.test', pageLink: 'https://uni.test/ada' }],
    window: { closesAt: minutes(600).toISOString() },
    now: T0,
  });
}

export const newVoter = (studentId: string, voter: Partial<NewVoter> = {}): NewVoter => ({ studentId, email: `${studentId}@uni.test`, claimEmail: true, ...voter });

/** Registers voters as registerVoters does: one VotersRegistered event with their entries, claims and credential mail. */
export async function registerVoters(store: ElectionStore, electionId: string, voters: NewVoter[]): Promise<Decided> {
  const next = await decided(store, electionId, { type: 'RegisterVoters', count: voters.length });
  await store.appendWithVoters(electionId, next.head, next.events, next.state, voters);
  return next;
}

/** A draft election with these voters on its roll, each with their credential mail queued (generation 1). */
export async function electionWithVoters(store: ElectionStore, prefix: string, ...studentIds: string[]): Promise<string> {
  return electionOf(store, prefix, {}, studentIds);
}

/** The same, with each credential held until voting opens, as in an election created over the REST API. */
export async function electionHoldingCredentials(store: ElectionStore, prefix: string, ...studentIds: string[]): Promise<string> {
  return electionOf(store, prefix, { credentialMail: 'at-start' }, studentIds);
}

async function electionOf(store: ElectionStore, prefix: string, options: { credentialMail?: CredentialMail }, studentIds: string[]): Promise<string> {
  const electionId = uniqueId(prefix);
  await createElection(store, electionId, options);
  if (studentIds.length > 0)
    await registerVoters(
      store,
      electionId,
      studentIds.map((id) => newVoter(id)),
    );
  return electionId;
}

export const reissueCommand = { type: 'ReissueCredential', voter: 'a-voter-hash', requestedBy: 'admin' } as const;
export const postalCommand = (voters: number): ElectionCommand => ({ type: 'RecordPostalVotes', voters, contests: { [MAIN_CONTEST]: voters } });

/** Everything due by `at` of this election's items (other cases' items share the table in DynamoDB Local). */
export async function dueOf({ mail }: Ports, electionId: string, at: Date) {
  return (await mail.due(at, 10_000)).filter((key) => key.pk.startsWith(`ELECTION#${electionId}#`));
}

export async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}
