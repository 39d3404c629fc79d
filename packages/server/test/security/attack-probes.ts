// The requests the attack suite sends with a hostile credential: one per endpoint that names
// an id or a wallet (cross-tenant), one valid request per admin endpoint of the contract's
// table, and the money moves a MEMBER may not make. Each names the endpoint it exercises, so
// the suite can check that no endpoint of the table is left out.
import { type Endpoint, type EndpointName, endpoints } from '@vaultcraft/client/contract';
import type { OrganizationFixture } from './security-fixture.js';

/** One request, sent with whatever credential the test holds. */
export interface Probe {
  readonly endpoint: EndpointName;
  readonly label: string;
  readonly method: Endpoint['method'];
  readonly path: string;
  readonly body?: Record<string, unknown>;
}

function probe(
  endpoint: EndpointName,
  label: string,
  path: string,
  body?: Record<string, unknown>,
): Probe {
  return {
    endpoint,
    label,
    method: endpoints[endpoint].method,
    path,
    ...(body !== undefined && { body }),
  };
}

const walletKeys = new Set(['wallet_id', 'from_wallet_id', 'to_wallet_id', 'transfers']);

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: object } | undefined)?.shape;
  return shape === undefined ? [] : Object.keys(shape);
}

/** The endpoints that take an id in the path, or a wallet in the body or the query. */
export function endpointsNamingResources(): EndpointName[] {
  return (Object.entries(endpoints) as [EndpointName, Endpoint][])
    .filter(
      ([, endpoint]) =>
        endpoint.path.includes('{id}') ||
        [...shapeKeys(endpoint.body), ...shapeKeys(endpoint.query)].some((key) =>
          walletKeys.has(key),
        ),
    )
    .map(([name]) => name);
}

/** The endpoints only an OWNER or ADMIN may call. */
export function adminEndpoints(): EndpointName[] {
  return (Object.entries(endpoints) as [EndpointName, Endpoint][])
    .filter(([, endpoint]) => endpoint.access === 'admin')
    .map(([name]) => name);
}

/**
 * Requests by the organization `attacker` naming the ids and wallets of `victim` (path ids
 * both as issued and upper-case). Each must answer 404 and change nothing.
 */
export function crossTenantProbes(
  victim: OrganizationFixture,
  attacker: OrganizationFixture,
): Probe[] {
  const { wallets, transactions } = victim;
  const own = attacker.wallets;
  const byId = (id: string): Probe[] => [
    probe('wallets.retrieve', 'wallet', `/api/v1/wallets/${id}`),
    probe('wallets.balance', 'balance', `/api/v1/wallets/${id}/balance`),
    probe('wallets.transactions', 'wallet transactions', `/api/v1/wallets/${id}/transactions`),
    probe('wallets.entries', 'statement', `/api/v1/wallets/${id}/entries`),
    probe('wallets.freeze', 'freeze', `/api/v1/wallets/${id}/freeze`),
  ];
  const byTransaction = (id: string, hold: string): Probe[] => [
    probe('transactions.retrieve', 'transaction', `/api/v1/transactions/${id}`),
    probe('transactions.reverse', 'reverse', `/api/v1/transactions/${id}/reverse`, {}),
    probe('transactions.capture', 'capture', `/api/v1/transactions/${hold}/capture`, {}),
    probe('transactions.void', 'void', `/api/v1/transactions/${hold}/void`),
  ];
  const move = (from: string, to: string) => ({ from_wallet_id: from, to_wallet_id: to });
  return [
    ...byId(wallets.usd),
    ...byId(wallets.usd.toUpperCase()),
    probe('wallets.unfreeze', 'unfreeze', `/api/v1/wallets/${wallets.frozen}/unfreeze`),
    probe(
      'wallets.balance',
      'balance as of',
      `/api/v1/wallets/${wallets.usd}/balance?as_of=2020-01-01T00:00:00Z`,
    ),
    ...byTransaction(transactions.transfer, transactions.hold),
    ...byTransaction(transactions.transfer.toUpperCase(), transactions.hold.toUpperCase()),
    probe('apiKeys.revoke', 'revoke key', `/api/v1/api-keys/${victim.spareKeyId}`),
    probe('transactions.list', 'filter', `/api/v1/transactions?wallet_id=${wallets.usd}`),
    probe('transactions.deposit', 'deposit', '/api/v1/transactions/deposit', {
      wallet_id: wallets.usd,
      amount: '1.00',
    }),
    probe('transactions.withdrawal', 'withdrawal', '/api/v1/transactions/withdrawal', {
      wallet_id: wallets.usd,
      amount: '1.00',
    }),
    probe('transactions.transfer', 'transfer out of', '/api/v1/transactions/transfer', {
      ...move(wallets.usd, own.usd),
      amount: '1.00',
    }),
    probe('transactions.transfer', 'transfer into', '/api/v1/transactions/transfer', {
      ...move(own.usd, wallets.usd),
      amount: '1.00',
    }),
    probe('transactions.transfer', 'hold into', '/api/v1/transactions/transfer', {
      ...move(own.usd, wallets.usd),
      amount: '1.00',
      hold: true,
    }),
    probe('transactions.batch', 'batch', '/api/v1/transactions/batch', {
      transfers: [
        { ...move(own.usd, own.bonus), amount: '1.00' },
        { ...move(own.usd, wallets.usd), amount: '1.00' },
      ],
    }),
  ];
}

