// Reads the steps of docs/http-walkthrough.md and compares a real answer with the one a step
// shows. The page's conventions, which this file defines:
// - a step is a ```sh block containing a `curl` command, followed by the answer it shows: a
//   ```json block (the body alone, for `curl -s`) or an ```http block (the status line, some of
//   the headers, a blank line, then the body, for `curl -si`);
// - `<!-- save: NAME=.path -->` after an answer keeps a field of the real answer (`.id`,
//   `.user.id`, `.items.0.id`) in the shell variable NAME for the following commands;
// - in a shown answer, a string `"$NAME"` (or containing it) stands for that kept value, and
//   the placeholders below for values that differ on every run, checked by their format.
// Every other value must be equal, every object must have exactly the keys shown, and every
// array exactly the items shown, in order.

/** Placeholders a shown answer may use, and the format the real value must have. */
export const placeholders: Readonly<Record<string, RegExp>> = {
  '<uuid>': /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  '<timestamp>': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  '<jwt>': /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/,
  '<cursor>': /^[A-Za-z0-9_=-]+$/,
  '<version>': /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/,
};

/** An answer as the page shows it, or as curl printed it. */
export interface HttpAnswer {
  /** `HTTP/1.1 201 Created`, when shown (`curl -i`). */
  readonly statusLine?: string;
  /** The headers shown (a subset of the real ones), names in lower case. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: unknown;
}

/** A shell variable to keep from a real answer. */
export interface Save {
  readonly name: string;
  readonly path: string;
}

/** One command of the page and the answer it shows. */
export interface WalkthroughStep {
  /** The line of the page where the command starts, for messages. */
  readonly line: number;
  readonly command: string;
  readonly expected: HttpAnswer;
  readonly saves: readonly Save[];
}

type Token =
  | { kind: 'block'; language: string; text: string; line: number }
  | { kind: 'save'; saves: Save[]; line: number };

const tokenPattern = /^```(\w*)\n([\s\S]*?)^```[ \t]*$|<!--\s*save:\s*([\s\S]*?)-->/gm;

function lineOf(markdown: string, index: number): number {
  return markdown.slice(0, index).split('\n').length;
}

function parseSaves(text: string, line: number): Save[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([A-Z][A-Z0-9_]*)=(\.[\w.]+)$/.exec(part);
      if (match === null) throw new Error(`line ${line}: bad save "${part}" (want NAME=.path)`);
      return { name: match[1] as string, path: match[2] as string };
    });
}

function tokenize(markdown: string): Token[] {
  const tokens: Token[] = [];
  for (const match of markdown.matchAll(tokenPattern)) {
    const line = lineOf(markdown, match.index);
    if (match[3] !== undefined) {
      tokens.push({ kind: 'save', saves: parseSaves(match[3], line), line });
    } else {
      tokens.push({ kind: 'block', language: match[1] ?? '', text: match[2] ?? '', line });
    }
  }
  return tokens;
}

/** Parses a shown answer: a ```json body, or an ```http status line, headers and body. */
export function parseShownAnswer(language: string, text: string): HttpAnswer {
  if (language === 'json') return { headers: [], body: JSON.parse(text) };
  return parseHttp(text);
}

