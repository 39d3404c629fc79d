// Proves that the docs page is one self-contained HTML document (no script, no external
// resource) listing every operation of the generated document with its method, path,
// parameters, request fields and error codes, and that text from the document is escaped,
// by rendering the real document and a document doctored with markup.
import { type Endpoint, endpoints } from '@vaultcraft/client/contract';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './build-openapi-document.js';
import { escapeHtml } from './escape-html.js';
import type { OpenApiDocument } from './openapi-document.js';
import { renderDocsPage } from './render-docs-page.js';

const document = buildOpenApiDocument({ version: '1.2.3' });
const page = renderDocsPage(document);

describe('renderDocsPage', () => {
  it('is a self-contained HTML page', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<title>VaultCraft REST API 1.2.3</title>');
    expect(page).not.toMatch(/<script|<link|src=|https?:\/\//i);
  });

  it('lists every operation with its method, path, summary and operation id', () => {
    for (const endpoint of Object.values(endpoints) as Endpoint[]) {
      const method = endpoint.method.toLowerCase();
      expect(page).toContain(
        `<span class="method ${method}">${endpoint.method}</span> <code>${escapeHtml(endpoint.path)}</code>`,
      );
      expect(page).toContain(escapeHtml(endpoint.summary));
    }
    expect(page).toContain('<code>walletsCreate</code>');
  });

  it('groups operations by tag', () => {
    const positions = document.tags.map((tag) => page.indexOf(`<section id="tag-${tag.name}">`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows parameters, request fields, responses and error codes', () => {
    const transfer = articleOf('transactionsTransfer');
    expect(transfer).toContain('<code>Idempotency-Key (header)</code>');
    expect(transfer).toContain('<code>from_wallet_id</code>');
    expect(transfer).toContain('<code>amount</code>');
    expect(transfer).toContain('<code>INSUFFICIENT_FUNDS</code>');
    expect(transfer).toContain('<code>201</code>');
    expect(transfer).toContain('<a href="#schema-Transaction">Transaction</a>');
    expect(articleOf('transactionsBatch')).toContain('<code>transfers[].to_wallet_id</code>');
    expect(articleOf('walletsList')).toContain('<code>page_size (query)</code>');
    expect(articleOf('apiKeysRevoke')).toContain('no body');
    expect(page).toContain('<article id="schema-Wallet">');
  });

  it('escapes every text that comes from the document', () => {
    const doctored = structuredClone(document) as OpenApiDocument & {
      paths: Record<string, { get?: { summary: string } }>;
      info: { title: string };
    };
    doctored.info.title = 'Vault<script>alert(1)</script>';
    doctored.paths['/health']!.get!.summary = 'Health <img src=x onerror=alert(1)> & "quotes"';
    const html = renderDocsPage(doctored);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('Vault&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Health &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
  });
});

function articleOf(operationId: string): string {
  const start = page.indexOf(`<article id="op-${operationId}">`);
  expect(start).toBeGreaterThan(0);
  return page.slice(start, page.indexOf('</article>', start));
}
