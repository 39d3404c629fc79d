// Proves that organizations are created, retrieved and listed (page and cursor mode) exactly as
// written, that unknown ids answer NOT_FOUND, and that bad input is rejected with nothing written,
// by round-tripping organizations through the engine with a test clock.
import { describe, expect, it } from 'vitest';
import { isUuid } from '../../ids/uuid-v7-generator.js';
import { expectValidationError, expectVaultError } from './expectations.js';
import { collectPages, createWallet, type Harness, unknownId } from './harness.js';

export function describeOrganizations(harness: Harness): void {
  describe('organizations', () => {
    it('creates an organization and retrieves it unchanged', async () => {
      const { vault, time } = await harness.setup();
      const created = await vault.organizations.create({
        name: 'Acme Payments',
        metadata: { region: 'eu-west', tier: 'gold' },
      });
      expect(isUuid(created.id)).toBe(true);
      expect(created).toEqual({
        id: created.id,
        name: 'Acme Payments',
        metadata: { region: 'eu-west', tier: 'gold' },
        createdAt: time.now(),
      });
      expect(await vault.organizations.retrieve(created.id)).toEqual(created);
      expect(await vault.organizations.retrieve(created.id.toUpperCase())).toEqual(created);
    });

    it('defaults metadata to an empty object', async () => {
      const { vault } = await harness.setup();
      const created = await vault.organizations.create({ name: 'Plain' });
      expect(created.metadata).toEqual({});
      expect((await vault.organizations.retrieve(created.id)).metadata).toEqual({});
    });

    it('answers NOT_FOUND for an organization that does not exist', async () => {
      const { vault } = await harness.setup();
      await vault.organizations.create({ name: 'Exists' });
      const missing = unknownId();
      const error = await expectVaultError(vault.organizations.retrieve(missing), 'NOT_FOUND');
      expect(error.details.id).toBe(missing);
    });

    it('refuses to create a wallet in an organization that does not exist', async () => {
      const { vault } = await harness.setup();
      const ghost = vault.organization(unknownId());
      await expectVaultError(createWallet(ghost), 'NOT_FOUND');
      expect((await vault.organizations.list()).total).toBe(0);
    });

    it('lists organizations newest first in page mode', async () => {
      const { vault, time } = await harness.setup();
      const created = [];
      for (let i = 0; i < 5; i += 1) {
        created.push(await vault.organizations.create({ name: `Org ${i}` }));
        time.advance(1_000);
      }
      const newestFirst = [...created].reverse().map((o) => o.id);
      const first = await vault.organizations.list({ pageSize: 2 });
      expect(first).toMatchObject({ total: 5, pages: 3, page: 1, pageSize: 2 });
      expect(first.items.map((o) => o.id)).toEqual(newestFirst.slice(0, 2));
      expect(first.nextCursor).not.toBeNull();
      const last = await vault.organizations.list({ page: 3, pageSize: 2 });
      expect(last.items.map((o) => o.id)).toEqual(newestFirst.slice(4));
      expect(last.nextCursor).toBeNull();
      const everything = await vault.organizations.list();
      expect(everything).toMatchObject({ total: 5, pages: 1, page: 1, pageSize: 20 });
      expect(everything.items).toEqual([...created].reverse());
    });

    it('lists organizations by cursor, each exactly once', async () => {
      const { vault, time } = await harness.setup();
      const ids: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        ids.push((await vault.organizations.create({ name: `Org ${i}` })).id);
        if (i % 2 === 0) time.advance(1);
      }
      const first = await vault.organizations.list({ pageSize: 3 });
      const second = await vault.organizations.list({ pageSize: 3, cursor: first.nextCursor! });
      expect(second).toMatchObject({ total: null, pages: null, page: null, pageSize: 3 });
      const walked = await collectPages((cursor) =>
        vault.organizations.list(cursor === undefined ? { pageSize: 3 } : { pageSize: 3, cursor }),
      );
      expect(walked.map((o) => o.id)).toEqual([...ids].reverse());
    });

    it('rejects bad input and creates nothing', async () => {
      const { vault } = await harness.setup();
      await expectValidationError(vault.organizations.create({ name: '' }), ['name']);
      await expectValidationError(vault.organizations.create({ name: '   ' }), ['name']);
      await expectValidationError(vault.organizations.create({ name: 'n'.repeat(256) }), ['name']);
      await expectValidationError(
        vault.organizations.create({ name: 'Acme', plan: 'gold' } as never),
        ['plan'],
      );
      await expectValidationError(vault.organizations.create({ name: 42 } as never), ['name']);
      await expectValidationError(vault.organizations.create({} as never), ['name']);
      await expectValidationError(
        vault.organizations.create({ name: '', metadata: 'x', extra: 1 } as never),
        ['extra', 'metadata', 'name'],
      );
      await expectValidationError(vault.organizations.retrieve('not-a-uuid'), ['organizationId']);
      await expectValidationError(vault.organizations.list({ foo: 1 } as never), ['foo']);
      expect(() => vault.organization('not-a-uuid')).toThrow(/UUID/);
      await expectValidationError(() => vault.organization('not-a-uuid'), ['organizationId']);
      expect((await vault.organizations.list()).total).toBe(0);
      const longest = await vault.organizations.create({ name: 'n'.repeat(255) });
      expect(longest.name).toHaveLength(255);
    });
  });
}
