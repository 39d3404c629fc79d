// Proves that the MikroORM entities describe the migrated tables: rows written by the store read
// back through MikroORM's EntityManager with every column (amounts as integer text, times as
// epoch milliseconds), so ad-hoc reporting queries can use the ORM.
import { createVault } from '@vaultcraft/core';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSqlite, type SqliteConnection } from '../../src/sqlite/sqlite-connection.js';
import {
  EntryRow,
  IdempotencyKeyRow,
  OrganizationRow,
  TransactionRow,
  WalletRow,
} from '../../src/sqlite/sqlite-entities.js';
import { resolveSqliteOptions } from '../../src/sqlite/sqlite-options.js';
import { SqliteStoreImpl } from '../../src/sqlite/sqlite-store.js';

let connection: SqliteConnection | undefined;
afterEach(async () => {
  await connection?.orm.close(true);
  connection = undefined;
});

describe('sqlite entities', () => {
  it('read every table the store writes', async () => {
    connection = await connectSqlite(resolveSqliteOptions({ path: ':memory:' }, 'test'));
    const vault = createVault({ store: new SqliteStoreImpl(connection, true) });
    const org = await vault.organizations.create({ name: 'Orm', metadata: { region: 'eu' } });
    const acme = vault.organization(org.id);
    const wallet = await acme.wallets.create({
      name: 'A',
      walletType: 'PRIMARY',
      currency: 'USD',
      ownerId: 'a',
    });
    const deposit = await acme.transactions.deposit(
      { walletId: wallet.id, amount: '12345678901234567.89' },
      { idempotencyKey: 'first-deposit' },
    );
    const em = connection.orm.em.fork();
    const organization = await em.findOneOrFail(OrganizationRow, { id: org.id });
    expect(organization).toMatchObject({
      name: 'Orm',
      metadata: '{"region":"eu"}',
      createdAt: org.createdAt.getTime(),
    });
    const row = await em.findOneOrFail(WalletRow, { organizationId: org.id, id: wallet.id });
    expect(row).toMatchObject({
      balance: '1234567890123456789',
      held: '0',
      lastSequence: 1,
      walletType: 'PRIMARY',
    });
    const transaction = await em.findOneOrFail(TransactionRow, {
      organizationId: org.id,
      id: deposit.id,
    });
    expect(transaction).toMatchObject({
      transactionType: 'DEPOSIT',
      status: 'COMPLETED',
      amount: '1234567890123456789',
      reversedAmount: '0',
    });
    const entries = await em.find(
      EntryRow,
      { organizationId: org.id, transactionId: deposit.id },
      { orderBy: { direction: 'desc' } },
    );
    expect(entries.map((entry) => [entry.direction, entry.amount, entry.sequence])).toEqual([
      ['DEBIT', '1234567890123456789', 1],
      ['CREDIT', '1234567890123456789', 1],
    ]);
    const key = await em.findOneOrFail(IdempotencyKeyRow, {
      organizationId: org.id,
      key: 'first-deposit',
    });
    expect(JSON.parse(key.result)).toMatchObject({ kind: 'transactions' });
  });
});
