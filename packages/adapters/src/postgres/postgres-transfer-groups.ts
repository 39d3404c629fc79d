import { UnavailableError } from '@vaultcraft/core';
import type { GroupCommitSettings } from '../shared/group-commit-options.js';
import { type GroupOutcome, WriteGroups } from '../shared/write-groups.js';
import type { PostgresConnection } from './postgres-connection.js';
import { isRetryableConflict, toStoreError } from './postgres-errors.js';
import type { WriteDocument } from './postgres-records.js';
import type { PostgresStatements } from './postgres-statements.js';

/** What `ledger_post_transfer_group` answers for each move, in order. */
type MoveResult =
  | { readonly ok: WriteDocument }
  | { readonly code: string; readonly message: string; readonly detail: string | null };

/** The most moves of one group (PGPROC_MAX_CACHED_SUBXIDS). */
const maxMoves = 64;

/** Positions of `ledger_post_transfer`'s arguments that are JSON text already. */
const jsonArguments = new Set([11, 16]);

/**
 * Group commit of single moves on PostgreSQL: the arguments of `ledger_post_transfer` calls
 * issued together are sent as one call of `ledger_post_transfer_group` (migration 0003), one
 * statement and one transaction for all; each move runs in its own subtransaction there, so a
 * rejected one fails alone. A move that lost a deadlock or serialization race inside the group
 * (it wrote nothing) runs again on its own, with the usual retries. Every caller hears back only
 * after the group's statement returned, that is after its commit.
 */
export class PostgresTransferGroups {
  private readonly groups: WriteGroups<readonly unknown[]>;
  private closing = false;

  constructor(
    private readonly connection: PostgresConnection,
    private readonly sql: PostgresStatements,
    settings: GroupCommitSettings,
    poolSize: number,
  ) {
    // Several groups may commit at once (PostgreSQL flushes their WAL together and runs them
    // on both cores); a connection stays free for reads and other writes.
    const inFlight = Math.max(1, Math.min(4, poolSize - 1));
    // Each move that writes is a subtransaction; past 64 in one transaction PostgreSQL's
    // per-backend cache of them overflows and every snapshot in the cluster gets slower.
    const capped = { ...settings, maxOperations: Math.min(settings.maxOperations, maxMoves) };
    this.groups = new WriteGroups(capped, (calls) => this.commit(calls), inFlight);
  }

  /** Posts one move (the arguments of `ledger_post_transfer`) in the next group. */
  async post(values: readonly unknown[]): Promise<WriteDocument> {
    if (this.closing) throw new UnavailableError('The PostgreSQL store is closed');
    try {
      return await this.groups.submit<WriteDocument>(values);
    } catch (error) {
      if (!(error instanceof LostRace)) throw error;
      return this.retryAlone(values);
    }
  }

  /** Sends again, on its own and with the usual retries, a move that lost a race in a group. */
  private retryAlone(values: readonly unknown[]): Promise<WriteDocument> {
    return this.connection.value<WriteDocument>(this.sql.postTransfer, values);
  }

  /** Refuses new moves, commits what is queued; resolves when every queued move has its answer. */
  close(): Promise<void> {
    this.closing = true;
    return this.groups.flush();
  }

  private async commit(calls: readonly (readonly unknown[])[]): Promise<GroupOutcome[]> {
    const [only] = calls;
    if (only !== undefined && calls.length === 1) {
      // A group of one (a lone caller) is the single-move statement: no subtransaction, no
      // JSON, no separate lock and sweep queries; as fast as committing one by one.
      try {
        return [{ ok: true, value: await this.connection.value(this.sql.postTransfer, only) }];
      } catch (error) {
        return [{ ok: false, error }];
      }
    }
    const json = `[${calls.map(callJson).join(',')}]`;
    const results = await this.connection.value<MoveResult[]>(this.sql.postTransferGroup, [json]);
    return results.map((result): GroupOutcome => {
      if ('ok' in result) return { ok: true, value: result.ok };
      const error = Object.assign(new Error(result.message), {
        code: result.code,
        detail: result.detail ?? undefined,
      });
      return {
        ok: false,
        error: isRetryableConflict(error) ? new LostRace() : toStoreError(error),
      };
    });
  }
}

/** A move of a group that PostgreSQL rolled back on a deadlock or serialization failure. */
class LostRace extends Error {}

/** One call's arguments as a JSON array (dates as ISO strings, JSON arguments inline). */
function callJson(values: readonly unknown[]): string {
  return `[${values
    .map((value, index) =>
      jsonArguments.has(index) ? (value ?? 'null') : JSON.stringify(value ?? null),
    )
    .join(',')}]`;
}