/** Parses `curl -i` output (or an ```http block): status line, headers, blank line, body. */
export function parseHttp(text: string): HttpAnswer {
  let rest = text.replace(/\r\n/g, '\n');
  // An interim answer (100 Continue) comes first, with its own blank line.
  while (/^HTTP\/[\d.]+ 1\d\d /.test(rest)) rest = rest.slice(rest.indexOf('\n\n') + 2);
  const end = rest.indexOf('\n\n');
  const head = (end === -1 ? rest : rest.slice(0, end)).split('\n');
  const bodyText = end === -1 ? '' : rest.slice(end + 2).trim();
  const [statusLine, ...headerLines] = head;
  if (statusLine === undefined || !/^HTTP\/[\d.]+ \d{3}\b/.test(statusLine)) {
    throw new Error(`not an HTTP answer: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const headers = headerLines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    if (colon === -1) throw new Error(`bad header line ${JSON.stringify(line)}`);
    return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
  });
  return {
    statusLine: statusLine.trim(),
    headers,
    body: bodyText === '' ? undefined : JSON.parse(bodyText),
  };
}

/**
 * The steps of a walkthrough page, in order. Fails on a page that breaks its conventions: a
 * curl command without a shown answer, an answer or a save that follows no command.
 */
export function parseWalkthrough(markdown: string): WalkthroughStep[] {
  const steps: WalkthroughStep[] = [];
  const tokens = tokenize(markdown);
  let last: WalkthroughStep | undefined;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as Token;
    if (token.kind === 'save') {
      if (last === undefined) throw new Error(`line ${token.line}: a save follows no command`);
      last = { ...last, saves: [...last.saves, ...token.saves] };
      steps[steps.length - 1] = last;
      continue;
    }
    if (token.language === 'json' || token.language === 'http') {
      throw new Error(`line ${token.line}: an answer follows no curl command`);
    }
    if (token.language !== 'sh' || !/^\s*curl\b/m.test(token.text)) {
      last = undefined;
      continue;
    }
    const answer = tokens[index + 1];
    if (answer?.kind !== 'block' || (answer.language !== 'json' && answer.language !== 'http')) {
      throw new Error(`line ${token.line}: a curl command without a json or http answer`);
    }
    last = {
      line: token.line + 1,
      command: token.text.trim(),
      expected: parseShownAnswer(answer.language, answer.text),
      saves: [],
    };
    steps.push(last);
    index += 1;
  }
  return steps;
}

/** The value at `.a.b.0.c` of a JSON answer (`undefined` when a step is missing). */
export function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.').slice(1)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function substitute(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(/\$([A-Z][A-Z0-9_]*)/g, (whole, name: string) => variables[name] ?? whole);
}

/**
 * How `actual` differs from the `expected` answer the page shows, one line per difference
 * (none when they agree). `variables` are the values kept so far.
 */
export function compareJson(
  expected: unknown,
  actual: unknown,
  variables: Readonly<Record<string, string>>,
  path = '$',
): string[] {
  if (typeof expected === 'string') {
    const format = placeholders[expected];
    if (format !== undefined) {
      return typeof actual === 'string' && format.test(actual)
        ? []
        : [`${path}: expected ${expected}, got ${JSON.stringify(actual)}`];
    }
    const want = substitute(expected, variables);
    if (/\$[A-Z]/.test(want)) return [`${path}: ${expected} names a variable not kept yet`];
    return actual === want
      ? []
      : [`${path}: expected ${JSON.stringify(want)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) {
      return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    }
    return expected.flatMap((item, i) => compareJson(item, actual[i], variables, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    }
    const want = expected as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    const missing = Object.keys(want).filter((key) => !(key in got));
    const extra = Object.keys(got).filter((key) => !(key in want));
    return [
      ...missing.map((key) => `${path}.${key}: missing`),
      ...extra.map((key) => `${path}.${key}: not shown on the page (${JSON.stringify(got[key])})`),
      ...Object.keys(want)
        .filter((key) => key in got)
        .flatMap((key) => compareJson(want[key], got[key], variables, `${path}.${key}`)),
    ];
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** How a real answer differs from the shown one: status line, shown headers, body. */
export function compareAnswer(
  expected: HttpAnswer,
  actual: HttpAnswer,
  variables: Readonly<Record<string, string>>,
): string[] {
  const differences: string[] = [];
  if (expected.statusLine !== undefined && expected.statusLine !== actual.statusLine) {
    differences.push(`status: expected "${expected.statusLine}", got "${actual.statusLine}"`);
  }
  for (const [name, value] of expected.headers) {
    const real = actual.headers.find(([actualName]) => actualName === name)?.[1];
    differences.push(...compareJson(value, real, variables, `header ${name}`));
  }
  differences.push(...compareJson(expected.body, actual.body, variables));
  return differences;
}
