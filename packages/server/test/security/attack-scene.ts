// The setting of the attack suite: a server holding a victim and an attacker organization,
// the check that a batch of hostile requests is refused with one code and changes nothing,
// and the scan for secrets in everything the server answered and logged.
import { expect } from 'vitest';
import { scanExchanges } from '../e2e/scan-exchanges.js';
import type { Backend } from '../test-server.js';
import type { Probe } from './attack-probes.js';
import { type DatabaseProbe, openDatabaseProbe } from './database-probe.js';
import { expectErrorAnswer } from './expect-answer.js';
import {
  buildOrganization,
  type OrganizationFixture,
  type RecordedServer,
  startRecordingServer,
} from './security-fixture.js';

/** A server with a victim and an attacker organization, and its database. */
export interface Scene {
  readonly server: RecordedServer;
  readonly victim: OrganizationFixture;
  readonly attacker: OrganizationFixture;
  readonly database: DatabaseProbe;
}

/** Starts a server on `backend` and builds the two organizations. */
export async function openScene(backend: Backend, env?: Record<string, string>): Promise<Scene> {
  const server = await startRecordingServer(backend, env);
  const victim = await buildOrganization(server, 'Victim');
  const attacker = await buildOrganization(server, 'Attacker');
  return { server, victim, attacker, database: await openDatabaseProbe(server) };
}

/** Closes the database connection, then the server (which drops its database). */
export async function closeScene(scene: Scene | undefined): Promise<void> {
  await scene?.database.close();
  await scene?.server.close();
}

/** Nothing shown so far: no secret the exchanges carried, no stored password or key hash. */
export async function expectNoSecretShown(scene: Scene): Promise<void> {
  scanExchanges([scene.server]);
  const { passwordHashes, apiKeyHashes } = await scene.database.secrets();
  const stored = [...passwordHashes, ...apiKeyHashes];
  expect(stored.length).toBeGreaterThan(0);
  const texts = scene.server.exchanges.map((exchange) => exchange.response.text);
  for (const text of [...texts, ...scene.server.logs]) {
    for (const secret of stored) {
      expect(text.includes(secret), `a stored hash shows in ${text.slice(0, 200)}`).toBe(false);
    }
  }
}

/** Sends every probe with every credential; each must answer `code`, and nothing changes. */
export async function expectRefused(
  scene: Scene,
  attempts: {
    probes: readonly Probe[];
    credentials: Record<string, string>;
    code: string;
    /** Send without recording (credentials the secret scan would mistake for leaks). */
    unrecorded?: boolean;
  },
): Promise<void> {
  const client = attempts.unrecorded === true ? scene.server.unrecorded : scene.server;
  const before = await scene.database.snapshot();
  for (const [name, credential] of Object.entries(attempts.credentials)) {
    for (const probe of attempts.probes) {
      const response = await client.request(probe.method, probe.path, {
        token: credential,
        ...(probe.body !== undefined && { body: probe.body }),
      });
      const label = `${name}, ${probe.endpoint} (${probe.label})`;
      expect(`${label}: ${response.body?.error?.code}`, response.text).toBe(
        `${label}: ${attempts.code}`,
      );
      expectErrorAnswer(response);
    }
  }
  expect(await scene.database.snapshot()).toEqual(before);
}

/** A read, an admin money move and an admin identity change: what a credential is tried on. */
export function credentialProbes(victim: OrganizationFixture): Probe[] {
  return [
    { endpoint: 'auth.me', label: 'who am I', method: 'GET', path: '/api/v1/auth/me' },
    {
      endpoint: 'transactions.deposit',
      label: 'deposit',
      method: 'POST',
      path: '/api/v1/transactions/deposit',
      body: { wallet_id: victim.wallets.usd, amount: '1.00' },
    },
    {
      endpoint: 'apiKeys.revoke',
      label: 'revoke',
      method: 'DELETE',
      path: `/api/v1/api-keys/${victim.spareKeyId}`,
    },
  ];
}
