// The HTTP benchmark's own calls to the API, outside the measured loops: setting up an
// organization with funded wallets, and checking the money afterwards. Plain `fetch`, no client
// library: the bench measures the server, and checks it through its public contract only.
import { formatMinor } from '@vaultcraft/core';

/** A JSON call to the API, failing on any status but the expected one. */
export type Call = <T>(options: {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  status: number;
}) => Promise<T>;

/** Calls to `url` with `Authorization: Bearer <token>` when a token is given. */
export function apiCaller(options: { url: string; token?: string }): Call {
  return async ({ method, path, body, status }) => {
    const response = await fetch(`${options.url}${path}`, {
      method,
      headers: {
        ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== status)
      throw new Error(`${method} ${path} answered ${response.status}, not ${status}: ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as never;
  };
}

/** An organization set up for the benchmark. */
export interface HttpLedger {
  /** An ADMIN API key: how a service calls the API. */
  readonly apiKey: string;
  readonly walletIds: readonly string[];
  /** What all the PRIMARY wallets hold together, in minor units (USD). */
  readonly fundedMinor: bigint;
}

/** Runs `task` over `items` with at most `concurrency` at once. */
async function eachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) await task(items[index]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Signs up, creates an ADMIN API key, `walletCount` USD PRIMARY wallets, deposits the whole
 * funding into the first and spreads it with one batch of transfers (all or nothing), so each
 * wallet holds `fundingMinor`.
 */
export async function setUpLedger(options: {
  url: string;
  walletCount: number;
  fundingMinor: bigint;
}): Promise<HttpLedger> {
  const { url, walletCount, fundingMinor } = options;
  if (walletCount < 2 || walletCount > 1001) throw new Error('2..1001 wallets (one batch)');
  const anonymous = apiCaller({ url });
  const signup = await anonymous<{ access_token: string }>({
    method: 'POST',
    path: '/api/v1/auth/signup',
    body: {
      email: `bench-${crypto.randomUUID()}@example.com`,
      password: crypto.randomUUID(),
      full_name: 'Bench',
      organization_name: 'Bench',
    },
    status: 201,
  });
  const owner = apiCaller({ url, token: signup.access_token });
  const { key } = await owner<{ key: string }>({
    method: 'POST',
    path: '/api/v1/api-keys',
    body: { name: 'bench', role: 'ADMIN' },
    status: 201,
  });
  const call = apiCaller({ url, token: key });
  const walletIds: string[] = [];
  const indexes = Array.from({ length: walletCount }, (_, index) => index);
  await eachConcurrently(indexes, 16, async (index) => {
    const wallet = await call<{ id: string }>({
      method: 'POST',
      path: '/api/v1/wallets',
      body: { name: `W${index}`, wallet_type: 'PRIMARY', currency: 'USD', owner_id: `o${index}` },
      status: 201,
    });
    walletIds[index] = wallet.id;
  });
  const amount = formatMinor(fundingMinor, 2);
  await call({
    method: 'POST',
    path: '/api/v1/transactions/deposit',
    body: { wallet_id: walletIds[0], amount: formatMinor(fundingMinor * BigInt(walletCount), 2) },
    status: 201,
  });
  await call({
    method: 'POST',
    path: '/api/v1/transactions/batch',
    body: {
      transfers: walletIds
        .slice(1)
        .map((id) => ({ from_wallet_id: walletIds[0], to_wallet_id: id, amount })),
    },
    status: 201,
  });
  return { apiKey: key, walletIds, fundedMinor: fundingMinor * BigInt(walletCount) };
}

interface WalletPage {
  readonly items: readonly { wallet_type: string; balance: string }[];
  readonly next_cursor: string | null;
}

function parseMinor(amount: string): bigint {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const minor = BigInt(whole! + fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -minor : minor;
}

/**
 * Fails the run unless the API says the money is all there: the PRIMARY wallets sum to what was
 * funded, every wallet including the SYSTEM one sums to zero (double entry), and `/health`
 * still answers 200. Reads every wallet through `GET /api/v1/wallets` in cursor pages.
 */
export async function checkMoney(options: { url: string; ledger: HttpLedger }): Promise<void> {
  const call = apiCaller({ url: options.url, token: options.ledger.apiKey });
  let customers = 0n;
  let everything = 0n;
  let wallets = 0;
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page: WalletPage = await call<WalletPage>({
      method: 'GET',
      path: `/api/v1/wallets?page_size=100${query}`,
      status: 200,
    });
    for (const wallet of page.items) {
      const balance = parseMinor(wallet.balance);
      everything += balance;
      if (wallet.wallet_type !== 'SYSTEM') customers += balance;
      wallets += 1;
    }
    cursor = page.next_cursor;
  } while (cursor !== null);
  const expected = options.ledger.fundedMinor;
  if (customers !== expected || everything !== 0n)
    throw new Error(
      `money does not add up over ${wallets} wallets: customers ${formatMinor(customers, 2)} (expected ${formatMinor(expected, 2)}), all ${formatMinor(everything, 2)} (expected 0.00)`,
    );
  await apiCaller({ url: options.url })({ method: 'GET', path: '/health', status: 200 });
}

/** How many TRANSFER transactions the organization has (`total` of a one-item page). */
export async function countTransfers(options: {
  url: string;
  ledger: HttpLedger;
}): Promise<number> {
  const call = apiCaller({ url: options.url, token: options.ledger.apiKey });
  const page = await call<{ total: number | null }>({
    method: 'GET',
    path: '/api/v1/transactions?transaction_type=TRANSFER&page_size=1',
    status: 200,
  });
  if (page.total === null) throw new Error('page mode answered total: null');
  return page.total;
}