/** One valid request per admin endpoint, and the money moves a MEMBER may not make. */
export function memberForbiddenProbes(fixture: OrganizationFixture): Probe[] {
  const { wallets, transactions } = fixture;
  const member = wallets.member;
  return [
    probe('users.create', 'add a user', '/api/v1/organization/users', {
      email: `new-${fixture.organizationId}@example.com`,
      password: 'another horse battery',
      full_name: 'New',
      role: 'MEMBER',
    }),
    probe('apiKeys.create', 'create a key', '/api/v1/api-keys', { name: 'k', role: 'MEMBER' }),
    probe('apiKeys.list', 'list keys', '/api/v1/api-keys'),
    probe('apiKeys.revoke', 'revoke a key', `/api/v1/api-keys/${fixture.spareKeyId}`),
    probe('wallets.freeze', 'freeze', `/api/v1/wallets/${member}/freeze`),
    probe('wallets.unfreeze', 'unfreeze', `/api/v1/wallets/${wallets.frozen}/unfreeze`),
    probe('transactions.deposit', 'deposit', '/api/v1/transactions/deposit', {
      wallet_id: member,
      amount: '1.00',
    }),
    probe('transactions.withdrawal', 'withdrawal', '/api/v1/transactions/withdrawal', {
      wallet_id: member,
      amount: '1.00',
    }),
    probe(
      'transactions.reverse',
      'reverse',
      `/api/v1/transactions/${transactions.transfer}/reverse`,
    ),
    probe('wallets.create', 'SYSTEM wallet', '/api/v1/wallets', {
      name: 'S',
      wallet_type: 'SYSTEM',
      currency: 'USD',
      owner_id: fixture.memberId,
    }),
    probe('wallets.create', "another owner's wallet", '/api/v1/wallets', {
      name: 'W',
      wallet_type: 'BONUS',
      currency: 'USD',
      owner_id: fixture.ownerId,
    }),
    probe(
      'transactions.transfer',
      'out of a wallet it does not own',
      '/api/v1/transactions/transfer',
      {
        from_wallet_id: wallets.usd,
        to_wallet_id: member,
        amount: '1.00',
      },
    ),
    probe('transactions.transfer', 'into the SYSTEM wallet', '/api/v1/transactions/transfer', {
      from_wallet_id: member,
      to_wallet_id: wallets.system,
      amount: '1.00',
    }),
    probe(
      'transactions.batch',
      'batch out of a wallet it does not own',
      '/api/v1/transactions/batch',
      {
        transfers: [{ from_wallet_id: wallets.usd, to_wallet_id: member, amount: '1.00' }],
      },
    ),
    probe(
      'transactions.capture',
      "capture of another's hold",
      `/api/v1/transactions/${transactions.hold}/capture`,
    ),
    probe(
      'transactions.void',
      "void of another's hold",
      `/api/v1/transactions/${transactions.hold}/void`,
    ),
  ];
}
