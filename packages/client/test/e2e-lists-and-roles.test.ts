// Proves, against the real server in-process on SQLite (one server and database per test),
// that every list is walked completely with `for await` across cursor pages in newest-first
// order, that collect stops at its limit, and that login, a member's role, validation, unknown
// ids and idempotency-key reuse surface as the typed errors of their codes.
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  isVaultCraftError,
  NotFoundError,
  PermissionError,
  ValidationError,
  VaultCraft,
} from '../src/index.js';
import { failureOf, serverPerTest, twoWallets } from './e2e-setup.js';

const context = serverPerTest();

describe('lists', () => {
  it('walks every list with for await across cursor pages', async () => {
    const { owner } = context;
    const { alice, bob } = await twoWallets(owner, '50.00');
    for (let index = 1; index <= 7; index += 1) {
      await owner.transactions.transfer({
        from_wallet_id: alice.id,
        to_wallet_id: bob.id,
        amount: `${index}.00`,
      });
    }

    const first = await owner.transactions.list({ wallet_id: bob.id, page: 1, page_size: 3 });
    expect(first).toMatchObject({ total: 7, pages: 3, page: 1 });
    const amounts: string[] = [];
    for await (const transaction of owner.transactions.list({ wallet_id: bob.id, page_size: 3 })) {
      amounts.push(transaction.amount);
    }
    expect(amounts).toEqual(['7.00', '6.00', '5.00', '4.00', '3.00', '2.00', '1.00']);

    const statement: string[] = [];
    for await (const entry of owner.wallets.entries(alice.id, { page_size: 2 })) {
      statement.push(`${entry.direction} ${entry.amount} -> ${entry.balance_after}`);
    }
    expect(statement).toHaveLength(8);
    expect(statement[0]).toBe('DEBIT 7.00 -> 22.00');
    expect(statement.at(-1)).toBe('CREDIT 50.00 -> 50.00');

    let transfers = 0;
    for await (const _transaction of owner.wallets.transactions(alice.id, {
      page_size: 2,
      transaction_type: 'TRANSFER',
    })) {
      transfers += 1;
    }
    expect(transfers).toBe(7);

    const walletTypes: string[] = [];
    for await (const wallet of owner.wallets.list({ page_size: 1, currency: 'USD' }))
      walletTypes.push(wallet.wallet_type);
    expect(walletTypes.sort()).toEqual(['BONUS', 'PRIMARY', 'SYSTEM']);
    expect(await owner.transactions.list({ page_size: 2 }).collect({ limit: 5 })).toHaveLength(5);

    for (const name of ['a', 'b', 'c']) await owner.apiKeys.create({ name, role: 'MEMBER' });
    const keyNames: string[] = [];
    for await (const key of owner.apiKeys.list({ page_size: 2 })) keyNames.push(key.name);
    expect(keyNames).toEqual(['c', 'b', 'a']);
  });
});

describe('identities and refusals', () => {
  it('logs in, adds a member, and enforces roles and validation as typed errors', async () => {
    const { owner, server } = context;
    const member = await owner.users.create({
      email: 'bob@example.com',
      password: 'another long password',
      full_name: 'Bob',
      role: 'MEMBER',
    });
    const bob = new VaultCraft({ baseUrl: server.url });
    const token = await bob.auth.login({
      email: 'bob@example.com',
      password: 'another long password',
    });
    expect(token.user).toEqual(member);
    expect(await bob.auth.me()).toEqual(member);
    const wallet = await bob.wallets.create({
      name: 'Bob',
      wallet_type: 'PRIMARY',
      currency: 'USD',
    });
    expect(wallet.owner_id).toBe(member.id);

    const forbidden = await failureOf(
      bob.transactions.deposit({ wallet_id: wallet.id, amount: '1.00' }),
    );
    expect(forbidden).toBeInstanceOf(PermissionError);
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const wrongPassword = await failureOf(
      bob.auth.login({ email: 'bob@example.com', password: 'wrong password' }),
    );
    expect(wrongPassword).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    const signup = {
      email: 'BOB@example.com',
      password: 'long enough pw',
      full_name: 'X',
      organization_name: 'Y',
    };
    expect(await failureOf(owner.auth.signup(signup))).toMatchObject({ code: 'EMAIL_TAKEN' });

    // A number slipped past the types (from untyped JSON, say) is refused by the server.
    const numberAmount = { wallet_id: wallet.id, amount: 10 } as unknown as {
      wallet_id: string;
      amount: string;
    };
    const invalid = await failureOf(owner.transactions.deposit(numberAmount));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid).toMatchObject({ code: 'VALIDATION_ERROR', status: 422 });
    const tooPrecise = await failureOf(
      owner.transactions.deposit({ wallet_id: wallet.id, amount: '1.001' }),
    );
    expect(tooPrecise).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(
      await failureOf(owner.wallets.retrieve('01900000-0000-7000-8000-000000000000')),
    ).toBeInstanceOf(NotFoundError);

    await owner.transactions.deposit(
      { wallet_id: wallet.id, amount: '1.00' },
      { idempotencyKey: 'once' },
    );
    const reused = await failureOf(
      owner.transactions.deposit(
        { wallet_id: wallet.id, amount: '2.00' },
        { idempotencyKey: 'once' },
      ),
    );
    expect(reused).toBeInstanceOf(ConflictError);
    expect(isVaultCraftError(reused) && reused.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await owner.wallets.balance(wallet.id)).balance).toBe('1.00');
  });
});
