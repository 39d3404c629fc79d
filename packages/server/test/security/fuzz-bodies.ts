// Request bodies of every endpoint: mostly an object of the endpoint's own fields (each valid,
// invalid or junk, present or not, with unknown and repeated keys), sometimes any JSON value,
// text that is not JSON or holds a "__proto__" key, no body at all, or more than 1 MiB.
import type { EndpointName } from '@vaultcraft/client/contract';
import fc from 'fast-check';
import { type FieldSpec, type FixtureFields, objectOf } from './fuzz-fields.js';
import { junkValue, toJsonText } from './fuzz-values.js';

/** A drawn body: its text, a size for a body too large to print, or nothing. */
export interface DrawnBody {
  readonly body?: string;
  readonly hugeBody?: number;
}

/** A JSON body of exactly `bytes` bytes: one long string field. */
export function hugeBodyText(bytes: number): string {
  return `{"name":"${'x'.repeat(bytes - 11)}"}`;
}

// 60,000 unknown keys in well under 1 MiB: the validation answer must stay bounded.
const manyKeys = `{${Array.from({ length: 60_000 }, (_, index) => `"k${index}":1`).join(',')}}`;
// Deep nesting next to the text "__proto__", which makes the parser walk the whole value.
const deepWithProtoText = `{"note":"__proto__","deep":${'['.repeat(5000)}${']'.repeat(5000)}}`;

const rawText = fc.constantFrom(
  '',
  ' ',
  '{',
  '{"a":1',
  '{"a":1}}',
  "{'a':1}",
  '{"a":1,}',
  '[1,2,',
  'nul',
  'NaN',
  '\ufeff{}',
  '{}\u0000',
  '/* comment */{}',
  '{"a":"\\ud800"}',
  '{"a":1}{"b":2}',
  '{"__proto__":{"role":"OWNER"}}',
  '{"metadata":{"__proto__":{"admin":"true"}}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  '"\\u0000"',
  'amount=10&wallet_id=x',
  manyKeys,
  deepWithProtoText,
);

const huge = fc.constantFrom(1024 * 1024, 1024 * 1024 + 1, 3_000_000);

function bodyFrom(
  object: fc.Arbitrary<unknown>,
  options: { optional: boolean } = { optional: false },
): fc.Arbitrary<DrawnBody> {
  return fc.oneof(
    { arbitrary: object.map((value) => ({ body: toJsonText(value) })), weight: 14 },
    { arbitrary: junkValue.map((value) => ({ body: toJsonText(value) })), weight: 1 },
    { arbitrary: rawText.map((body) => ({ body })), weight: 1 },
    { arbitrary: huge.map((hugeBody) => ({ hugeBody })), weight: 1 },
    { arbitrary: fc.constant({}), weight: options.optional ? 5 : 1 },
  );
}

function transferFields(fields: FixtureFields): FieldSpec[] {
  return [
    { key: 'from_wallet_id', value: fields.walletId, required: true },
    { key: 'to_wallet_id', value: fields.walletId, required: true },
    { key: 'amount', value: fields.amount, required: true },
    { key: 'description', value: fields.description },
    { key: 'metadata', value: fields.metadata },
    { key: 'hold', value: fields.hold },
    { key: 'expires_at', value: fields.expiresAt },
  ];
}

function moveFields(fields: FixtureFields): FieldSpec[] {
  return [
    { key: 'wallet_id', value: fields.walletId, required: true },
    { key: 'amount', value: fields.amount, required: true },
    { key: 'description', value: fields.description },
    { key: 'metadata', value: fields.metadata },
  ];
}

function batchOf(fields: FixtureFields): fc.Arbitrary<unknown> {
  const transfer = objectOf(transferFields(fields));
  return objectOf([
    {
      key: 'transfers',
      required: true,
      value: fc.oneof(
        { arbitrary: fc.array(transfer, { minLength: 1, maxLength: 3 }), weight: 6 },
        { arbitrary: fc.constant([]), weight: 1 },
        { arbitrary: fc.constant(Array.from({ length: 1001 }, () => ({}))), weight: 1 },
        { arbitrary: junkValue, weight: 1 },
      ),
    },
  ]);
}

/** Bodies of endpoint `name` (`{}`: no body, the only choice of a GET). */
export function bodyOf(name: EndpointName, fields: FixtureFields): fc.Arbitrary<DrawnBody> {
  const user = (role: boolean): FieldSpec[] => [
    { key: 'email', value: fields.email, required: true },
    { key: 'password', value: fields.password, required: true },
    { key: 'full_name', value: fields.name, required: true },
    role
      ? { key: 'role', value: fields.role, required: true }
      : { key: 'organization_name', value: fields.name, required: true },
  ];
  const empty = objectOf([]);
  switch (name) {
    case 'auth.signup':
      return bodyFrom(objectOf(user(false)));
    case 'auth.login':
      return bodyFrom(
        objectOf([
          { key: 'email', value: fields.email, required: true },
          { key: 'password', value: fields.password, required: true },
        ]),
      );
    case 'users.create':
      return bodyFrom(objectOf(user(true)));
    case 'apiKeys.create':
      return bodyFrom(
        objectOf([
          { key: 'name', value: fields.name, required: true },
          { key: 'role', value: fields.role, required: true },
        ]),
      );
    case 'wallets.create':
      return bodyFrom(
        objectOf([
          { key: 'name', value: fields.name, required: true },
          { key: 'wallet_type', value: fields.walletType, required: true },
          { key: 'currency', value: fields.currency, required: true },
          { key: 'owner_id', value: fields.ownerId },
          { key: 'metadata', value: fields.metadata },
        ]),
      );
    case 'transactions.deposit':
    case 'transactions.withdrawal':
      return bodyFrom(objectOf(moveFields(fields)));
    case 'transactions.transfer':
      return bodyFrom(objectOf(transferFields(fields)));
    case 'transactions.batch':
      return bodyFrom(batchOf(fields));
    case 'transactions.capture':
      return bodyFrom(objectOf([{ key: 'amount', value: fields.amount }]), { optional: true });
    case 'transactions.reverse':
      return bodyFrom(
        objectOf([
          { key: 'amount', value: fields.amount },
          { key: 'description', value: fields.description },
          { key: 'metadata', value: fields.metadata },
        ]),
        { optional: true },
      );
    case 'wallets.freeze':
    case 'wallets.unfreeze':
    case 'transactions.void':
    case 'apiKeys.revoke':
      return bodyFrom(empty, { optional: true });
    default:
      return fc.constant({});
  }
}
