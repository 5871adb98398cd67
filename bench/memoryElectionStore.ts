import { randomBytes } from 'node:crypto';
import { EMPTY_HEAD, initialState, type ChainHead, type ElectionState, type RecordedEvent, type SealedBallot } from '../domain';
import type { ExportReads } from '../handlers/usecases/exportAuditLog';
import { StreamConflict, type ElectionStore, type LoadedElection, type NewVoter, type RollEntry } from '../handlers/ports';

/** Roll entries and ballots per page, as a page of DynamoDB holds a few thousand of them. */
const PAGE = 3_000;

/**
 * One election's store in memory, with only what registration, the lock, the lifecycle's
 * commands and the audit export use (registerVoters, lockElection, runCommand, exportAuditLog):
 * so the synthetic export is written by those functions themselves, without DynamoDB. The
 * ballots and the participation count are put in whole (`fillBox`), as the seeding of the
 * DynamoDB benchmarks batch-writes them.
 */
export class MemoryElectionStore implements Pick<ElectionStore, 'load' | 'append' | 'appendWithVoters'>, ExportReads {
  private readonly events: RecordedEvent[] = [];
  private state: ElectionState = initialState;
  private readonly roll: RollEntry[] = [];
  private readonly boxes = new Map<string, SealedBallot[]>();
  private participation = 0;
  /** The roll's key, random per election as the real store makes it. */
  private readonly salt = randomBytes(32).toString('hex');

  constructor(private readonly electionId: string) {}

  async load(electionId: string): Promise<LoadedElection> {
    this.mustBeOwn(electionId);
    return { state: this.state, head: this.head() };
  }

  async append(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState): Promise<void> {
    await this.appendWithVoters(electionId, head, events, state, []);
  }

  async appendWithVoters(electionId: string, head: ChainHead, events: RecordedEvent[], state: ElectionState, voters: NewVoter[]): Promise<void> {
    this.mustBeOwn(electionId);
    if (head.seq !== this.head().seq) throw new StreamConflict(electionId);
    this.events.push(...events);
    this.state = state;
    for (const { studentId, groups } of voters) this.roll.push({ studentId, ...(groups && { groups }) });
  }

  async readEvents(electionId: string): Promise<RecordedEvent[]> {
    this.mustBeOwn(electionId);
    return [...this.events];
  }

  async rollSalt(electionId: string): Promise<string> {
    this.mustBeOwn(electionId);
    return this.salt;
  }

  async *rollPages(electionId: string): AsyncIterable<RollEntry[]> {
    this.mustBeOwn(electionId);
    yield* pagesOf(this.roll);
  }

  /** Puts a whole box in, and how many voters cast: what the casts would have left there. */
  fillBox(box: string, ballots: readonly SealedBallot[], participation: number): void {
    this.boxes.set(
      box,
      [...ballots].sort((a, b) => (a.ballotId < b.ballotId ? -1 : 1)),
    );
    this.participation = participation;
  }

  async countBallots(box: string): Promise<number> {
    return this.boxes.get(box)?.length ?? 0;
  }

  async countParticipation(electionId: string): Promise<number> {
    this.mustBeOwn(electionId);
    return this.participation;
  }

  /** The box as one shard, in ballot-id order, a page at a time. */
  ballotsByShard(box: string): AsyncIterable<SealedBallot[]>[] {
    return [pagesOf(this.boxes.get(box) ?? [])];
  }

  private head(): ChainHead {
    const last = this.events.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : EMPTY_HEAD;
  }

  private mustBeOwn(electionId: string): void {
    if (electionId !== this.electionId) throw new Error(`this store holds election ${this.electionId}, not ${electionId}`);
  }
}

async function* pagesOf<T>(items: readonly T[]): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += PAGE) yield items.slice(i, i + PAGE);
}
