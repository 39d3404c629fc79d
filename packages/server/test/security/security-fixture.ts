// A pre-built organization for the security suites, made through the API: an OWNER, a MEMBER
// user, ADMIN and MEMBER API keys, funded wallets in two currencies (one frozen), a completed
// transfer and open holds, and a cursor of every list, so that fuzzed and hostile requests
// can name real ids of every kind. Also a server that records its exchanges for the scans.
import { expect } from 'vitest';
import type { Exchange, RecordingServer } from '../e2e/e2e-harness.js';
import {
  type Backend,
  signup,
  startTestServer,
  type TestResponse,
  type TestServer,
} from '../test-server.js';

/** The password of every user the fixture creates (the OWNER's comes from `signup`). */
export const fixturePassword = 'correct horse battery';

/** Every id and credential of one organization of the fixture. */
export interface OrganizationFixture {
  readonly organizationId: string;
  readonly ownerId: string;
  readonly ownerEmail: string;
  readonly ownerToken: string;
  readonly memberId: string;
  readonly memberEmail: string;
  readonly memberToken: string;
  readonly adminKey: string;
  readonly adminKeyId: string;
  readonly memberKey: string;
  readonly memberKeyId: string;
  /** An API key nobody calls with: the fuzz may revoke it by chance. */
  readonly spareKeyId: string;
  readonly wallets: {
    /** The OWNER's PRIMARY USD wallet, funded. */
    readonly usd: string;
    /** A BONUS USD wallet of the OWNER. */
    readonly bonus: string;
    /** The OWNER's PRIMARY JPY wallet, funded. */
    readonly jpy: string;
    /** The MEMBER's PRIMARY USD wallet, funded. */
    readonly member: string;
    /** A frozen BONUS USD wallet. */
    readonly frozen: string;
    /** The organization's default SYSTEM USD wallet. */
    readonly system: string;
  };
  readonly transactions: {
    readonly deposit: string;
    readonly transfer: string;
    /** A PENDING hold out of `usd`. */
    readonly hold: string;
    /** A PENDING hold out of the MEMBER's wallet. */
    readonly memberHold: string;
  };
  /** The `next_cursor` of the first page (page_size=1) of each list. */
  readonly cursors: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: the fixture reads answers field by field
type Json = any;

function created(response: TestResponse, status = 201): Json {
  expect(response.status, response.text).toBe(status);
  return response.body;
}

async function makeWallets(server: TestServer, token: string, memberId: string) {
  const wallet = async (body: Record<string, unknown>) =>
    created(
      await server.request('POST', '/api/v1/wallets', {
        token,
        body: { name: 'Fixture', wallet_type: 'PRIMARY', currency: 'USD', ...body },
      }),
    ).id as string;
  const usd = await wallet({});
  const bonus = await wallet({ wallet_type: 'BONUS' });
  const jpy = await wallet({ currency: 'JPY' });
  const member = await wallet({ owner_id: memberId });
  const frozen = await wallet({ wallet_type: 'BONUS' });
  created(await server.request('POST', `/api/v1/wallets/${frozen}/freeze`, { token }), 200);
  return { usd, bonus, jpy, member, frozen };
}

async function makeKey(server: TestServer, token: string, role: string) {
  const key = created(
    await server.request('POST', '/api/v1/api-keys', { token, body: { name: role, role } }),
  );
  return { key: key.key as string, id: key.id as string };
}

async function firstCursors(server: TestServer, token: string, usd: string): Promise<string[]> {
  const paths = [
    '/api/v1/wallets',
    '/api/v1/transactions',
    '/api/v1/api-keys',
    `/api/v1/wallets/${usd}/transactions`,
    `/api/v1/wallets/${usd}/entries`,
  ];
  const cursors: string[] = [];
  for (const path of paths) {
    const page = created(await server.request('GET', `${path}?page_size=1`, { token }), 200);
    expect(page.next_cursor, path).toBeTypeOf('string');
    cursors.push(page.next_cursor);
  }
  return cursors;
}

/** Builds one organization named `name` on `server`. */
export async function buildOrganization(
  server: TestServer,
  name: string,
): Promise<OrganizationFixture> {
  const owner = await signup(server, name);
  const token = owner.token;
  const memberEmail = `member-${owner.organizationId}@example.com`;
  const member = created(
    await server.request('POST', '/api/v1/organization/users', {
      token,
      body: { email: memberEmail, password: fixturePassword, full_name: 'Member', role: 'MEMBER' },
    }),
  );
  const memberLogin = created(
    await server.request('POST', '/api/v1/auth/login', {
      body: { email: memberEmail, password: fixturePassword },
    }),
    200,
  );
  const admin = await makeKey(server, token, 'ADMIN');
  const memberKey = await makeKey(server, token, 'MEMBER');
  const spare = await makeKey(server, token, 'MEMBER');
  const wallets = await makeWallets(server, token, member.id);
  const post = async (path: string, body: Record<string, unknown>) =>
    created(await server.request('POST', `/api/v1/transactions/${path}`, { token, body }));
  const deposit = await post('deposit', { wallet_id: wallets.usd, amount: '1000.00' });
  await post('deposit', { wallet_id: wallets.jpy, amount: '50000' });
  await post('deposit', { wallet_id: wallets.member, amount: '100.00' });
  const move = { from_wallet_id: wallets.usd, to_wallet_id: wallets.bonus };
  const transfer = await post('transfer', { ...move, amount: '20.00' });
  const hold = await post('transfer', { ...move, amount: '10.00', hold: true });
  const memberHold = await post('transfer', {
    from_wallet_id: wallets.member,
    to_wallet_id: wallets.usd,
    amount: '5.00',
    hold: true,
  });
  return {
    organizationId: owner.organizationId,
    ownerId: owner.userId,
    ownerEmail: owner.email,
    ownerToken: token,
    memberId: member.id,
    memberEmail,
    memberToken: memberLogin.access_token,
    adminKey: admin.key,
    adminKeyId: admin.id,
    memberKey: memberKey.key,
    memberKeyId: memberKey.id,
    spareKeyId: spare.id,
    wallets: { ...wallets, system: deposit.from_wallet_id },
    transactions: {
      deposit: deposit.id,
      transfer: transfer.id,
      hold: hold.id,
      memberHold: memberHold.id,
    },
    cursors: await firstCursors(server, token, wallets.usd),
  };
}

/** A test server whose requests are all recorded (for the secret scan), and its raw client. */
export interface RecordedServer extends RecordingServer {
  /** Sends without recording: for credentials the scan would wrongly call leaked secrets. */
  readonly unrecorded: TestServer;
}

/** Starts a server on `backend` that records every exchange, like the e2e harness does. */
export async function startRecordingServer(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<RecordedServer> {
  const server = await startTestServer(backend, { env });
  const exchanges: Exchange[] = [];
  return {
    ...server,
    exchanges,
    unrecorded: server,
    async request(method, path, options = {}) {
      const response = await server.request(method, path, options);
      exchanges.push({ method, path, options, response });
      return response;
    },
  };
}
