import { InternalError } from '@vaultcraft/core';
import { anchorOf, escapeHtml, renderInlineMarkdown } from './escape-html.js';
import type {
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiReference,
} from './openapi-document.js';
import {
  describeNotes,
  describeType,
  type FieldRow,
  fieldRows,
  joinNotes,
} from './render-schema.js';

// Inline only: the page is served by the API itself and must work offline and under a strict
// Content-Security-Policy (no CDN, no script).
const style = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --code: rgba(127,127,127,.14); }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem 4rem; }
code { font: 13px/1.4 ui-monospace, monospace; background: var(--code); padding: 0 .25em; border-radius: 3px; }
h1 { margin-bottom: 0; } h2 { border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin: 1.8rem 0 .3rem; font-size: 1.05rem; } h4 { margin: .8rem 0 .2rem; font-size: .9rem; }
nav ul { columns: 2; } .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .2rem 0 .6rem; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
.method { display: inline-block; min-width: 4.2em; text-align: center; border-radius: 4px; color: #fff; font: bold 12px/1.8 ui-monospace, monospace; }
.get { background: #2563eb; } .post { background: #059669; } .delete { background: #dc2626; }
`;

const methods = ['get', 'post', 'delete'] as const;

interface Operation {
  readonly method: (typeof methods)[number];
  readonly path: string;
  readonly operation: OpenApiOperation;
}

/**
 * A self-contained HTML reference page of an OpenAPI document (no script, no external
 * resource): every operation grouped by tag, with its method, path, summary, parameters,
 * request fields, responses and error codes, then the fields of every named schema. All text
 * from the document is escaped.
 *
 * @throws InternalError (`INTERNAL`) when an operation refers to a parameter the document
 *   does not define.
 *
 * @example
 * ```ts
 * const html = renderDocsPage(buildOpenApiDocument({ version: '0.1.0' }));
 * reply.type('text/html; charset=utf-8').send(html);
 * ```
 */
export function renderDocsPage(document: OpenApiDocument): string {
  const operations = listOperations(document);
  const tagNames = [
    ...document.tags.map((tag) => tag.name),
    ...operations.flatMap((entry) => entry.operation.tags),
  ].filter((name, index, all) => all.indexOf(name) === index);
  const sections = tagNames.map((tag) => {
    const description = document.tags.find((candidate) => candidate.name === tag)?.description;
    const ofTag = operations.filter((entry) => entry.operation.tags.includes(tag));
    return [
      `<section id="${anchorOf('tag', tag)}"><h2>${escapeHtml(tag)}</h2>`,
      description === undefined ? '' : `<p>${renderInlineMarkdown(description)}</p>`,
      ...ofTag.map((entry) => renderOperation(entry, document)),
      '</section>',
    ].join('\n');
  });
  const title = `${document.info.title} ${document.info.version}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<header><h1>${escapeHtml(document.info.title)}</h1><p class="muted">Version ${escapeHtml(document.info.version)} · OpenAPI ${escapeHtml(document.openapi)} document: <a href="/openapi.json">/openapi.json</a></p></header>
${renderDescription(document.info.description)}
${renderContents(tagNames, operations)}
<main>
${sections.join('\n')}
${renderSchemas(document)}
</main>
</body>
</html>
`;
}

function listOperations(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = item[method];
      return operation === undefined ? [] : [{ method, path, operation }];
    }),
  );
}

function renderDescription(description: string): string {
  const lines = description.split('\n').filter((line) => line.trim() !== '');
  const paragraphs = lines.filter((line) => !line.startsWith('- '));
  const items = lines.filter((line) => line.startsWith('- '));
  return [
    ...paragraphs.map((line) => `<p>${renderInlineMarkdown(line)}</p>`),
    items.length === 0
      ? ''
      : `<ul>${items.map((line) => `<li>${renderInlineMarkdown(line.slice(2))}</li>`).join('')}</ul>`,
  ].join('\n');
}

function renderContents(tagNames: readonly string[], operations: readonly Operation[]): string {
  const items = tagNames.flatMap((tag) =>
    operations
      .filter((entry) => entry.operation.tags[0] === tag)
      .map(
        (entry) =>
          `<li><a href="#${anchorOf('op', entry.operation.operationId)}"><code>${entry.method.toUpperCase()} ${escapeHtml(entry.path)}</code></a></li>`,
      ),
  );
  return `<nav><h2>Operations</h2><ul>${items.join('')}</ul></nav>`;
}

function renderOperation(entry: Operation, document: OpenApiDocument): string {
  const { operation, method, path } = entry;
  const parameters = (operation.parameters ?? []).map((parameter) =>
    resolveParameter(parameter, document),
  );
  const authentication =
    operation.security.length === 0
      ? 'Public: no authentication.'
      : 'Needs <code>Authorization: Bearer &lt;token&gt;</code>.';
  const parts = [
    `<article id="${anchorOf('op', operation.operationId)}">`,
    `<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    `<p>${renderInlineMarkdown(operation.summary)}</p>`,
    `<p class="muted">${authentication} Operation id <code>${escapeHtml(operation.operationId)}</code>.</p>`,
  ];
  if (parameters.length > 0) {
    parts.push(
      '<h4>Parameters</h4>',
      renderFieldTable(
        'Parameter',
        parameters.map((parameter) => ({
          name: `${parameter.name} (${parameter.in})`,
          typeHtml: describeType(parameter.schema),
          required: parameter.required,
          notesHtml: joinNotes([
            parameter.description ? renderInlineMarkdown(parameter.description) : '',
            describeNotes(parameter.schema),
          ]),
        })),
      ),
    );
  }
  if (operation.requestBody !== undefined) {
    const schema = operation.requestBody.content['application/json'].schema;
    const rows = fieldRows(schema, document.components.schemas);
    const optional = operation.requestBody.required ? '' : ' <span class="muted">(optional)</span>';
    parts.push(
      `<h4>Request body${optional}</h4>`,
      rows.length > 0
        ? renderFieldTable('Field', rows)
        : '<p class="muted">An empty object <code>{}</code>.</p>',
    );
  }
  parts.push('<h4>Responses</h4>', renderResponses(operation), '</article>');
  return parts.join('\n');
}

