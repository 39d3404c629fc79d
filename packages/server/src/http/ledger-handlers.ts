import type { EndpointRequest } from '@vaultcraft/client/contract';
import {
  type OrganizationScope,
  ValidationError,
  VaultError,
  type WriteOperation,
  type WriteOperations,
  type WriteOptions,
} from '@vaultcraft/core';
import { callerOwnerId, isAdmin } from './caller.js';
import { type Call, callerOf, type Handlers } from './handler-types.js';
import { wireBalance, wireEntry, wirePage, wireTransaction, wireWallet } from './wire-mappers.js';

type LedgerHandlers = Omit<
  Handlers,
  | 'health.check'
  | 'auth.signup'
  | 'auth.login'
  | 'auth.me'
  | 'organization.retrieve'
  | 'users.create'
  | 'apiKeys.create'
  | 'apiKeys.list'
  | 'apiKeys.revoke'
>;

function scopeOf(call: Call): OrganizationScope {
  return call.services.vault.organization(callerOf(call).organizationId);
}

function forbidden(message: string): VaultError {
  return new VaultError('FORBIDDEN', message);
}

/** Runs a ledger write under the caller's organization and its idempotency key, if any. */
async function execute<K extends WriteOperation>(
  call: Call,
  operation: K,
  input: WriteOperations[K]['input'],
): Promise<{ value: WriteOperations[K]['result']; replayed: boolean }> {
  const caller = callerOf(call);
  const options: WriteOptions = {};
  if (call.idempotencyKey !== undefined) {
    await call.services.storedResponses.assertUnusedByServer(
      caller.organizationId,
      call.idempotencyKey,
    );
    options.idempotencyKey = call.idempotencyKey;
  }
  return scopeOf(call).execute(operation, input, options);
}

/**
 * A MEMBER moves money only out of wallets it owns, and never into a SYSTEM wallet (that is a
 * withdrawal, which needs OWNER or ADMIN; API.md, roles). An unknown wallet answers 404 as it
 * would without the check; a MEMBER API key owns no wallet. In a batch, the failing item's
 * position is in `details.index`, as for the engine's own rejections.
 */
async function assertMayMove(
  call: Call,
  transfers: readonly { from_wallet_id: string; to_wallet_id: string }[],
  batch: boolean,
): Promise<void> {
  const caller = callerOf(call);
  if (isAdmin(caller)) {
    return;
  }
  const owner = callerOwnerId(caller);
  const scope = scopeOf(call);
  const wallets = new Map<string, Promise<{ ownerId: string; walletType: string }>>();
  const wallet = (id: string) => {
    let found = wallets.get(id);
    if (found === undefined) {
      found = scope.wallets.retrieve(id);
      wallets.set(id, found);
    }
    return found;
  };
  for (const [index, transfer] of transfers.entries()) {
    try {
      if ((await wallet(transfer.from_wallet_id)).ownerId !== owner) {
        throw forbidden('A MEMBER may move money only out of wallets it owns');
      }
      if ((await wallet(transfer.to_wallet_id)).walletType === 'SYSTEM') {
        throw forbidden('Moving money into a SYSTEM wallet is a withdrawal: OWNER or ADMIN only');
      }
    } catch (error) {
      if (batch && error instanceof VaultError) {
        throw new VaultError(error.code, error.message, { details: { ...error.details, index } });
      }
      throw error;
    }
  }
}

async function assertMayDecide(call: Call, transactionId: string): Promise<void> {
  if (isAdmin(callerOf(call))) {
    return;
  }
  const transaction = await scopeOf(call).transactions.retrieve(transactionId);
  await assertMayMove(
    call,
    [{ from_wallet_id: transaction.fromWalletId, to_wallet_id: transaction.toWalletId }],
    false,
  );
}

function pageInput(query: { page?: number; page_size?: number; cursor?: string }) {
  return {
    ...(query.page !== undefined && { page: query.page }),
    ...(query.page_size !== undefined && { pageSize: query.page_size }),
    ...(query.cursor !== undefined && { cursor: query.cursor }),
  };
}

function transactionFilter(query: EndpointRequest<'wallets.transactions'>['query']) {
  return {
    ...pageInput(query),
    ...(query.transaction_type !== undefined && { transactionType: query.transaction_type }),
    ...(query.status !== undefined && { status: query.status }),
    ...(query.created_from !== undefined && { createdFrom: query.created_from }),
    ...(query.created_to !== undefined && { createdTo: query.created_to }),
  };
}

type TransferBody = EndpointRequest<'transactions.transfer'>['body'];

function transferInput(body: TransferBody) {
  return {
    fromWalletId: body.from_wallet_id,
    toWalletId: body.to_wallet_id,
    amount: body.amount,
    ...(body.description !== undefined && { description: body.description }),
    ...(body.metadata !== undefined && { metadata: body.metadata }),
    ...(body.hold !== undefined && { hold: body.hold }),
    ...(body.expires_at !== undefined && { expiresAt: body.expires_at }),
  };
}

function moveInput(body: EndpointRequest<'transactions.deposit'>['body']) {
  return {
    walletId: body.wallet_id,
    amount: body.amount,
    ...(body.description !== undefined && { description: body.description }),
    ...(body.metadata !== undefined && { metadata: body.metadata }),
  };
}

