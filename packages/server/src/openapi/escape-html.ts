const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `text` safe to place in HTML element content and in quoted attribute values.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]!);
}

/**
 * Escaped text with the little Markdown the contract's descriptions use: `code` spans and
 * **strong** runs. Escaping happens first, so the markup added here is the only markup.
 */
export function renderInlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** An id for an HTML anchor: letters, digits and `-` only. */
export function anchorOf(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
}
