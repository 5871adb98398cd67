import { ApiClient } from '../cli/apiClient';
import { createApiHandler } from '../handlers/api/router';
import { runCommand } from '../handlers/runCommand';
import { serveApi } from '../infra/local/apiServer';
import { BENCH_ADMIN_TOKEN, startBenchStack } from './benchStack';

export interface RegistrationFigures {
  votersPerRequest: number;
  /** Each measured request's seconds, in order. */
  requestSeconds: number[];
  medianSeconds: number;
  votersPerSecond: number;
  transactionsPerRequest: number;
  msPerTransaction: number;
}

/**
 * One import request of 5,000 voters (the CLI's batch), sent as the CLI sends it (its API client,
 * over HTTP, to the API handler) and timed to its answer; the TransactWriteItems calls it makes are
 * counted, for the time of one. The first request is an unmeasured warm-up, so neither V8 nor
 * DynamoDB Local's JVM is measured while still compiling. No sender runs: a request only writes.
 */
export async function benchRegistration(votersPerRequest = 5000, requests = 3): Promise<RegistrationFigures> {
  const stack = await startBenchStack();
  const api = await serveApi(createApiHandler(stack.deps), 0);
  try {
    const id = 'registration';
    const candidates = [{ name: 'Ada', email: 'ada@bench.test', pageLink: 'https://bench.test/ada' }];
    await runCommand(stack.deps, id, {
      type: 'CreateElection',
      electionId: id,
      title: 'Registration',
      ballot: { kind: 'single' },
      candidates,
      window: { closesAt: new Date(Date.now() + 3_600_000).toISOString() },
      now: new Date(),
    });
    let transactions = 0;
    stack.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') transactions += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countTransactions' },
    );
    const cli = new ApiClient({ baseUrl: api.url, adminToken: BENCH_ADMIN_TOKEN, attempts: 1 });
    const requestSeconds: number[] = [];
    for (let request = 0; request <= requests; request += 1) {
      const voters = Array.from({ length: votersPerRequest }, (_, i) => ({ studentId: `r${request}-${i}`, email: `r${request}-${i}@bench.test` }));
      transactions = 0;
      const started = performance.now();
      const answer = await cli.request<{ registered: number }>('POST', `/elections/${id}/voters`, { voters });
      const seconds = (performance.now() - started) / 1000;
      if (answer.registered !== votersPerRequest) throw new Error(`${answer.registered} of ${votersPerRequest} voters registered`);
      if (request > 0) requestSeconds.push(seconds);
    }
    const medianSeconds = [...requestSeconds].sort((a, b) => a - b)[Math.floor(requestSeconds.length / 2)]!;
    return {
      votersPerRequest,
      requestSeconds,
      medianSeconds,
      votersPerSecond: votersPerRequest / medianSeconds,
      transactionsPerRequest: transactions,
      msPerTransaction: (medianSeconds * 1000) / transactions,
    };
  } finally {
    await api.stop();
    await stack.stop();
  }
}
