import { anchorOf, escapeHtml, renderInlineMarkdown } from './escape-html.js';
import type { JsonSchema } from './openapi-document.js';

const componentsPrefix = '#/components/schemas/';
// Nested objects are listed as `parent.child` rows down to this depth; deeper ones are named.
const fieldDepthMax = 3;
// Longer patterns (the ISO 8601 one runs to hundreds of characters) say less than the format.
const patternLengthShownMax = 60;

/** One row of a field table: the field's path, its type (HTML), required, notes (HTML). */
export interface FieldRow {
  readonly name: string;
  readonly typeHtml: string;
  readonly required: boolean;
  readonly notesHtml: string;
}

/** The name of the component a `$ref` points to, if it points to one. */
export function componentNameOf(schema: JsonSchema): string | undefined {
  const ref = schema.$ref;
  return typeof ref === 'string' && ref.startsWith(componentsPrefix)
    ? ref.slice(componentsPrefix.length)
    : undefined;
}

/**
 * A short HTML description of a schema's type: `string (uuid)`, `"ACTIVE" | "FROZEN"`,
 * `array of <a>Wallet</a>`, `string | null`. Every piece of text is escaped.
 */
export function describeType(schema: JsonSchema): string {
  const component = componentNameOf(schema);
  if (component !== undefined) {
    return `<a href="#${anchorOf('schema', component)}">${escapeHtml(component)}</a>`;
  }
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) {
    return union.map(describeType).join(' | ');
  }
  if (Array.isArray(schema.enum)) {
    return schema.enum.map((value) => escapeHtml(JSON.stringify(value))).join(' | ');
  }
  if (schema.const !== undefined) {
    return escapeHtml(JSON.stringify(schema.const));
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type];
  const parts = types
    .filter((type): type is string => typeof type === 'string')
    .map((type) => describeNamedType(type, schema));
  return parts.length > 0 ? parts.join(' | ') : 'any';
}

function describeNamedType(type: string, schema: JsonSchema): string {
  if (type === 'array' && isSchema(schema.items)) {
    return `array of ${describeType(schema.items)}`;
  }
  if (
    type === 'object' &&
    schema.properties === undefined &&
    isSchema(schema.additionalProperties)
  ) {
    return `object of ${describeType(schema.additionalProperties)}`;
  }
  if (type === 'string' && typeof schema.format === 'string') {
    return `string (${escapeHtml(schema.format)})`;
  }
  return escapeHtml(type);
}

/** The constraints and description of a schema, as HTML. */
export function describeNotes(schema: JsonSchema): string {
  const notes: string[] = [];
  if (typeof schema.description === 'string') notes.push(renderInlineMarkdown(schema.description));
  const bounds: [string, string][] = [
    ['minLength', 'min length'],
    ['maxLength', 'max length'],
    ['minimum', 'min'],
    ['exclusiveMinimum', 'greater than'],
    ['maximum', 'max'],
    ['minItems', 'min items'],
    ['maxItems', 'max items'],
  ];
  for (const [keyword, label] of bounds) {
    const value = schema[keyword];
    // The largest safe integer is zod's default bound of an integer, not a rule of the API.
    if (typeof value === 'number' && value !== Number.MAX_SAFE_INTEGER) {
      notes.push(`${label} ${value}`);
    }
  }
  if (typeof schema.pattern === 'string' && schema.pattern.length <= patternLengthShownMax) {
    notes.push(`pattern <code>${escapeHtml(schema.pattern)}</code>`);
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) {
    notes.push(`e.g. <code>${escapeHtml(JSON.stringify(schema.examples[0]))}</code>`);
  }
  if (schema.default !== undefined) {
    notes.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
  }
  return joinNotes(notes);
}

/** Notes joined with `; `, or with a space after a note that ends a sentence already. */
export function joinNotes(notes: readonly string[]): string {
  return notes
    .filter((note) => note !== '')
    .reduce(
      (text, note) => (text === '' ? note : `${text}${text.endsWith('.') ? ' ' : '; '}${note}`),
      '',
    );
}

/**
 * The rows of an object schema's fields, nested objects (also inside arrays) flattened to
 * `parent.child` / `parent[].child`. A `$ref` is resolved through `schemas` at the top level
 * only; nested references stay links to their own table.
 */
export function fieldRows(
  schema: JsonSchema,
  schemas: Readonly<Record<string, JsonSchema>>,
): FieldRow[] {
  const component = componentNameOf(schema);
  const resolved = component === undefined ? schema : schemas[component];
  return resolved === undefined ? [] : collectRows(resolved, '', 1);
}

function collectRows(schema: JsonSchema, prefix: string, depth: number): FieldRow[] {
  const properties = schema.properties;
  if (!isRecordOfSchemas(properties)) {
    return [];
  }
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const rows: FieldRow[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    rows.push({
      name: path,
      typeHtml: describeType(property),
      required: required.has(name),
      notesHtml: describeNotes(property),
    });
    if (depth < fieldDepthMax) {
      const items = isSchema(property.items) ? property.items : undefined;
      if (items !== undefined && items.properties !== undefined) {
        rows.push(...collectRows(items, `${path}[].`, depth + 1));
      } else if (property.properties !== undefined) {
        rows.push(...collectRows(property, `${path}.`, depth + 1));
      }
    }
  }
  return rows;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRecordOfSchemas(value: unknown): value is Record<string, JsonSchema> {
  return isSchema(value) && Object.values(value).every(isSchema);
}
