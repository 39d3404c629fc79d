import type { ApiKeyRecord, Role, UserRecord } from '../identity/identity-store.js';

/** Who is calling: a user (JWT) or an organization API key. */
export type Caller =
  | {
      readonly kind: 'user';
      readonly organizationId: string;
      readonly role: Role;
      readonly user: UserRecord;
    }
  | {
      readonly kind: 'apiKey';
      readonly organizationId: string;
      readonly role: Role;
      readonly apiKey: ApiKeyRecord;
    };

/** OWNER and ADMIN may do everything in their organization. */
export function isAdmin(caller: Caller): boolean {
  return caller.role === 'OWNER' || caller.role === 'ADMIN';
}

/** The owner id a caller's own wallets carry: the user's id; an API key owns nothing. */
export function callerOwnerId(caller: Caller): string | null {
  return caller.kind === 'user' ? caller.user.id : null;
}
