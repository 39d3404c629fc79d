import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001LedgerSchema } from './migration-0001-ledger-schema.js';
import { Migration0002EntriesAsOfIndex } from './migration-0002-entries-as-of-index.js';
import { Migration0003PostTransferGroup } from './migration-0003-post-transfer-group.js';

/**
 * The PostgreSQL store's migrations, in order, given to MikroORM explicitly (no file globbing),
 * so that they bundle with tsup and run from ESM and CommonJS alike. Append only.
 */
export const postgresMigrations: MigrationObject[] = [
  { name: 'Migration0001LedgerSchema', class: Migration0001LedgerSchema },
  { name: 'Migration0002EntriesAsOfIndex', class: Migration0002EntriesAsOfIndex },
  { name: 'Migration0003PostTransferGroup', class: Migration0003PostTransferGroup },
];
