import { InternalError } from '@vaultcraft/core';
import { z } from 'zod';
import type { JsonSchema } from './openapi-document.js';

const componentsPrefix = '#/components/schemas/';

/**
 * Converts zod schemas of the contract to JSON Schema (2020-12, the dialect of OpenAPI 3.1)
 * and collects the named ones (`.meta({ id: 'Wallet' })`) as components. Each schema is
 * converted alone with `z.toJSONSchema`, which puts the named schemas it meets into `$defs`
 * and refers to them there; those definitions move to `components/schemas` and the
 * references follow. A name defined twice with different contents (say, an input and an
 * output form that differ) is a broken contract and throws.
 */
export class SchemaComponents {
  readonly #schemas = new Map<string, { json: string; schema: JsonSchema }>();

  /**
   * The JSON Schema of `schema` as a request reads it (`io: 'input'`: before transforms,
   * defaults optional) or as a response writes it (`io: 'output'`).
   *
   * @throws InternalError (`INTERNAL`) when a named schema conflicts with an earlier one.
   */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    // `unrepresentable: 'any'`: a refinement or transform without a JSON Schema equivalent
    // becomes `{}` instead of failing the whole document; the server still enforces it.
    const converted = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
    }) as JsonSchema;
    const { $schema: _dialect, $defs: definitions, ...root } = converted;
    for (const [name, definition] of Object.entries(
      (definitions ?? {}) as Record<string, JsonSchema>,
    )) {
      this.#add(name, rewriteReferences(definition) as JsonSchema);
    }
    return rewriteReferences(root) as JsonSchema;
  }

  /** The collected components, sorted by name. */
  toRecord(): Record<string, JsonSchema> {
    const names = [...this.#schemas.keys()].sort();
    return Object.fromEntries(names.map((name) => [name, this.#schemas.get(name)!.schema]));
  }

  #add(name: string, schema: JsonSchema): void {
    const json = JSON.stringify(schema);
    const existing = this.#schemas.get(name);
    if (existing !== undefined && existing.json !== json) {
      throw new InternalError(
        `the contract defines the schema ${name} twice with different contents (an input and an output form?)`,
        { details: { schema: name } },
      );
    }
    this.#schemas.set(name, { json, schema });
  }
}

/** A copy of `value` with every `#/$defs/X` reference pointing to `#/components/schemas/X`. */
function rewriteReferences(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(rewriteReferences);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      key === '$ref' && typeof item === 'string' && item.startsWith('#/$defs/')
        ? `${componentsPrefix}${item.slice('#/$defs/'.length)}`
        : rewriteReferences(item);
  }
  return copy;
}
