// Malformed calls of the transaction functions and write options, each with the exact field paths
// its VALIDATION_ERROR must list; every malformed amount is tried on a deposit and a transfer.
import { bad, type ValidationRow } from './validation-rows.js';

const malformedAmounts: readonly unknown[] = [
  '-1.00',
  '0',
  '0.00',
  '1e2',
  '1E2',
  'abc',
  '',
  ' 1',
  '1 ',
  '1.',
  '.5',
  '+1',
  '1,000',
  '0x10',
  '\uff11',
  '1.001',
  '1000000000000000000.00',
  'Infinity',
  'NaN',
  10,
  10n,
  1.5,
  null,
  undefined,
];

export const amountRows: readonly ValidationRow[] = malformedAmounts.flatMap(
  (amount): ValidationRow[] => {
    const label =
      typeof amount === 'string' ? JSON.stringify(amount) : `${typeof amount} ${String(amount)}`;
    return [
      {
        call: 'deposit',
        case: `amount ${label}`,
        paths: ['amount'],
        run: (c) => c.acme.transactions.deposit(bad({ walletId: c.alice, amount })),
      },
      {
        call: 'transfer',
        case: `amount ${label}`,
        paths: ['amount'],
        run: (c) =>
          c.acme.transactions.transfer(bad({ fromWalletId: c.alice, toWalletId: c.bob, amount })),
      },
    ];
  },
);

