// The shape of a row of the validation table of `validation.ts`: one malformed call of a public
// function, with the exact field paths its VALIDATION_ERROR must list.
import type { OrganizationScope } from '../../engine/organization-scope.js';
import type { Vault } from '../../engine/vault.js';

/** The ids a validation row may use. */
export interface ValidationCast {
  readonly vault: Vault;
  readonly acme: OrganizationScope;
  readonly alice: string;
  readonly bob: string;
  readonly hold: string;
  readonly transfer: string;
}

/** One malformed call. */
export interface ValidationRow {
  readonly call: string;
  readonly case: string;
  readonly paths: readonly string[];
  readonly run: (cast: ValidationCast) => unknown;
}

/** Casts deliberately malformed input past the types. */
export const bad = (value: unknown): never => value as never;
