// Field generators bound to the fixture: each draws mostly a valid value (a real id of the
// organization, a valid amount) so that requests regularly get past validation, and otherwise
// a value of the wrong kind, the wrong organization, or junk. Body and query generators of
// every endpoint are built from them.
import fc from 'fast-check';
import {
  amountLookAlike,
  instantValue,
  JsonPairs,
  junkString,
  junkValue,
  rawNumber,
  strangeId,
  unicodeString,
  validAmount,
} from './fuzz-values.js';
import type { OrganizationFixture } from './security-fixture.js';

/** Mostly `valid`, otherwise `invalid` or junk of any type. */
export function field(
  valid: fc.Arbitrary<unknown>,
  invalid: fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight: 4 },
    { arbitrary: invalid, weight: 2 },
    { arbitrary: junkValue, weight: 1 },
  );
}

/** One key of a generated object: present almost always when `required`, else half the time. */
export interface FieldSpec {
  readonly key: string;
  readonly value: fc.Arbitrary<unknown>;
  readonly required?: boolean;
}

/** Keys no endpoint takes: camelCase twins, server-owned fields, prototype names, oddities. */
const extraKey = fc.oneof(
  fc.constantFrom(
    'walletId',
    'wallet_id ',
    'AMOUNT',
    'id',
    'organization_id',
    'status',
    'balance',
    'role',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '__proto__',
    '$where',
    '',
    '\u202ekey',
  ),
  unicodeString,
);

/** An object of `fields` (each present or not), sometimes with unknown or repeated keys. */
export function objectOf(fields: readonly FieldSpec[]): fc.Arbitrary<JsonPairs> {
  const present = fields.map((spec) =>
    fc.option(
      spec.value.map((value) => [spec.key, value] as const),
      { freq: spec.required === true ? 15 : 2, nil: undefined },
    ),
  );
  const none = fc.constant([] as (readonly [string, unknown])[]);
  const unknown = fc.array(fc.tuple(extraKey, junkValue), { minLength: 1, maxLength: 2 });
  // A repeated key: JSON.parse keeps the last one; the answer must still be consistent.
  const repeated =
    fields.length === 0
      ? unknown
      : fc
          .tuple(fc.constantFrom(...fields.map((spec) => spec.key)), junkValue)
          .map((pair) => [pair]);
  const extras = fc.oneof(
    { arbitrary: none, weight: 6 },
    { arbitrary: unknown, weight: 1 },
    { arbitrary: repeated, weight: 1 },
  );
  return fc
    .tuple(fc.tuple(...present), extras)
    .map(
      ([pairs, more]) =>
        new JsonPairs([
          ...pairs.filter((pair): pair is readonly [string, unknown] => pair !== undefined),
          ...more,
        ]),
    );
}

/** Value generators bound to one organization (`own`) and another one (`other`). */
export function fixtureFields(own: OrganizationFixture, other: OrganizationFixture) {
  const ownWallets = Object.values(own.wallets);
  const ownTransactions = Object.values(own.transactions);
  const foreignIds = [
    ...Object.values(other.wallets),
    ...Object.values(other.transactions),
    other.adminKeyId,
  ];
  const wrongKind = fc.constantFrom(own.ownerId, own.organizationId, own.adminKeyId);
  const idOf = (ids: readonly string[]) =>
    field(
      fc.oneof(
        { arbitrary: fc.constantFrom(...ids), weight: 4 },
        { arbitrary: fc.constantFrom(...ids).map((id) => id.toUpperCase()), weight: 1 },
      ),
      fc.oneof(fc.constantFrom(...foreignIds), wrongKind, strangeId),
    );
  const text = (valid: string, length: number) =>
    field(
      fc.constantFrom(valid, `${valid} ✓`, 'مرحبا', 'x'.repeat(length)),
      fc.oneof(junkString, fc.constant('x'.repeat(length + 1)), fc.constant('  ')),
    );
  const enumOf = (values: readonly string[]) =>
    field(
      fc.constantFrom(...values),
      fc.oneof(
        fc.constantFrom(...values).map((value) => value.toLowerCase()),
        fc.constantFrom(...values).map((value) => ` ${value}`),
        junkString,
      ),
    );
  const metadata = field(
    fc.constantFrom({}, { order: '42' }, { 'a.b:c-d_e': 'value ✓' }),
    fc.oneof(
      fc.constant(Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`k${index}`, 'v']))),
      fc.constant({ ['k'.repeat(41)]: 'v' }),
      fc.constant({ key: 'v'.repeat(501) }),
      fc.constant({ nested: { deeper: 'x' } }),
      fc.constant(new JsonPairs([['__proto__', { polluted: 'yes' }]])),
      fc.constant(new JsonPairs([['constructor', 'x']])),
      fc.dictionary(junkString, fc.oneof(junkString, rawNumber), { maxKeys: 3 }),
      fc.array(junkString, { maxLength: 2 }),
    ),
  );
  return {
    walletId: idOf(ownWallets),
    transactionId: idOf(ownTransactions),
    amount: field(validAmount, fc.oneof(amountLookAlike, rawNumber)),
    description: field(
      fc.constantFrom(null, 'Rent', 'سلام', 'x'.repeat(1000)),
      fc.oneof(junkString, fc.constant('x'.repeat(1001))),
    ),
    metadata,
    name: text('Name', 255),
    hold: field(fc.boolean(), fc.constantFrom('true', 1, 0, null, 'yes')),
    expiresAt: field(fc.constantFrom('2999-01-01T00:00:00.000Z', null), instantValue),
    email: field(
      fc.oneof(
        fc.uuid().map((id) => `fuzz-${id}@example.com`),
        fc.constantFrom(own.ownerEmail, own.ownerEmail.toUpperCase(), own.memberEmail),
      ),
      fc.oneof(
        junkString,
        fc.constantFrom('a@b', '<a@example.com>', 'a@@example.com', `${'a'.repeat(250)}@x.io`),
        junkString.map((local) => `${local}@example.com`),
      ),
    ),
    password: field(
      fc.constantFrom('correct horse battery', 'wrong horse battery', 'p'.repeat(128)),
      fc.oneof(junkString, fc.constantFrom('short', 'p'.repeat(129), '\u0000'.repeat(8))),
    ),
    role: enumOf(['OWNER', 'ADMIN', 'MEMBER']),
    walletType: enumOf(['PRIMARY', 'BONUS', 'SYSTEM']),
    walletStatus: enumOf(['ACTIVE', 'FROZEN']),
    transactionType: enumOf(['DEPOSIT', 'WITHDRAWAL', 'TRANSFER', 'REVERSAL']),
    transactionStatus: enumOf(['PENDING', 'COMPLETED', 'FAILED', 'VOIDED']),
    currency: field(
      fc.constantFrom('USD', 'JPY', 'BTC', 'EUR'),
      fc.constantFrom('usd', 'XXX', 'ZZZ', 'US', 'A'.repeat(17), 'ＵＳＤ', 'US D', 'USD\u0000'),
    ),
    ownerId: field(
      fc.constantFrom(own.ownerId, own.memberId, 'external-42'),
      fc.oneof(junkString, fc.constant(other.ownerId)),
    ),
    instant: field(fc.constant('2999-01-01T00:00:00.000Z'), instantValue),
  };
}

/** The value generators of {@link fixtureFields}. */
export type FixtureFields = ReturnType<typeof fixtureFields>;
