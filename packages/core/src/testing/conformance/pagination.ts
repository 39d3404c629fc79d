// Proves pagination on all five lists: page mode (total, pages, nextCursor null only on the last
// page), cursor mode (total/pages/page null) visiting every item exactly once newest first, page
// sizes 1 and 100 accepted and 0 and 101 rejected, foreign or garbage cursors rejected, and cursor
// walks stable while new rows (also older-dated ones) are written between pages.
import { describe, expect, it } from 'vitest';
import { expectValidationError } from './expectations.js';
import { collectPages, createWallet, type Harness } from './harness.js';
import { type ListSpec, listSpecs, type PageQuery } from './pagination-lists.js';

async function seeded(harness: Harness, spec: ListSpec, count: number) {
  const fixture = await harness.setup();
  const acme = await fixture.organization();
  const list = await spec.seed(fixture, acme, count);
  return { ...fixture, acme, list };
}

/** The cursor with every number in it replaced by a string: well-formed, but not a position. */
function tampered(cursor: string): string {
  const payload: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  const forged = Object.fromEntries(
    Object.entries(payload as Record<string, unknown>).map(([key, value]) => [
      key,
      typeof value === 'number' ? 'x' : value,
    ]),
  );
  return Buffer.from(JSON.stringify(forged), 'utf8').toString('base64url');
}

function itemCount(harness: Harness): number {
  return Math.max(10, Math.round(23 * harness.scale));
}

export function describePagination(harness: Harness): void {
  describe('pagination', () => {
    for (const spec of listSpecs) {
      describe(spec.name, () => {
        it('pages in page mode with totals, newest first', {
          timeout: harness.heavyTimeoutMs,
        }, async () => {
          const count = itemCount(harness);
          const { list } = await seeded(harness, spec, count);
          const expected = list.expected();
          expect(expected).toHaveLength(count);
          const pageSize = 3;
          const pages = Math.ceil(count / pageSize);
          const seen: string[] = [];
          for (let page = 1; page <= pages; page += 1) {
            const result = await list.fetch({ page, pageSize });
            expect(result).toMatchObject({ total: count, pages, page, pageSize });
            expect(result.items.length).toBe(
              page < pages ? pageSize : count - pageSize * (pages - 1),
            );
            if (page < pages) expect(result.nextCursor).toEqual(expect.any(String));
            else expect(result.nextCursor).toBeNull();
            seen.push(...result.items.map((item) => item.id));
          }
          expect(seen).toEqual(expected);
          const beyond = await list.fetch({ page: pages + 1, pageSize });
          expect(beyond).toMatchObject({
            items: [],
            total: count,
            page: pages + 1,
            nextCursor: null,
          });
          const defaults = await list.fetch({});
          expect(defaults).toMatchObject({ page: 1, pageSize: 20, total: count });
          expect(defaults.items.map((item) => item.id)).toEqual(expected.slice(0, 20));
        });

        it('walks by cursor, every item exactly once, newest first', {
          timeout: harness.heavyTimeoutMs,
        }, async () => {
          const count = itemCount(harness);
          const { list } = await seeded(harness, spec, count);
          for (const pageSize of [1, 4, 100]) {
            const walked = await collectPages((cursor) =>
              list.fetch(cursor === undefined ? { pageSize } : { pageSize, cursor }),
            );
            expect(
              walked.map((item) => item.id),
              `pageSize ${pageSize}`,
            ).toEqual(list.expected());
          }
          const first = await list.fetch({ pageSize: 4 });
          const second = await list.fetch({ pageSize: 4, cursor: first.nextCursor! });
          expect(second).toMatchObject({ total: null, pages: null, page: null, pageSize: 4 });
          expect(second.items.map((item) => item.id)).toEqual(list.expected().slice(4, 8));
        });

        it('rejects bad page parameters and garbage cursors', async () => {
          const { list } = await seeded(harness, spec, 3);
          const first = await list.fetch({ pageSize: 1 });
          const cursor = first.nextCursor!;
          const bad: [PageQuery, string[]][] = [
            [{ pageSize: 0 }, ['pageSize']],
            [{ pageSize: 101 }, ['pageSize']],
            [{ pageSize: 2.5 }, ['pageSize']],
            [{ page: 0 }, ['page']],
            [{ page: -1 }, ['page']],
            [{ page: 1, cursor }, ['cursor']],
            [{ cursor: 'garbage' }, ['cursor']],
            [{ cursor: 'eyJrIjoiZm9vIn0' }, ['cursor']],
            [{ cursor: tampered(cursor) }, ['cursor']],
            [{ cursor: Buffer.from('[1,2]').toString('base64url') }, ['cursor']],
            [{ cursor: '' }, ['cursor']],
            [{ pageSize: '10' } as never, ['pageSize']],
          ];
          for (const [query, paths] of bad) await expectValidationError(list.fetch(query), paths);
          expect((await list.fetch({ pageSize: 100 })).items).toHaveLength(3);
          expect((await list.fetch({ pageSize: 1, cursor })).items).toHaveLength(1);
        });

        it('stays exact while rows are written between pages', {
          timeout: harness.heavyTimeoutMs,
        }, async () => {
          const count = itemCount(harness);
          const { list, time } = await seeded(harness, spec, count);
          const before = list.expected();
          const seedTime = time.now();
          const walked: string[] = [];
          let cursor: string | undefined;
          for (let pages = 0; pages < 1_000; pages += 1) {
            const page = await list.fetch(
              cursor === undefined ? { pageSize: 3 } : { pageSize: 3, cursor },
            );
            walked.push(...page.items.map((item) => item.id));
            time.advance(1);
            await list.insert();
            const resume = time.now();
            time.set(new Date(seedTime.getTime() - 2));
            await list.insert();
            time.set(resume);
            if (page.nextCursor === null) break;
            cursor = page.nextCursor;
          }
          expect(new Set(walked).size, 'no item is seen twice').toBe(walked.length);
          const old = new Set(before);
          expect(
            walked.filter((id) => old.has(id)),
            'every older item, in order',
          ).toEqual(before);
        });
      });
    }

    it('rejects a cursor of another list', async () => {
      const { organization, vault, time } = await harness.setup();
      const acme = await organization();
      await organization();
      const a = await createWallet(acme);
      const b = await createWallet(acme);
      for (let i = 0; i < 2; i += 1) {
        time.advance(1);
        await acme.transactions.deposit({ walletId: a.id, amount: '1.00' });
        await acme.transactions.deposit({ walletId: b.id, amount: '1.00' });
      }
      const lists: Record<string, (query: PageQuery) => Promise<{ nextCursor: string | null }>> = {
        organizations: (query) => vault.organizations.list(query),
        wallets: (query) => acme.wallets.list(query),
        transactions: (query) => acme.transactions.list(query),
        'entries of a': (query) => acme.wallets.entries(a.id, query),
        'entries of b': (query) => acme.wallets.entries(b.id, query),
      };
      const cursors: Record<string, string> = {};
      for (const [name, fetch] of Object.entries(lists)) {
        cursors[name] = (await fetch({ pageSize: 1 })).nextCursor!;
        expect(cursors[name], name).toEqual(expect.any(String));
      }
      for (const [name, fetch] of Object.entries(lists)) {
        for (const [other, cursor] of Object.entries(cursors)) {
          if (other === name) continue;
          await expectValidationError(fetch({ pageSize: 1, cursor }), ['cursor']);
        }
      }
    });
  });
}
