// The behaviour every IdentityStore shares, run unchanged against SQLite and PostgreSQL by
// describeIdentityStore (each test on a fresh database from the caller's `open`).
import { randomUUID } from 'node:crypto';
import { isVaultError } from '@vaultcraft/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKeyRecord,
  instant,
  newestFirst,
  rejection,
  storedResponse,
  userRecord,
} from '../../test/identity/identity-fixtures.js';
import {
  type ApiKeyRecord,
  EmailTakenError,
  type IdentityStore,
  ResponseKeyTakenError,
} from './identity-store.js';

/** A store on a fresh database, and more stores on the same database. */
export interface IdentityStoreHarness {
  readonly store: IdentityStore;
  /** Opens another store on the same database (migrating again); `dispose` closes it. */
  openAnother(): Promise<IdentityStore>;
  /** Closes every store and deletes the database. */
  dispose(): Promise<void>;
}

/** Registers the shared behavioural suite of an IdentityStore implementation. */
export function describeIdentityStore(
  name: string,
  open: () => Promise<IdentityStoreHarness>,
): void {
  describe(`IdentityStore: ${name}`, () => {
    let harness: IdentityStoreHarness;
    let store: IdentityStore;
    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });
    afterEach(async () => {
      await harness.dispose();
    });

    it('stores users and finds them by id and by email, compared lower-case', async () => {
      const user = userRecord({ email: 'Ada.Lovelace@Example.COM' });
      await store.insertUser(user);
      const stored = { ...user, email: 'ada.lovelace@example.com' };
      expect(await store.findUserById(user.id)).toEqual(stored);
      expect(await store.findUserByEmail('ADA.lovelace@example.com')).toEqual(stored);
      expect(await store.findUserByEmail('someone@example.com')).toBeNull();
      expect(await store.findUserById(randomUUID())).toBeNull();
      expect(await store.findUserById('not-a-uuid')).toBeNull();
    });

    it('refuses an email taken in any organization, in any case, writing nothing', async () => {
      const first = userRecord({ email: 'grace@example.com' });
      await store.insertUser(first);
      const second = userRecord({ email: 'GRACE@Example.com' });
      const response = storedResponse({ organizationId: second.organizationId });
      expect(await rejection(store.insertUser(second, response))).toBeInstanceOf(EmailTakenError);
      expect(await store.findUserById(second.id)).toBeNull();
      expect(await store.findResponse(response.organizationId, response.key)).toBeNull();
      expect(await store.findUserByEmail('grace@example.com')).toEqual(first);
    });

    it('stores API keys and finds them by hash, revoked or not', async () => {
      const key = apiKeyRecord();
      const revoked = apiKeyRecord({ revokedAt: instant(5) });
      await store.insertApiKey(key);
      await store.insertApiKey(revoked);
      expect(await store.findApiKeyByHash(key.keyHash)).toEqual(key);
      expect(await store.findApiKeyByHash(revoked.keyHash)).toEqual(revoked);
      expect(await store.findApiKeyByHash('0'.repeat(64))).toBeNull();
    });

    it('lists active keys newest first, by offset and before a position, with a total', async () => {
      const organizationId = randomUUID();
      const keys: ApiKeyRecord[] = [];
      for (let index = 0; index < 5; index += 1) {
        keys.push(apiKeyRecord({ organizationId, createdAt: instant(index) }));
      }
      // Equal times: the id decides.
      keys.push(apiKeyRecord({ organizationId, createdAt: instant(2) }));
      keys.push(apiKeyRecord({ organizationId, createdAt: instant(2) }));
      const revoked = apiKeyRecord({ organizationId, createdAt: instant(9) });
      for (const key of [...keys, revoked, apiKeyRecord({ createdAt: instant(3) })]) {
        await store.insertApiKey(key);
      }
      expect(await store.revokeApiKey(organizationId, revoked.id, instant(10))).toBe(true);
      const expected = newestFirst(keys);
      const page = (offset: number, withTotal = true) =>
        store.listApiKeys({ organizationId, limit: 3, offset, withTotal });

      expect(await page(0)).toEqual({ items: expected.slice(0, 3), total: 7 });
      expect(await page(3)).toEqual({ items: expected.slice(3, 6), total: 7 });
      expect(await page(6)).toEqual({ items: expected.slice(6), total: 7 });
      expect(await page(9)).toEqual({ items: [], total: 7 });
      expect(await page(3, false)).toEqual({ items: expected.slice(3, 6), total: null });

      const walked: ApiKeyRecord[] = [];
      let before: { createdAt: Date; id: string } | undefined;
      for (let pages = 0; pages < 5; pages += 1) {
        const { items, total } = await store.listApiKeys({
          organizationId,
          limit: 2,
          withTotal: false,
          ...(before !== undefined && { before }),
        });
        expect(total).toBeNull();
        walked.push(...items);
        const last = items.at(-1);
        if (last === undefined) break;
        before = { createdAt: last.createdAt, id: last.id };
      }
      expect(walked).toEqual(expected);
      const other = await store.listApiKeys({
        organizationId: randomUUID(),
        limit: 5,
        withTotal: true,
      });
      expect(other).toEqual({ items: [], total: 0 });
    });

    it('revokes a key of its organization once, and nothing else', async () => {
      const key = apiKeyRecord();
      await store.insertApiKey(key);
      expect(await store.revokeApiKey(randomUUID(), key.id, instant(1))).toBe(false);
      expect(await store.revokeApiKey(key.organizationId, randomUUID(), instant(1))).toBe(false);
      expect(await store.revokeApiKey(key.organizationId, 'not-a-uuid', instant(1))).toBe(false);
      expect((await store.findApiKeyByHash(key.keyHash))?.revokedAt).toBeNull();
      expect(await store.revokeApiKey(key.organizationId, key.id, instant(1))).toBe(true);
      expect(await store.revokeApiKey(key.organizationId, key.id, instant(2))).toBe(false);
      expect(await store.findApiKeyByHash(key.keyHash)).toEqual({ ...key, revokedAt: instant(1) });
    });

    it('stores a response with its row; a taken key writes nothing and returns the stored one', async () => {
      const user = userRecord();
      const response = storedResponse({ organizationId: user.organizationId });
      await store.insertUser(user, response);
      expect(await store.findResponse(user.organizationId, response.key)).toEqual(response);
      expect(await store.findResponse(randomUUID(), response.key)).toBeNull();

      const again = userRecord({ organizationId: user.organizationId });
      const reused = storedResponse({ ...response, fingerprint: 'b'.repeat(64), body: '{}' });
      const error = await rejection(store.insertUser(again, reused));
      expect(error).toBeInstanceOf(ResponseKeyTakenError);
      expect((error as ResponseKeyTakenError).existing).toEqual(response);
      expect(await store.findUserById(again.id)).toBeNull();

      const key = apiKeyRecord({ organizationId: user.organizationId });
      const keyError = await rejection(store.insertApiKey(key, reused));
      expect((keyError as ResponseKeyTakenError).existing).toEqual(response);
      expect(await store.findApiKeyByHash(key.keyHash)).toBeNull();

      // A retry of the same signup (same email, same key) replays rather than "email taken".
      const retry = userRecord({ organizationId: user.organizationId, email: user.email });
      expect(await rejection(store.insertUser(retry, reused))).toBeInstanceOf(
        ResponseKeyTakenError,
      );

      // The same key in another organization is another key.
      const elsewhere = apiKeyRecord();
      await store.insertApiKey(elsewhere, {
        ...response,
        organizationId: elsewhere.organizationId,
      });
      expect(await store.findApiKeyByHash(elsewhere.keyHash)).toEqual(elsewhere);
    });

    it('lets exactly one of 10 concurrent signups with one email in, across connections', async () => {
      const another = await harness.openAnother();
      const email = `race-${randomUUID()}@example.com`;
      const users = Array.from({ length: 10 }, () => userRecord({ email }));
      const results = await Promise.allSettled(
        users.map((user, index) => (index % 2 === 0 ? store : another).insertUser(user)),
      );
      const won = results.flatMap((result, index) =>
        result.status === 'fulfilled' ? [users[index]] : [],
      );
      expect(won).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(EmailTakenError);
      }
      expect(await another.findUserByEmail(email)).toEqual(won[0]);
    });

    it('stores one answer and one row for 10 concurrent writes under one key', async () => {
      const another = await harness.openAnother();
      const organizationId = randomUUID();
      const key = `race-${randomUUID()}`;
      const attempts = Array.from({ length: 10 }, (_, index) => ({
        apiKey: apiKeyRecord({ organizationId }),
        response: storedResponse({ organizationId, key, body: `{"attempt":${index}}` }),
      }));
      const results = await Promise.allSettled(
        attempts.map(({ apiKey, response }, index) =>
          (index % 2 === 0 ? store : another).insertApiKey(apiKey, response),
        ),
      );
      const winner = results.findIndex((result) => result.status === 'fulfilled');
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') {
          expect(result.reason).toBeInstanceOf(ResponseKeyTakenError);
          expect((result.reason as ResponseKeyTakenError).existing).toEqual(
            attempts[winner]?.response,
          );
        }
      }
      const listed = await store.listApiKeys({ organizationId, limit: 20, withTotal: true });
      expect(listed).toEqual({ items: [attempts[winner]?.apiKey], total: 1 });
    });

    it('deletes stored answers older than an instant, in batches', async () => {
      const old = storedResponse({ createdAt: instant(-1) });
      const boundary = storedResponse({ createdAt: instant(0) });
      const newer = storedResponse({ createdAt: instant(1) });
      for (const response of [old, boundary, newer]) {
        await store.insertApiKey(
          apiKeyRecord({ organizationId: response.organizationId }),
          response,
        );
      }
      expect(await store.deleteResponsesBefore(instant(0))).toBe(1);
      expect(await store.findResponse(old.organizationId, old.key)).toBeNull();
      expect(await store.findResponse(boundary.organizationId, boundary.key)).toEqual(boundary);
      expect(await store.findResponse(newer.organizationId, newer.key)).toEqual(newer);
      expect(await store.deleteResponsesBefore(instant(0))).toBe(0);

      // More than one batch (1,000 rows per statement).
      const organizationId = randomUUID();
      for (let start = 0; start < 1_005; start += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, 1_005 - start) }, (_, index) =>
            store.insertApiKey(
              apiKeyRecord({ organizationId }),
              storedResponse({
                organizationId,
                key: `bulk-${start + index}`,
                createdAt: instant(-9),
              }),
            ),
          ),
        );
      }
      expect(await store.deleteResponsesBefore(instant(1))).toBe(1_006);
      expect(await store.findResponse(newer.organizationId, newer.key)).toEqual(newer);
    });

    it('keeps times to the millisecond', async () => {
      const times = [new Date('2024-02-29T23:59:59.999Z'), new Date('1999-12-31T00:00:00.001Z')];
      for (const time of times) {
        const user = userRecord({ createdAt: time });
        const key = apiKeyRecord({ createdAt: time, revokedAt: new Date(time.getTime() + 1) });
        const response = storedResponse({ organizationId: user.organizationId, createdAt: time });
        await store.insertUser(user, response);
        await store.insertApiKey(key);
        expect((await store.findUserById(user.id))?.createdAt.getTime()).toBe(time.getTime());
        expect(await store.findApiKeyByHash(key.keyHash)).toEqual(key);
        expect((await store.findResponse(user.organizationId, response.key))?.createdAt).toEqual(
          time,
        );
      }
    });

    it('opens again on a migrated database and sees the same rows', async () => {
      const user = userRecord();
      await store.insertUser(user);
      const another = await harness.openAnother();
      expect(await another.findUserById(user.id)).toEqual(user);
    });

    it('answers pings, closes idempotently, and refuses calls once closed', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await store.close();
      const error = await rejection(store.findUserById(randomUUID()));
      expect(isVaultError(error) && error.code).toBe('UNAVAILABLE');
      expect(isVaultError(await rejection(store.ping()))).toBe(true);
    });
  });
}
