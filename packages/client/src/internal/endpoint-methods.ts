import type { EndpointName } from '../contract/endpoints.js';

/**
 * The client method of every endpoint of the contract, as a path on a `VaultCraft` instance.
 * Typed by the endpoint table: an endpoint added to the contract fails to compile here until
 * it has a method, and a test calls every method and checks the request it sends.
 */
export const endpointMethods = {
  'health.check': 'health',
  'auth.signup': 'auth.signup',
  'auth.login': 'auth.login',
  'auth.me': 'auth.me',
  'organization.retrieve': 'organization.retrieve',
  'users.create': 'users.create',
  'apiKeys.create': 'apiKeys.create',
  'apiKeys.list': 'apiKeys.list',
  'apiKeys.revoke': 'apiKeys.revoke',
  'wallets.create': 'wallets.create',
  'wallets.list': 'wallets.list',
  'wallets.retrieve': 'wallets.retrieve',
  'wallets.balance': 'wallets.balance',
  'wallets.transactions': 'wallets.transactions',
  'wallets.entries': 'wallets.entries',
  'wallets.freeze': 'wallets.freeze',
  'wallets.unfreeze': 'wallets.unfreeze',
  'transactions.deposit': 'transactions.deposit',
  'transactions.withdrawal': 'transactions.withdraw',
  'transactions.transfer': 'transactions.transfer',
  'transactions.batch': 'transactions.batch',
  'transactions.capture': 'transactions.capture',
  'transactions.void': 'transactions.void',
  'transactions.reverse': 'transactions.reverse',
  'transactions.list': 'transactions.list',
  'transactions.retrieve': 'transactions.retrieve',
} as const satisfies Record<EndpointName, string>;
