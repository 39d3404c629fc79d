// Malformed calls of the organization and wallet functions, each with the exact field paths its
// VALIDATION_ERROR must list.
import { bad, type ValidationCast, type ValidationRow } from './validation-rows.js';

const longKey = 'k'.repeat(41);
const metadata51 = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, 'v']));

export const organizationRows: readonly ValidationRow[] = [
  {
    call: 'vault.organization',
    case: 'malformed id',
    paths: ['organizationId'],
    run: (c) => c.vault.organization('not-a-uuid'),
  },
  {
    call: 'organizations.create',
    case: 'nothing',
    paths: ['name'],
    run: (c) => c.vault.organizations.create(bad({})),
  },
  {
    call: 'organizations.create',
    case: 'not an object',
    paths: [''],
    run: (c) => c.vault.organizations.create(bad(null)),
  },
  {
    call: 'organizations.create',
    case: 'name a number',
    paths: ['name'],
    run: (c) => c.vault.organizations.create(bad({ name: 42 })),
  },
  {
    call: 'organizations.create',
    case: 'name blank',
    paths: ['name'],
    run: (c) => c.vault.organizations.create({ name: '  ' }),
  },
  {
    call: 'organizations.create',
    case: 'name 256 chars',
    paths: ['name'],
    run: (c) => c.vault.organizations.create({ name: 'n'.repeat(256) }),
  },
  {
    call: 'organizations.create',
    case: 'control character',
    paths: ['name'],
    run: (c) => c.vault.organizations.create({ name: 'a\u0000b' }),
  },
  {
    call: 'organizations.create',
    case: 'unknown field',
    paths: ['plan'],
    run: (c) => c.vault.organizations.create(bad({ name: 'x', plan: 'gold' })),
  },
  {
    call: 'organizations.retrieve',
    case: 'malformed id',
    paths: ['organizationId'],
    run: (c) => c.vault.organizations.retrieve('not-a-uuid'),
  },
  {
    call: 'organizations.retrieve',
    case: 'a number',
    paths: ['organizationId'],
    run: (c) => c.vault.organizations.retrieve(bad(42)),
  },
  {
    call: 'organizations.list',
    case: 'bad page size and unknown field',
    paths: ['foo', 'pageSize'],
    run: (c) => c.vault.organizations.list(bad({ pageSize: 0, foo: 1 })),
  },
];

const wallet = { name: 'W', walletType: 'BONUS', currency: 'USD', ownerId: 'o' } as const;
const createWith = (c: ValidationCast, patch: Record<string, unknown>) =>
  c.acme.wallets.create(bad({ ...wallet, ...patch }));