export const transactionRows: readonly ValidationRow[] = [
  {
    call: 'deposit',
    case: 'every field wrong',
    paths: ['amount', 'description', 'extra', 'metadata.k', 'walletId'],
    run: (c) =>
      c.acme.transactions.deposit(
        bad({
          walletId: 'x',
          amount: 5,
          description: 'd'.repeat(1001),
          metadata: { k: 1 },
          extra: true,
        }),
      ),
  },
  {
    call: 'deposit',
    case: 'description 1001 chars',
    paths: ['description'],
    run: (c) =>
      c.acme.transactions.deposit({
        walletId: c.alice,
        amount: '1',
        description: 'd'.repeat(1001),
      }),
  },
  {
    call: 'deposit',
    case: 'description a number',
    paths: ['description'],
    run: (c) =>
      c.acme.transactions.deposit(bad({ walletId: c.alice, amount: '1', description: 5 })),
  },
  {
    call: 'deposit',
    case: 'not an object',
    paths: [''],
    run: (c) => c.acme.transactions.deposit(bad('100.00')),
  },
  {
    call: 'withdraw',
    case: 'negative amount and a fee',
    paths: ['amount', 'fee'],
    run: (c) => c.acme.transactions.withdraw(bad({ walletId: c.alice, amount: '-5', fee: '1' })),
  },
  {
    call: 'transfer',
    case: 'nothing',
    paths: ['amount', 'fromWalletId', 'toWalletId'],
    run: (c) => c.acme.transactions.transfer(bad({})),
  },
  {
    call: 'transfer',
    case: 'hold not a boolean',
    paths: ['hold'],
    run: (c) =>
      c.acme.transactions.transfer(
        bad({ fromWalletId: c.alice, toWalletId: c.bob, amount: '1', hold: 'yes' }),
      ),
  },
  {
    call: 'transfer',
    case: 'expiresAt not a date',
    paths: ['expiresAt'],
    run: (c) =>
      c.acme.transactions.transfer(
        bad({
          fromWalletId: c.alice,
          toWalletId: c.bob,
          amount: '1',
          hold: true,
          expiresAt: 'tomorrow',
        }),
      ),
  },
  {
    call: 'batch',
    case: 'not an array',
    paths: ['transfers'],
    run: (c) => c.acme.transactions.batch(bad({ transfers: 'x' })),
  },
  {
    call: 'batch',
    case: 'no transfers field',
    paths: ['transfers'],
    run: (c) => c.acme.transactions.batch(bad({})),
  },
  {
    call: 'batch',
    case: 'an item not an object',
    paths: ['transfers.1'],
    run: (c) =>
      c.acme.transactions.batch(
        bad({ transfers: [{ fromWalletId: c.alice, toWalletId: c.bob, amount: '1' }, 5] }),
      ),
  },
  {
    call: 'batch',
    case: 'unknown field',
    paths: ['atomic'],
    run: (c) =>
      c.acme.transactions.batch(
        bad({
          transfers: [{ fromWalletId: c.alice, toWalletId: c.bob, amount: '1' }],
          atomic: true,
        }),
      ),
  },
  {
    call: 'capture',
    case: 'malformed id',
    paths: ['transactionId'],
    run: (c) => c.acme.transactions.capture('not-a-uuid'),
  },
  {
    call: 'capture',
    case: 'numeric amount',
    paths: ['amount'],
    run: (c) => c.acme.transactions.capture(c.hold, bad({ amount: 1 })),
  },
  {
    call: 'capture',
    case: 'zero amount',
    paths: ['amount'],
    run: (c) => c.acme.transactions.capture(c.hold, { amount: '0' }),
  },
  {
    call: 'capture',
    case: 'over-scale amount',
    paths: ['amount'],
    run: (c) => c.acme.transactions.capture(c.hold, { amount: '0.001' }),
  },
  {
    call: 'capture',
    case: 'unknown field',
    paths: ['x'],
    run: (c) => c.acme.transactions.capture(c.hold, bad({ amount: '1', x: 1 })),
  },
  {
    call: 'void',
    case: 'malformed id',
    paths: ['transactionId'],
    run: (c) => c.acme.transactions.void('not-a-uuid'),
  },
  {
    call: 'void',
    case: 'non-ASCII idempotency key',
    paths: ['options.idempotencyKey'],
    run: (c) => c.acme.transactions.void(c.hold, { idempotencyKey: 'ключ' }),
  },
  {
    call: 'reverse',
    case: 'malformed id',
    paths: ['transactionId'],
    run: (c) => c.acme.transactions.reverse('not-a-uuid'),
  },
  {
    call: 'reverse',
    case: 'amount, description and an unknown field',
    paths: ['amount', 'description', 'foo'],
    run: (c) =>
      c.acme.transactions.reverse(c.transfer, bad({ amount: '-1', description: 5, foo: 1 })),
  },
  {
    call: 'reverse',
    case: 'nested metadata',
    paths: ['metadata.k'],
    run: (c) => c.acme.transactions.reverse(c.transfer, bad({ metadata: { k: {} } })),
  },
  {
    call: 'transactions.retrieve',
    case: 'malformed id',
    paths: ['transactionId'],
    run: (c) => c.acme.transactions.retrieve('not-a-uuid'),
  },
  {
    call: 'transactions.list',
    case: 'every filter wrong',
    paths: ['createdFrom', 'createdTo', 'foo', 'status', 'transactionType', 'walletId'],
    run: (c) =>
      c.acme.transactions.list(
        bad({
          walletId: 'x',
          transactionType: 'Y',
          status: 'Z',
          createdFrom: 'q',
          createdTo: 5,
          foo: 1,
        }),
      ),
  },
  {
    call: 'write options',
    case: 'key of 256 chars',
    paths: ['options.idempotencyKey'],
    run: (c) =>
      c.acme.transactions.deposit(
        { walletId: c.alice, amount: '1' },
        { idempotencyKey: 'k'.repeat(256) },
      ),
  },
  {
    call: 'write options',
    case: 'key with a newline',
    paths: ['options.idempotencyKey'],
    run: (c) =>
      c.acme.transactions.deposit({ walletId: c.alice, amount: '1' }, { idempotencyKey: 'a\nb' }),
  },
  {
    call: 'write options',
    case: 'unknown option',
    paths: ['options.foo'],
    run: (c) => c.acme.transactions.deposit({ walletId: c.alice, amount: '1' }, bad({ foo: 1 })),
  },
  {
    call: 'write options',
    case: 'not an object',
    paths: ['options'],
    run: (c) => c.acme.transactions.deposit({ walletId: c.alice, amount: '1' }, bad('key')),
  },
  {
    call: 'execute',
    case: 'bad transfer',
    paths: ['amount', 'toWalletId'],
    run: (c) =>
      c.acme.execute(
        'transactions.transfer',
        bad({ fromWalletId: c.alice, toWalletId: 'x', amount: 1 }),
        { idempotencyKey: 'k' },
      ),
  },
];
