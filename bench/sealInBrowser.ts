import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BallotDefinition } from '../domain';
import { baseMultiple, elementFromHex, elementToHex, scalar } from '../domain/crypto/group';
import { readCiphertext, readList } from '../domain/crypto/jsonFields';
import { knowledgeOfRandomnessFromJson, verifyKnowledgeOfRandomness } from '../domain/crypto/proofs/knowledgeOfRandomness';
import { sealedContexts } from '../domain/crypto/sealedContest';
import { serveApi } from '../infra/local/apiServer';
import { localFiles } from '../infra/local/webFiles';
import { launchChromium } from '../test/support/chromium';
import { sealForCast, type AuditedElection, type MarkedPaper } from '../web/lib/seal-ballot';
import { percentile } from './pool';
import { medianMs } from './sealedBox';
import { benchRandom } from './sealedElection';

export interface SealInBrowserFigures {
  /** Median of `times` sealings of one ranked paper of 30 candidates (encode, encrypt, prove, tracker, receipt), after a warm-up. */
  chromiumMs: number;
  /** The same call of the same module in node, for comparison. */
  nodeMs: number;
  times: number;
}

const RANKED: BallotDefinition = { kind: 'ranked', method: 'scottish-stv', seats: 5 };
const CANDIDATES = Array.from({ length: 30 }, (_, i) => ({ name: `Candidate ${i}`, email: `c${i}@bench.test`, pageLink: 'https://bench.test' }));
const PAPERS: MarkedPaper[] = [{ contest: 'main', choice: { choices: CANDIDATES.slice(0, 12).map((c) => c.name) } }];
/** A blank page on the local stack's origin, from which the bundle is imported as the voter page imports it. */
const BLANK = '/bench-seal';

/**
 * The voter page's sealing in Debian's headless chromium: `/lib/seal-ballot.js`, bundled and
 * served by the local stack's own file server (infra/local/webFiles.ts) on loopback, imported in
 * a page of that origin, and `sealForCast` timed there on a ranked paper of 30 candidates (the
 * median of `times` after a warm-up of 5), under an election key made for the run. The same
 * module's call is timed in node beside it.
 */
export async function benchSealInBrowser(times = 40): Promise<SealInBrowserFigures> {
  const election: AuditedElection = {
    id: 'bench',
    electionKey: elementToHex(baseMultiple(scalar.random(benchRandom))),
    contests: [{ id: 'main', ballot: RANKED, candidates: CANDIDATES }],
  };
  const exportDir = mkdtempSync(join(tmpdir(), 'bench-seal-'));
  const files = localFiles({ auditExportDir: exportDir });
  const site = await serveApi(async () => ({ statusCode: 404, body: '' }), 0, '127.0.0.1', {
    files: async (path) => (path === BLANK ? { status: 200, body: Buffer.from('<!doctype html><title>seal</title>'), headers: { 'content-type': 'text/html' } } : files(path)),
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${site.url}${BLANK}`);
    const { taken, sample } = await page.evaluate(
      async ({ election, papers, times }) => {
        // The bundle's path is built at run time, so that neither TypeScript nor tsx tries to resolve it here.
        const bundle = ['', 'lib', 'seal-ballot.js'].join('/');
        const { sealForCast: seal } = (await import(bundle)) as typeof import('../web/lib/seal-ballot');
        for (let i = 0; i < 5; i += 1) seal(election, papers);
        const taken = Array.from({ length: times }, () => {
          const started = performance.now();
          seal(election, papers);
          return performance.now() - started;
        });
        return { taken, sample: seal(election, papers) };
      },
      { election, papers: PAPERS, times },
    );
    // What the page sealed is a paper the cast takes: its proof checks under the election key.
    const paper = sample.papers.main!;
    const proved = verifyKnowledgeOfRandomness(
      {
        publicKey: elementFromHex(election.electionKey),
        ciphertexts: readList(paper.ciphertexts, 'ciphertexts', readCiphertext),
        context: sealedContexts.paper({ electionId: election.id, contestId: 'main' }),
      },
      knowledgeOfRandomnessFromJson(paper.proof),
    );
    if (!proved.ok) throw new Error(`the paper sealed in chromium does not verify: ${proved.failed}`);
    for (let i = 0; i < 5; i += 1) sealForCast(election, PAPERS);
    return { chromiumMs: percentile(taken, 50), nodeMs: medianMs(times, () => sealForCast(election, PAPERS)), times };
  } finally {
    await browser.close();
    await site.stop();
    rmSync(exportDir, { recursive: true, force: true });
  }
}
