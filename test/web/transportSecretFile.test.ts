// The trustee page's interim file, sealed as the share file is: its own refusals beside the share file's.
import { describe, expect, it } from 'vitest';
import { baseMultiple, scalar } from '../../domain/crypto/group';
import { openShareFile, type KdfParameters } from '../../domain/crypto/shareFile';
import { seededRandom } from '../unit/crypto/seededRandom';
import { openTransportSecretFile, sealTransportSecretFile } from '../../web/lib/trustee/transportSecretFile';

const CHEAP: KdfParameters = { N: 2 ** 10, r: 1, p: 1 };
const PASSPHRASE = 'correct horse battery staple';

describe('the transport-secret file', () => {
  const random = seededRandom('transport-secret file');
  const transportSecret = scalar.random(random);
  const transportKey = baseMultiple(transportSecret);
  const expected = { electionId: 'council-2026', trustee: 2, transportKey };
  const sealed = sealTransportSecretFile({ electionId: 'council-2026', trustee: 2, transportSecret }, PASSPHRASE, random, CHEAP);

  it('opens to the transport secret of the certificate it was made with', async () => {
    expect(await openTransportSecretFile(await sealed, PASSPHRASE, expected)).toEqual({ ok: true, transportSecret });
  });

  it('refuses an edited header, a file of another trustee sealed with the same key, and another version', async () => {
    const file = JSON.parse(await sealed) as { version: number; sealed: { election: { electionId: string } } };
    const edited = structuredClone(file);
    edited.sealed.election.electionId = 'other';
    expect(await openTransportSecretFile(JSON.stringify(edited), PASSPHRASE, expected)).toMatchObject({ ok: false, failed: 'election-altered' });
    const another = await sealTransportSecretFile({ electionId: 'council-2026', trustee: 3, transportSecret }, PASSPHRASE, random, CHEAP);
    expect(await openTransportSecretFile(another, PASSPHRASE, expected)).toEqual({ ok: false, failed: 'trustee', reason: "this file is trustee 3's, not trustee 2's" });
    expect(await openTransportSecretFile(JSON.stringify({ ...file, version: 2 }), PASSPHRASE, expected)).toMatchObject({ ok: false, failed: 'format' });
  });

  it('is never taken for a share file of the election, nor a share file for it', async () => {
    const inner = JSON.stringify((JSON.parse(await sealed) as { sealed: unknown }).sealed);
    // Its key is the transport key, never the election key.
    expect(await openShareFile(inner, PASSPHRASE, { electionId: 'council-2026', publicKey: baseMultiple(scalar.random(random)) })).toMatchObject({ ok: false, failed: 'ceremony' });
    expect(await openTransportSecretFile(inner, PASSPHRASE, expected)).toMatchObject({ ok: false, failed: 'format', reason: 'this is not a transport-secret file' });
  });
});