export const walletRows: readonly ValidationRow[] = [
  {
    call: 'wallets.create',
    case: 'nothing',
    paths: ['currency', 'name', 'ownerId', 'walletType'],
    run: (c) => c.acme.wallets.create(bad({})),
  },
  {
    call: 'wallets.create',
    case: 'unknown type',
    paths: ['walletType'],
    run: (c) => createWith(c, { walletType: 'SAVINGS' }),
  },
  {
    call: 'wallets.create',
    case: 'lower-case currency',
    paths: ['currency'],
    run: (c) => createWith(c, { currency: 'usd' }),
  },
  {
    call: 'wallets.create',
    case: 'unknown currency',
    paths: ['currency'],
    run: (c) => createWith(c, { currency: 'XXZ' }),
  },
  {
    call: 'wallets.create',
    case: 'numeric currency',
    paths: ['currency'],
    run: (c) => createWith(c, { currency: 840 }),
  },
  {
    call: 'wallets.create',
    case: 'empty owner id',
    paths: ['ownerId'],
    run: (c) => createWith(c, { ownerId: '' }),
  },
  {
    call: 'wallets.create',
    case: 'blank owner id',
    paths: ['ownerId'],
    run: (c) => createWith(c, { ownerId: '   ' }),
  },
  {
    call: 'wallets.create',
    case: 'owner id 256 chars',
    paths: ['ownerId'],
    run: (c) => createWith(c, { ownerId: 'o'.repeat(256) }),
  },
  {
    call: 'wallets.create',
    case: 'numeric owner id',
    paths: ['ownerId'],
    run: (c) => createWith(c, { ownerId: 7 }),
  },
  {
    call: 'wallets.create',
    case: 'empty name',
    paths: ['name'],
    run: (c) => createWith(c, { name: '' }),
  },
  {
    call: 'wallets.create',
    case: 'name 256 chars',
    paths: ['name'],
    run: (c) => createWith(c, { name: 'n'.repeat(256) }),
  },
  {
    call: 'wallets.create',
    case: 'an opening balance',
    paths: ['balance'],
    run: (c) => createWith(c, { balance: '100.00' }),
  },
  {
    call: 'wallets.create',
    case: 'a status',
    paths: ['status'],
    run: (c) => createWith(c, { status: 'FROZEN' }),
  },
  {
    call: 'wallets.create',
    case: '51 metadata keys',
    paths: ['metadata'],
    run: (c) => createWith(c, { metadata: metadata51 }),
  },
  {
    call: 'wallets.create',
    case: 'metadata key 41 chars',
    paths: [`metadata.${longKey}`],
    run: (c) => createWith(c, { metadata: { [longKey]: 'v' } }),
  },
  {
    call: 'wallets.create',
    case: 'metadata key with a space',
    paths: ['metadata.a b'],
    run: (c) => createWith(c, { metadata: { 'a b': 'v' } }),
  },
  {
    call: 'wallets.create',
    case: 'metadata value 501 chars',
    paths: ['metadata.k'],
    run: (c) => createWith(c, { metadata: { k: 'v'.repeat(501) } }),
  },
  {
    call: 'wallets.create',
    case: 'metadata value a number',
    paths: ['metadata.k'],
    run: (c) => createWith(c, { metadata: { k: 1 } }),
  },
  {
    call: 'wallets.create',
    case: 'nested metadata',
    paths: ['metadata.k'],
    run: (c) => createWith(c, { metadata: { k: { a: 'b' } } }),
  },
  {
    call: 'wallets.create',
    case: 'metadata an array',
    paths: ['metadata'],
    run: (c) => createWith(c, { metadata: ['a'] }),
  },
  {
    call: 'wallets.create',
    case: 'metadata null',
    paths: ['metadata'],
    run: (c) => createWith(c, { metadata: null }),
  },
  {
    call: 'wallets.create',
    case: 'empty idempotency key',
    paths: ['options.idempotencyKey'],
    run: (c) => c.acme.wallets.create(wallet, { idempotencyKey: '' }),
  },
  {
    call: 'wallets.retrieve',
    case: 'malformed id',
    paths: ['walletId'],
    run: (c) => c.acme.wallets.retrieve('not-a-uuid'),
  },
  {
    call: 'wallets.retrieve',
    case: 'id with braces',
    paths: ['walletId'],
    run: (c) => c.acme.wallets.retrieve(`{${c.alice}}`),
  },
  {
    call: 'wallets.retrieve',
    case: 'no id',
    paths: ['walletId'],
    run: (c) => c.acme.wallets.retrieve(bad(undefined)),
  },
  {
    call: 'wallets.list',
    case: 'every filter wrong',
    paths: ['currency', 'foo', 'ownerId', 'status', 'walletType'],
    run: (c) =>
      c.acme.wallets.list(
        bad({ walletType: 'X', currency: 'usd', status: 'Y', ownerId: '', foo: 1 }),
      ),
  },
  {
    call: 'wallets.list',
    case: 'fractional page',
    paths: ['page'],
    run: (c) => c.acme.wallets.list({ page: 1.5 }),
  },
  {
    call: 'wallets.balance',
    case: 'malformed id',
    paths: ['walletId'],
    run: (c) => c.acme.wallets.balance('not-a-uuid'),
  },
  {
    call: 'wallets.balance',
    case: 'asOf not a date',
    paths: ['options.asOf'],
    run: (c) => c.acme.wallets.balance(c.alice, { asOf: 'yesterday' }),
  },
  {
    call: 'wallets.balance',
    case: 'asOf invalid Date',
    paths: ['options.asOf'],
    run: (c) => c.acme.wallets.balance(c.alice, { asOf: new Date(Number.NaN) }),
  },
  {
    call: 'wallets.balance',
    case: 'asOf without zone',
    paths: ['options.asOf'],
    run: (c) => c.acme.wallets.balance(c.alice, { asOf: '2026-01-01T00:00:00' }),
  },
  {
    call: 'wallets.balance',
    case: 'unknown option',
    paths: ['options.at'],
    run: (c) => c.acme.wallets.balance(c.alice, bad({ at: 1 })),
  },
  {
    call: 'wallets.entries',
    case: 'malformed id',
    paths: ['walletId'],
    run: (c) => c.acme.wallets.entries('not-a-uuid'),
  },
  {
    call: 'wallets.entries',
    case: 'unknown field',
    paths: ['foo'],
    run: (c) => c.acme.wallets.entries(c.alice, bad({ foo: 1 })),
  },
  {
    call: 'wallets.transactions',
    case: 'unknown status',
    paths: ['status'],
    run: (c) => c.acme.wallets.transactions(c.alice, bad({ status: 'DONE' })),
  },
  {
    call: 'wallets.freeze',
    case: 'malformed id',
    paths: ['walletId'],
    run: (c) => c.acme.wallets.freeze('not-a-uuid'),
  },
  {
    call: 'wallets.freeze',
    case: 'numeric idempotency key',
    paths: ['options.idempotencyKey'],
    run: (c) => c.acme.wallets.freeze(c.alice, bad({ idempotencyKey: 5 })),
  },
  {
    call: 'wallets.unfreeze',
    case: 'malformed id',
    paths: ['walletId'],
    run: (c) => c.acme.wallets.unfreeze('not-a-uuid'),
  },
];
