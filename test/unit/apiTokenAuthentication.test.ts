import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/committee';
import { API_TOKEN_PREFIX, isApiTokenText, newApiToken } from '../../handlers/apiTokenText';
import { JwtAuthenticator, MEMBER_READ_MS } from '../../handlers/adapters/jwtAuthenticator';
import { MemoryTables } from '../../handlers/adapters/memory';
import { memoryApiTokens } from '../../handlers/adapters/memory/apiTokens';
import { memoryMemberDirectory } from '../../handlers/adapters/memory/memberDirectory';
import type { ApiTokens, MemberDirectory } from '../../handlers/ports';

const T0 = new Date('2026-12-01T08:00:00.000Z');
const DAY = 86_400_000;

/** Counting bytes: each token made in a test has text of its own, and the test knows it. */
const countingBytes = () => {
  let next = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => next++ % 256);
};

describe('a personal API token', () => {
  it('is a recognisable prefix and 32 random bytes in base64url, kept by its SHA-256', () => {
    const random = Uint8Array.from({ length: 32 }, (_, i) => i);
    const { text, hash } = newApiToken(() => random);
    expect(text).toBe(`${API_TOKEN_PREFIX}${Buffer.from(random).toString('base64url')}`);
    expect(text).toHaveLength(API_TOKEN_PREFIX.length + 43);
    expect(hash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(isApiTokenText(text)).toBe(true);
    for (const other of [text.slice(0, -1), `${text}A`, text.replace(API_TOKEN_PREFIX, 'other_'), 'eyJ.eyJ.sig']) expect(isApiTokenText(other), other).toBe(false);
  });
});

describe('the authenticator, given a personal API token', () => {
  let now: Date;
  let directory: MemberDirectory;
  let tokens: ApiTokens;
  let authenticator: JwtAuthenticator;
  const random = countingBytes();

  /** A token made for the member, as the API would make it: shown once, kept by its hash. */
  const tokenFor = async (member: { id: string; name: string }, role: Role, expiresInDays = 30) => {
    const { text, hash } = newApiToken(random);
    const id = `token-${hash.slice(0, 8)}`;
    await tokens.putToken({ id, hash, member, role, label: 'CLI', createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + expiresInDays * DAY).toISOString() });
    return { text, id };
  };

  beforeEach(() => {
    now = T0;
    directory = memoryMemberDirectory();
    tokens = memoryApiTokens(new MemoryTables());
    // The pool is never asked: nothing here is a JWT.
    authenticator = new JwtAuthenticator({ issuer: 'http://127.0.0.1:9/local_unused', clientId: 'console' }, { directory, tokens, clock: { now: () => now } });
  });

  it('signs in its member with its role, through a token', async () => {
    const ada = await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
    const { text } = await tokenFor(ada, 'committee');
    expect(await authenticator.memberFor(text)).toEqual({ id: ada.id, name: 'Ada Lovelace', role: 'committee', via: 'token' });
  });

  it('acts with the role it was made for, when that is lower than its member’s', async () => {
    const ada = await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
    const { text } = await tokenFor(ada, 'observer');
    expect(await authenticator.memberFor(text)).toMatchObject({ role: 'observer', via: 'token' });
  });

  it('is refused from the instant it expires', async () => {
    const ada = await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'helpdesk' });
    const { text } = await tokenFor(ada, 'helpdesk', 7);
    now = new Date(T0.getTime() + 7 * DAY - 1);
    expect(await authenticator.memberFor(text)).toMatchObject({ id: ada.id });
    now = new Date(T0.getTime() + 7 * DAY);
    expect(await authenticator.memberFor(text)).toBeUndefined();
  });

  it('is refused once revoked', async () => {
    const ada = await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
    const { text, id } = await tokenFor(ada, 'committee');
    expect(await tokens.revokeToken(id, ada.id, now.toISOString())).toBe(true);
    expect(await authenticator.memberFor(text)).toBeUndefined();
  });

  it('is refused when never made, or not of a token’s shape at all', async () => {
    expect(await authenticator.memberFor(newApiToken(random).text)).toBeUndefined();
    for (const bearer of ['', 'admin-token', `${API_TOKEN_PREFIX}short`]) expect(await authenticator.memberFor(bearer), bearer).toBeUndefined();
  });

  it('stops working within a minute of its member’s removal, and acts with a lowered role within a minute of the change', async () => {
    const ada = await directory.invite({ email: 'ada@uni.test', name: 'Ada Lovelace', role: 'committee' });
    const alan = await directory.invite({ email: 'alan@uni.test', name: 'Alan Turing', role: 'committee' });
    const adas = await tokenFor(ada, 'committee');
    const alans = await tokenFor(alan, 'committee');
    expect(await authenticator.memberFor(adas.text)).toMatchObject({ role: 'committee' });
    expect(await authenticator.memberFor(alans.text)).toMatchObject({ role: 'committee' });
    await directory.remove(ada.id);
    await directory.setRole(alan.id, 'helpdesk');
    now = new Date(now.getTime() + MEMBER_READ_MS);
    expect(await authenticator.memberFor(adas.text)).toBeUndefined();
    expect(await authenticator.memberFor(alans.text)).toEqual({ id: alan.id, name: 'Alan Turing', role: 'helpdesk', via: 'token' });
  });
});