/** Wallets and transactions: the engine, behind the roles of API.md. */
export const ledgerHandlers: LedgerHandlers = {
  async 'wallets.create'({ body }, call) {
    const caller = callerOf(call);
    if (body.wallet_type === 'SYSTEM' && !isAdmin(caller)) {
      throw forbidden('Only an OWNER or ADMIN may create a SYSTEM wallet');
    }
    const ownerId = body.owner_id ?? callerOwnerId(caller);
    if (ownerId === null) {
      throw new ValidationError([
        {
          path: 'owner_id',
          message: 'is required when calling with an API key (a key owns no wallet)',
        },
      ]);
    }
    if (!isAdmin(caller) && ownerId !== callerOwnerId(caller)) {
      throw forbidden('A MEMBER may create wallets only for itself');
    }
    const { value, replayed } = await execute(call, 'wallets.create', {
      name: body.name,
      walletType: body.wallet_type,
      currency: body.currency,
      ownerId,
      ...(body.metadata !== undefined && { metadata: body.metadata }),
    });
    return { body: wireWallet(value), replayed };
  },

  async 'wallets.list'({ query }, call) {
    const page = await scopeOf(call).wallets.list({
      ...pageInput(query),
      ...(query.owner_id !== undefined && { ownerId: query.owner_id }),
      ...(query.wallet_type !== undefined && { walletType: query.wallet_type }),
      ...(query.currency !== undefined && { currency: query.currency }),
      ...(query.status !== undefined && { status: query.status }),
    });
    return { body: wirePage(page, wireWallet) };
  },

  async 'wallets.retrieve'({ params }, call) {
    return { body: wireWallet(await scopeOf(call).wallets.retrieve(params.id)) };
  },

  async 'wallets.balance'({ params, query }, call) {
    const balance = await scopeOf(call)
      .wallets.balance(params.id, query.as_of === undefined ? {} : { asOf: query.as_of })
      .catch((error: unknown) => {
        // The engine names the field of its options argument (`options.asOf`); on the wire it
        // is the query parameter `as_of`.
        throw error instanceof ValidationError
          ? new ValidationError(
              error.fields.map((field) => ({
                ...field,
                path: field.path.replace(/^options\./, ''),
              })),
            )
          : error;
      });
    return { body: wireBalance(balance) };
  },

  async 'wallets.transactions'({ params, query }, call) {
    const page = await scopeOf(call).wallets.transactions(params.id, transactionFilter(query));
    return { body: wirePage(page, wireTransaction) };
  },

  async 'wallets.entries'({ params, query }, call) {
    const page = await scopeOf(call).wallets.entries(params.id, pageInput(query));
    return { body: wirePage(page, wireEntry) };
  },

  async 'wallets.freeze'({ params }, call) {
    const { value, replayed } = await execute(call, 'wallets.freeze', { walletId: params.id });
    return { body: wireWallet(value), replayed };
  },

  async 'wallets.unfreeze'({ params }, call) {
    const { value, replayed } = await execute(call, 'wallets.unfreeze', { walletId: params.id });
    return { body: wireWallet(value), replayed };
  },

  async 'transactions.deposit'({ body }, call) {
    const { value, replayed } = await execute(call, 'transactions.deposit', moveInput(body));
    return { body: wireTransaction(value), replayed };
  },

  async 'transactions.withdrawal'({ body }, call) {
    const { value, replayed } = await execute(call, 'transactions.withdraw', moveInput(body));
    return { body: wireTransaction(value), replayed };
  },

  async 'transactions.transfer'({ body }, call) {
    await assertMayMove(call, [body], false);
    const { value, replayed } = await execute(call, 'transactions.transfer', transferInput(body));
    return { body: wireTransaction(value), replayed };
  },

  async 'transactions.batch'({ body }, call) {
    await assertMayMove(call, body.transfers, true);
    const { value, replayed } = await execute(call, 'transactions.batch', {
      transfers: body.transfers.map(transferInput),
    });
    return { body: { transactions: value.map(wireTransaction) }, replayed };
  },

  async 'transactions.capture'({ params, body }, call) {
    await assertMayDecide(call, params.id);
    const { value, replayed } = await execute(call, 'transactions.capture', {
      transactionId: params.id,
      ...(body.amount !== undefined && { amount: body.amount }),
    });
    return { body: wireTransaction(value), replayed };
  },

  async 'transactions.void'({ params }, call) {
    await assertMayDecide(call, params.id);
    const { value, replayed } = await execute(call, 'transactions.void', {
      transactionId: params.id,
    });
    return { body: wireTransaction(value), replayed };
  },

  async 'transactions.reverse'({ params, body }, call) {
    const { value, replayed } = await execute(call, 'transactions.reverse', {
      transactionId: params.id,
      ...(body.amount !== undefined && { amount: body.amount }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.metadata !== undefined && { metadata: body.metadata }),
    });
    return { body: wireTransaction(value), replayed };
  },

  async 'transactions.list'({ query }, call) {
    if (query.wallet_id !== undefined) {
      // A filter naming an unknown wallet (or another organization's) is a 404, as Stripe
      // answers, not an empty page: a mistyped id must not look like "no transactions".
      await scopeOf(call).wallets.retrieve(query.wallet_id);
    }
    const page = await scopeOf(call).transactions.list({
      ...transactionFilter(query),
      ...(query.wallet_id !== undefined && { walletId: query.wallet_id }),
    });
    return { body: wirePage(page, wireTransaction) };
  },

  async 'transactions.retrieve'({ params }, call) {
    return { body: wireTransaction(await scopeOf(call).transactions.retrieve(params.id)) };
  },
};
