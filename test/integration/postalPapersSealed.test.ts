import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../cli/apiClient';
import { auditVerify } from '../../cli/audit';
import { sealedApi } from '../../cli/sealed/api';
import { rehearseOpening } from '../../cli/sealed/rehearsal';
import type { TrusteeMachine } from '../../cli/sealed/trusteeMachine';
import { seededRandom } from '../unit/crypto/seededRandom';
import { ADMIN_TOKEN, memberWithToken, startTestApp, type TestApp } from '../support/harness';
import { awaitOpening, countOpened, publishResults } from '../support/lifecycleSteps';
import { expectExportVerifies, sealedAndClosed } from '../support/sealedOpening';

const ID = 'postal-sealed';

/**
 * A sealed election with a postal voter: closed, sealed, opened by its trustees and counted
 * (provisional); two committee members enter the postal paper, which is counted in with the papers
 * the opening decrypted; accepted, published with the postal paper counted, and the export
 * verifies, the recount replayed from the opening's papers.
 */
describe('postal papers in the count of a sealed box', () => {
  let app: TestApp;
  beforeAll(async () => (app = await startTestApp()));
  afterAll(() => app.stop());

  it('counts the postal paper in with the opened papers, and publishes it once accepted', async () => {
    const [ada, grace] = (await Promise.all([memberWithToken(app, 'Ada Lovelace', 'committee'), memberWithToken(app, 'Grace Hopper', 'committee')])).map((m) => m.headers) as [
      Record<string, string>,
      Record<string, string>,
    ];
    const lines: string[] = [];
    const machine: TrusteeMachine = {
      api: sealedApi(new ApiClient({ baseUrl: app.url, adminToken: ADMIN_TOKEN }), { progress: (line) => lines.push(line) }),
      out: (line) => lines.push(line),
      random: seededRandom('postal papers of a sealed box'),
      passphrase: () => 'correct horse battery staple',
      kdf: { N: 2 ** 10, r: 8, p: 1 },
    };
    const { dir } = await sealedAndClosed(app, ID, machine, { postal: ['s6'], committee: grace });
    const enter = (body: unknown, headers: Record<string, string>) => app.call('POST', `/elections/${ID}/postal-papers`, body, headers);
    const results = async () => (await app.call('GET', `/elections/${ID}/results`)).body;

    // Before the opening the online papers are sealed: nothing to enter them beside yet.
    expect((await enter({ contest: 'main', papers: [{ choices: ['Grace Hopper'] }] }, ada)).body.error.code).toBe('wrong_phase');
    expect(await rehearseOpening(machine, ID, { dir })).toBe(0);
    expect((await awaitOpening(app.deps, ID)).ok).toBe(true);
    expect((await countOpened(app.deps, ID)).ok).toBe(true);
    expect((await app.call('GET', `/elections/${ID}`)).body.awaitingAcceptance).toBe(true);
    expect((await results()).result).toMatchObject({ ballots: 5, counts: [{ candidate: 'Ada Lovelace', votes: 3 }, { votes: 1 }, { votes: 1 }] });
    expect((await publishResults(app.deps, ID)).ok).toBe(false);

    // One postal paper for Grace Hopper, entered by two members: counted in with the five opened ones.
    expect((await enter({ contest: 'main', papers: [{ choices: ['Grace Hopper'] }] }, ada)).status).toBe(200);
    expect((await enter({ contest: 'main', papers: [{ choices: ['Alan Turing'] }] }, grace)).body.error.code).toBe('entries_differ');
    expect((await enter({ contest: 'main', papers: [{ choices: ['Grace Hopper'] }] }, grace)).body).toMatchObject({ counted: true, contests: [{ contest: 'main', postalVoters: 1 }] });
    const recounted = [
      { candidate: 'Ada Lovelace', votes: 3 },
      { candidate: 'Grace Hopper', votes: 2 },
      { candidate: 'Alan Turing', votes: 1 },
    ];
    expect((await results()).result).toMatchObject({ ballots: 6, counts: recounted });
    expect((await results()).contests[0].turnout).toEqual({ voted: 5, postal: 1, postalPapers: { valid: 1, invalid: 0 }, registered: 6 });

    expect((await app.call('POST', `/elections/${ID}/acceptance`, undefined, ada)).status).toBe(202);
    expect((await app.call('POST', `/elections/${ID}/acceptance`, undefined, grace)).status).toBe(200);
    expect((await publishResults(app.deps, ID)).ok).toBe(true);
    expect(await results()).toMatchObject({ phase: 'published', result: { ballots: 6, counts: recounted } });
    const types = (await app.store.readEvents(ID)).map((e) => e.type);
    expect(types.slice(types.lastIndexOf('ResultsTallied'))).toEqual([
      'ResultsTallied',
      'PostalPapersEntered',
      'PostalPapersEntered',
      'PostalPapersAgreed',
      'PostalCounted',
      'ActionProposed',
      'ResultsAccepted',
      'ResultsPublished',
    ]);
    await expectExportVerifies(app, ID);
    const out: string[] = [];
    expect(await auditVerify(`${app.url}/elections/${ID}/audit-log`, {}, (line) => out.push(line))).toBe(0);
  });
});
