// Reads a V8 `.cpuprofile` (written by `node --cpu-prof`) and says where the time went: self
// time per function, grouped by area (Fastify, zod, JSON, auth, engine, store, SQLite driver,
// the commit's fsync, ...), and inclusive time of a few steps of a request.

/** The parts of a `.cpuprofile` read here. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; lineNumber: number };
    readonly children?: readonly number[];
  }[];
  /** Microseconds on the system's monotonic clock (`process.hrtime` of any process). */
  readonly startTime: number;
  readonly samples: readonly number[];
  /** Microseconds before each sample. */
  readonly timeDeltas: readonly number[];
}

/** Time in ms and its share of the busy (non-idle) time. */
export interface Share {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** What {@link summarizeProfile} found. */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly idleMs: number;
  readonly areas: readonly Share[];
  /** The top functions by self time, named `function (file:line) [area]`. */
  readonly functions: readonly Share[];
  /** Inclusive time of request steps (a step's callees count towards it). */
  readonly steps: readonly Share[];
}

// Checked in order; the first match names the area of a frame with a URL.
const areasByUrl: readonly [RegExp, string][] = [
  [/better-sqlite3\/lib\/methods\/transaction\.js/, 'SQLite BEGIN/COMMIT (fsync)'],
  [/better-sqlite3/, 'SQLite driver'],
  [/\/zod\//, 'zod validation'],
  [/\/(pino|sonic-boom|thread-stream|fast-redact|quick-format-unescaped)[@/]/, 'logging (pino)'],
  [
    /\/(fastify|@fastify\/[^/]+|find-my-way|avvio|light-my-request|fast-json-stringify|secure-json-parse|fast-querystring|toad-cache|process-warning|rfdc|abstract-logging)[@/]/,
    'fastify/routing',
  ],
  [/\/(@mikro-orm\/[^/]+|knex|kysely)[@/]/, 'ORM (MikroORM/knex)'],
  [/\/(pg|pg-protocol|pg-pool|pg-types|postgres-array)[@/]/, 'pg driver'],
  [/\/packages\/core\//, 'engine (core)'],
  [/\/packages\/adapters\//, 'store (adapters JS)'],
  [/\/packages\/client\//, 'contract schemas (client)'],
  [/^node:internal\/crypto/, 'crypto'],
  [
    /^node:(_http|internal\/http|net|internal\/stream|internal\/streams|events|internal\/timers|internal\/process\/task_queues|internal\/async_hooks|stream|internal\/net)/,
    'Node HTTP/net/streams',
  ],
  [/^node:/, 'Node other'],
];

// Everything under these server functions (the key's hash, the identity store's read) is the
// authentication of the request.
const authFunctions = /^(resolveCaller|authenticate)\d*$/;
const sqliteNatives = /^(run|get|all|iterate|prepare|exec|pluck|raw|bind)$/;

/** Steps whose inclusive time is reported, by function name (a bundler may add a digit). */
const stepNames = [
  'resolveCaller',
  'parseBody',
  'parseOrThrow',
  'execute',
  'transfer',
  'wireTransaction',
  'stringify',
  'safeParse',
] as const;

type Node = CpuProfile['nodes'][number];

function ownArea(node: Node, parents: Map<number, Node>): string {
  const { functionName: name, url } = node.callFrame;
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return 'idle';
  if (name === '(program)' || name === '(root)') return 'V8/native (program)';
  if (url === '') {
    const parent = parents.get(node.id);
    if (name === 'parse' || name === 'stringify') return 'JSON';
    if (sqliteNatives.test(name) && parent !== undefined) {
      const parentArea = ownArea(parent, parents);
      return parentArea === 'SQLite BEGIN/COMMIT (fsync)' ? parentArea : 'SQLite driver';
    }
    return parent === undefined ? 'V8/native (program)' : ownArea(parent, parents);
  }
  if (/\/packages\/server\//.test(url)) return 'server (handlers, mappers)';
  return areasByUrl.find(([pattern]) => pattern.test(url))?.[1] ?? 'other packages';
}

/**
 * The area of a sample's own frame. A V8 profile gives native calls of an addon (a
 * better-sqlite3 statement's `run`) no frame of their own: their time is the self time of the
 * JavaScript function that called them.
 */
function areaOf(node: Node, parents: Map<number, Node>): string {
  for (let frame: Node | undefined = node; frame !== undefined; frame = parents.get(frame.id)) {
    const { functionName, url } = frame.callFrame;
    if (/\/packages\/server\//.test(url) && authFunctions.test(functionName)) return 'auth lookup';
  }
  return ownArea(node, parents);
}

function shares(times: Map<string, number>, busyMs: number, limit: number): Share[] {
  return [...times.entries()]
    .map(([name, ms]) => ({ name, ms, share: busyMs === 0 ? 0 : ms / busyMs }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, limit);
}

function add<K>(times: Map<K, number>, key: K, ms: number): void {
  times.set(key, (times.get(key) ?? 0) + ms);
}

/**
 * Self and inclusive times of a profile; `top` functions are listed (default 25). With a
 * `window` (monotonic µs, as `process.hrtime.bigint() / 1000n`), only the samples taken in it
 * count: the load, without the server's start and stop.
 */
export function summarizeProfile(
  profile: CpuProfile,
  options: { top?: number; window?: { fromMicros: number; toMicros: number } } = {},
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, Node>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node);
  // A sample lasts until the next one: its duration is the next sample's delta.
  const selfMs = new Map<number, number>();
  const { fromMicros = -Infinity, toMicros = Infinity } = options.window ?? {};
  let at = profile.startTime;
  for (let index = 0; index < profile.samples.length; index += 1) {
    at += profile.timeDeltas[index] ?? 0;
    if (at < fromMicros || at > toMicros) continue;
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    add(selfMs, profile.samples[index]!, ms);
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  const steps = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    const area = areaOf(node, parents);
    totalMs += ms;
    if (area === 'idle') {
      idleMs += ms;
      continue;
    }
    add(areas, area, ms);
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url === '' ? 'native' : `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    add(functions, `${functionName || '(anonymous)'} (${file}) [${area}]`, ms);
    const seen = new Set<string>();
    for (let frame: Node | undefined = node; frame !== undefined; frame = parents.get(frame.id)) {
      const step = stepNames.find((name) =>
        new RegExp(`^${name}\\d*$`).test(frame!.callFrame.functionName),
      );
      if (step !== undefined && !seen.has(step)) {
        seen.add(step);
        add(steps, step, ms);
      }
    }
  }
  const busyMs = totalMs - idleMs;
  return {
    totalMs,
    idleMs,
    areas: shares(areas, busyMs, areas.size),
    functions: shares(functions, busyMs, options.top ?? 25),
    steps: shares(steps, busyMs, steps.size),
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The summary as Markdown tables. */
export function printProfileSummary(summary: ProfileSummary): string {
  const table = (title: string, rows: readonly Share[]) => [
    `| ${title} | ms | share of busy time |`,
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.name} | ${row.ms.toFixed(0)} | ${percent(row.share)} |`),
    '',
  ];
  return [
    `Profiled ${summary.totalMs.toFixed(0)} ms, of which idle ${summary.idleMs.toFixed(0)} ms.`,
    '',
    ...table('area (self time)', summary.areas),
    ...table('function (self time)', summary.functions),
    ...table('step (inclusive time)', summary.steps),
  ].join('\n');
}
