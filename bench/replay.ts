import { mkdirSync, statSync } from 'node:fs';
import { measuredAuditVerify } from './measuredChild';
import { writeSyntheticExport } from './syntheticExport';

export interface ReplayFigures {
  ballots: number;
  gzipMb: number;
  seconds: number;
  peakMemoryMb: number;
}

/** `audit verify` on the export of a million voters who all voted, in its own process, timed, with its peak memory. */
export async function benchReplay(count = 1_000_000): Promise<ReplayFigures> {
  mkdirSync('.local/bench', { recursive: true });
  const path = '.local/bench/replay-export.ndjson.gz';
  await writeSyntheticExport(path, count);
  const verified = await measuredAuditVerify(path);
  return { ballots: count, gzipMb: statSync(path).size / 2 ** 20, seconds: verified.seconds, peakMemoryMb: verified.maxRssKb / 1024 };
}