function renderResponses(operation: OpenApiOperation): string {
  const rows = Object.entries(operation.responses).map(([status, response]) => {
    const schema = response.content?.['application/json'].schema;
    const body = schema === undefined ? '<span class="muted">no body</span>' : describeType(schema);
    const codes = (response['x-error-codes'] ?? [])
      .map((code) => `<code>${escapeHtml(code)}</code>`)
      .join(' ');
    return `<tr><td><code>${escapeHtml(status)}</code></td><td>${body}</td><td>${codes || escapeHtml(response.description)}</td></tr>`;
  });
  return `<table><thead><tr><th>Status</th><th>Body</th><th>Meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function renderFieldTable(label: string, rows: readonly FieldRow[]): string {
  const body = rows
    .map(
      (row) =>
        `<tr><td><code>${escapeHtml(row.name)}</code></td><td>${row.typeHtml}</td><td>${row.required ? 'yes' : 'no'}</td><td>${row.notesHtml}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>${escapeHtml(label)}</th><th>Type</th><th>Required</th><th>Notes</th></tr></thead><tbody>${body}</tbody></table>`;
}

function renderSchemas(document: OpenApiDocument): string {
  const schemas = Object.entries(document.components.schemas).map(([name, schema]) => {
    const rows = fieldRows(schema, document.components.schemas);
    return [
      `<article id="${anchorOf('schema', name)}"><h3>${escapeHtml(name)}</h3>`,
      rows.length > 0 ? renderFieldTable('Field', rows) : `<p>${describeType(schema)}</p>`,
      '</article>',
    ].join('\n');
  });
  return `<section id="schemas"><h2>Objects</h2>\n${schemas.join('\n')}\n</section>`;
}

function resolveParameter(
  parameter: OpenApiParameter | OpenApiReference,
  document: OpenApiDocument,
): OpenApiParameter {
  if (!('$ref' in parameter)) {
    return parameter;
  }
  const name = parameter.$ref.slice('#/components/parameters/'.length);
  const resolved = document.components.parameters[name];
  if (resolved === undefined) {
    throw new InternalError(`the document refers to a missing parameter ${parameter.$ref}`);
  }
  return resolved;
}
