import {
  diagnostic,
  isJsonObject,
  isWellFormedId,
  MAX_NODE_NAME_LENGTH,
  type Diagnostic,
  type JsonObject,
  type JsonValue,
  type Result,
} from '../model/index.ts';

/**
 * Reading the replies of QEMU's two graph queries, as a user pastes them: the bare `return` value
 * of either command, the whole reply `{"return": …}`, or both (a JSON array of the two, or an
 * object keyed by command name). Shapes are QEMU 7.2's QAPI types (qapi/block-core.json:
 * BlockDeviceInfo for `query-named-block-nodes {"flat": true}`, XDbgBlockGraph for
 * `x-debug-query-block-graph`); every problem is a diagnostic with the key path into the input.
 */

export const NAMED_NODES = 'query-named-block-nodes';
export const BLOCK_GRAPH = 'x-debug-query-block-graph';

/** `cache` of a BlockDeviceInfo (BlockdevCacheInfo). */
export interface CacheReply {
  direct: boolean;
  'no-flush': boolean;
  writeback: boolean;
}

/** One node of query-named-block-nodes: the fields the import reads, the rest kept in `raw`. */
export interface NamedNodeReply {
  name: string;
  drv: string;
  ro: boolean;
  /** `bs->filename`: a file name, a `json:{…}` name or a protocol's own (`null-co://`). */
  file: string;
  cache: CacheReply;
  detectZeroes: string;
  /** The filename of the node's backing (COW) child, present when it has one. */
  backingFile: string | undefined;
  /** The backing file named in the image header (`image.backing-filename`). */
  headerBacking: string | undefined;
  raw: JsonObject;
  path: string;
}

/** A node of x-debug-query-block-graph (XDbgBlockGraphNode). */
export interface GraphNodeReply {
  id: number;
  type: 'block-backend' | 'block-job' | 'block-driver';
  /** A node-name, a BlockBackend's name (empty when anonymous) or a job's id. */
  name: string;
  path: string;
}

/** An edge of x-debug-query-block-graph (XDbgBlockGraphEdge); `name` is the child's role. */
export interface GraphEdgeReply {
  parent: number;
  child: number;
  name: string;
  perm: string[];
  shared: string[];
  path: string;
}

export interface NamedNodesBody {
  nodes: NamedNodeReply[];
  path: string;
}

export interface BlockGraphBody {
  nodes: GraphNodeReply[];
  edges: GraphEdgeReply[];
  path: string;
}

/** What the input holds: one reply or both. */
export interface QueryReplies {
  named: NamedNodesBody | undefined;
  graph: BlockGraphBody | undefined;
}

type Command = typeof NAMED_NODES | typeof BLOCK_GRAPH;
const EITHER = `${NAMED_NODES} or ${BLOCK_GRAPH}`;
const COMMANDS: readonly Command[] = [NAMED_NODES, BLOCK_GRAPH];
const NODE_TYPES: readonly GraphNodeReply['type'][] = ['block-backend', 'block-job', 'block-driver'];
const DETECT_ZEROES: readonly string[] = ['off', 'on', 'unmap'];
/** Members a QMP reply may have besides `return`. */
const REPLY_MEMBERS: ReadonlySet<string> = new Set(['return', 'id']);

/** A located reply body, before its shape is checked. */
interface Part {
  command: Command;
  body: JsonValue;
  path: string;
}

/** `base` followed by a key (`a.key`) or an index (`a[3]`). */
export function keyPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${String(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/**
 * True when `value` has the shape of what fromQueryReplies reads (cheap: looks at the top level
 * and first elements only), so that form detection can send it there; its errors then say what
 * is wrong. A QMP script (`[{"execute": …}]`), `[]` and a blockgraph document are not replies.
 *
 * @example isQueryReply({ return: { nodes: [], edges: [] } }) // true
 */
export function isQueryReply(value: JsonValue): boolean {
  if (Array.isArray(value)) {
    const [first] = value;
    // `[]` is as much an empty QMP script; both forms read it as an empty document.
    return first !== undefined && (looksLikeNamedNode(first) || isReplyList(value));
  }
  if (!isJsonObject(value)) return false;
  return isWrapped(value) || looksLikeGraph(value) || COMMANDS.some((command) => Object.hasOwn(value, command));
}

/**
 * Splits the input into its replies and checks their shapes.
 *
 * @example readReplies([{ return: [] }, { return: { nodes: [], edges: [] } }]) // ok({ named: …, graph: … })
 */
export function readReplies(value: JsonValue): Result<QueryReplies> {
  const problems: Diagnostic[] = [];
  return collect(splitParts(value, problems), problems);
}

/**
 * Like readReplies for replies given one after another (as pasted text holds them): each value is
 * one reply, at path `[i]`.
 */
export function readReplyList(values: readonly JsonValue[]): Result<QueryReplies> {
  const problems: Diagnostic[] = [];
  return collect(listParts(values, problems), problems);
}

function collect(parts: readonly Part[], problems: Diagnostic[]): Result<QueryReplies> {
  const replies: QueryReplies = { named: undefined, graph: undefined };
  for (const part of parts) {
    const taken = part.command === NAMED_NODES ? replies.named : replies.graph;
    if (taken !== undefined) {
      problems.push(diagnostic('E602', { command: part.command }, { path: part.path }));
      continue;
    }
    if (part.command === NAMED_NODES) replies.named = readNamedNodes(part.body, part.path, problems);
    else replies.graph = readBlockGraph(part.body, part.path, problems);
  }
  if (problems.length === 0 && replies.named && replies.graph) checkSameNodes(replies.named, replies.graph, problems);
  return problems.length > 0 ? { ok: false, diagnostics: problems } : { ok: true, value: replies };
}

function splitParts(value: JsonValue, problems: Diagnostic[]): Part[] {
  if (isJsonObject(value) && COMMANDS.some((command) => Object.hasOwn(value, command))) {
    return Object.entries(value).flatMap(([key, item]): Part[] => {
      const command = COMMANDS.find((c) => c === key);
      if (command === undefined) {
        problems.push(diagnostic('E002', { expected: `only "${NAMED_NODES}" and "${BLOCK_GRAPH}"` }, { path: key }));
        return [];
      }
      return unwrap(item, key, problems, command);
    });
  }
  if (Array.isArray(value) && isReplyList(value)) return listParts(value, problems);
  return unwrap(value, '', problems);
}

function listParts(values: readonly JsonValue[], problems: Diagnostic[]): Part[] {
  if (values.length > 2) {
    problems.push(diagnostic('E002', { expected: 'at most two replies, one of each command' }, { path: '[2]' }));
    return [];
  }
  return values.flatMap((item, i) => unwrap(item, keyPath('', i), problems));
}

/** A reply's body and its command: `{"return": X}` or a bare X; `expected` when the input named the command. */
function unwrap(value: JsonValue, path: string, problems: Diagnostic[], expected?: Command): Part[] {
  if (isJsonObject(value) && Object.hasOwn(value, 'return')) {
    const extra = Object.keys(value).find((key) => !REPLY_MEMBERS.has(key));
    if (extra !== undefined) {
      problems.push(diagnostic('E002', { expected: `only "return" and "id" in a reply, not "${extra}"` }, { path }));
      return [];
    }
    const body = value.return as JsonValue;
    if (isWrapped(body)) {
      const args = { expected: expected ?? EITHER, found: 'a reply inside a reply' };
      problems.push(diagnostic('E601', args, { path: keyPath(path, 'return') }));
      return [];
    }
    return unwrap(body, keyPath(path, 'return'), problems, expected);
  }
  const command = commandOf(value);
  if (typeof command !== 'string' || (expected !== undefined && command !== expected)) {
    const found = typeof command === 'string' ? `the reply of ${command}` : command.found;
    problems.push(diagnostic('E601', { expected: expected ?? EITHER, found }, { path }));
    return [];
  }
  return [{ command, body: value, path }];
}

/** Which of the two commands `value` answers, or what it is instead. */
function commandOf(value: JsonValue): Command | { found: string } {
  if (Array.isArray(value)) {
    const other = otherArrayReply(value);
    return other === undefined ? NAMED_NODES : { found: other };
  }
  if (!isJsonObject(value)) return { found: value === null ? 'null' : `a ${typeof value}` };
  if (Object.hasOwn(value, 'blockgraph')) return { found: 'a blockgraph document' };
  if (looksLikeGraph(value)) return BLOCK_GRAPH;
  return { found: otherObjectReply(value) };
}

/** The command whose reply an array is, when it is a well-known one other than query-named-block-nodes. */
function otherArrayReply(value: readonly JsonValue[]): string | undefined {
  const first = value[0];
  if (Array.isArray(first) || isWrapped(first)) return 'a list of replies';
  if (!isJsonObject(first) || looksLikeNamedNode(first)) return undefined;
  if (Object.hasOwn(first, 'execute')) return 'a QMP script';
  if (Object.hasOwn(first, 'device') && Object.hasOwn(first, 'locked')) return 'the reply of query-block';
  if (Object.hasOwn(first, 'stats')) return 'the reply of query-blockstats';
  if (Object.hasOwn(first, 'len') && Object.hasOwn(first, 'offset')) return 'the reply of query-block-jobs';
  if (Object.hasOwn(first, 'shutting-down')) return 'the reply of query-block-exports';
  return undefined;
}

/** What an object is, when it is not the body of either reply. */
function otherObjectReply(value: JsonObject): string {
  if (Object.hasOwn(value, 'error')) {
    const error = value.error;
    return isJsonObject(error) && typeof error.desc === 'string' ? `an error reply: ${error.desc}` : 'an error reply';
  }
  if (Object.hasOwn(value, 'QMP')) return "QMP's greeting";
  if (Object.hasOwn(value, 'event')) return typeof value.event === 'string' ? `the event ${value.event}` : 'an event';
  if (Object.hasOwn(value, 'qemu') && Object.hasOwn(value, 'package')) return 'the reply of query-version';
  if (Object.keys(value).length === 0) return 'an empty reply, as qmp_capabilities or blockdev-add give';
  return 'an object without "nodes" and "edges"';
}

function looksLikeNamedNode(value: JsonValue): boolean {
  return isJsonObject(value) && (Object.hasOwn(value, 'node-name') || Object.hasOwn(value, 'drv'));
}

function looksLikeGraph(value: JsonObject): boolean {
  return Object.hasOwn(value, 'nodes') && Object.hasOwn(value, 'edges');
}

function isWrapped(value: JsonValue | undefined): boolean {
  return isJsonObject(value) && Object.hasOwn(value, 'return');
}

/** An array of replies rather than one query-named-block-nodes reply: some element is a whole reply or a graph. */
function isReplyList(value: readonly JsonValue[]): boolean {
  return value.some((item) => Array.isArray(item) || isWrapped(item) || (isJsonObject(item) && looksLikeGraph(item)));
}

/** Reads fields of one object, recording what is missing or mistyped at its key path. */
class Fields {
  constructor(
    private readonly value: JsonObject,
    private readonly path: string,
    private readonly problems: Diagnostic[],
  ) {}

  string(key: string, allowed?: readonly string[]): string | undefined {
    const expected = allowed === undefined ? 'a string' : `one of ${allowed.join(', ')}`;
    return this.take(key, expected, (v) =>
      typeof v === 'string' && (allowed === undefined || allowed.includes(v)) ? v : undefined,
    );
  }

  optionalString(key: string): string | undefined {
    return this.value[key] === undefined ? undefined : this.string(key);
  }

  boolean(key: string): boolean | undefined {
    return this.take(key, 'true or false', (v) => (typeof v === 'boolean' ? v : undefined));
  }

  integer(key: string): number | undefined {
    return this.take(key, 'an integer', (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined));
  }

  strings(key: string): string[] | undefined {
    return this.take(key, 'an array of strings', (v) =>
      Array.isArray(v) && v.every((item) => typeof item === 'string') ? v : undefined,
    );
  }

  object(key: string): Fields | undefined {
    return this.take(key, 'an object', (v) =>
      isJsonObject(v) ? new Fields(v, keyPath(this.path, key), this.problems) : undefined,
    );
  }

  /** The field as `pick` reads it; if it cannot, a diagnostic saying what was expected there. */
  private take<T>(key: string, expected: string, pick: (value: JsonValue | undefined) => T | undefined): T | undefined {
    const taken = pick(this.value[key]);
    if (taken === undefined) this.problems.push(diagnostic('E002', { expected }, { path: keyPath(this.path, key) }));
    return taken;
  }
}

function readNamedNodes(body: JsonValue, path: string, problems: Diagnostic[]): NamedNodesBody {
  const nodes: NamedNodeReply[] = [];
  const seen = new Set<string>();
  (body as JsonValue[]).forEach((item, i) => {
    const at = keyPath(path, i);
    if (!isJsonObject(item)) {
      problems.push(diagnostic('E002', { expected: `a node of ${NAMED_NODES} (an object)` }, { path: at }));
      return;
    }
    const node = readNamedNode(item, at, problems);
    if (node === undefined) return;
    if (seen.has(node.name)) {
      problems.push(diagnostic('E105', { name: node.name }, { path: keyPath(at, 'node-name') }));
      return;
    }
    seen.add(node.name);
    nodes.push(node);
  });
  return { nodes, path };
}

function readNamedNode(item: JsonObject, path: string, problems: Diagnostic[]): NamedNodeReply | undefined {
  const before = problems.length;
  const fields = new Fields(item, path, problems);
  const name = nodeName(fields.string('node-name'), keyPath(path, 'node-name'), problems);
  const drv = fields.string('drv');
  const ro = fields.boolean('ro');
  const file = fields.string('file');
  const cacheFields = fields.object('cache');
  const direct = cacheFields?.boolean('direct');
  const noFlush = cacheFields?.boolean('no-flush');
  const writeback = cacheFields?.boolean('writeback');
  const detectZeroes = fields.string('detect_zeroes', DETECT_ZEROES);
  const backingFile = fields.optionalString('backing_file');
  const image = item.image === undefined ? undefined : fields.object('image');
  const headerBacking = image?.optionalString('backing-filename');
  if (problems.length > before || name === undefined || drv === undefined || ro === undefined) return undefined;
  if (file === undefined || detectZeroes === undefined) return undefined;
  if (direct === undefined || noFlush === undefined || writeback === undefined) return undefined;
  return {
    name,
    drv,
    ro,
    file,
    cache: { direct, 'no-flush': noFlush, writeback },
    detectZeroes,
    backingFile,
    headerBacking,
    raw: item,
    path,
  };
}

/**
 * A node-name as QEMU gives them: well-formed (util/id.c: id_wellformed) or generated (`#block123`),
 * at most 31 characters (block.c: bdrv_assign_node_name).
 */
function nodeName(name: string | undefined, path: string, problems: Diagnostic[]): string | undefined {
  if (name === undefined) return undefined;
  if (!isWellFormedId(name) && !/^#[A-Za-z0-9._-]+$/.test(name)) problems.push(diagnostic('E104', { name }, { path }));
  else if (name.length > MAX_NODE_NAME_LENGTH) problems.push(diagnostic('E106', {}, { path }));
  else return name;
  return undefined;
}

function readBlockGraph(body: JsonValue, path: string, problems: Diagnostic[]): BlockGraphBody {
  const value = body as JsonObject;
  const nodes = readList(value, 'nodes', path, problems, readGraphNode);
  const edges = readList(value, 'edges', path, problems, readGraphEdge);
  checkGraphIds(nodes, edges, problems);
  return { nodes, edges, path };
}

function readList<T>(
  value: JsonObject,
  key: string,
  path: string,
  problems: Diagnostic[],
  read: (item: JsonObject, path: string, problems: Diagnostic[]) => T | undefined,
): T[] {
  const list = value[key];
  const at = keyPath(path, key);
  if (!Array.isArray(list)) {
    problems.push(diagnostic('E002', { expected: 'an array' }, { path: at }));
    return [];
  }
  return list.flatMap((item, i) => {
    const itemPath = keyPath(at, i);
    if (!isJsonObject(item)) {
      problems.push(diagnostic('E002', { expected: 'an object' }, { path: itemPath }));
      return [];
    }
    const read_ = read(item, itemPath, problems);
    return read_ === undefined ? [] : [read_];
  });
}

function readGraphNode(item: JsonObject, path: string, problems: Diagnostic[]): GraphNodeReply | undefined {
  const fields = new Fields(item, path, problems);
  const id = fields.integer('id');
  const type = fields.string('type', NODE_TYPES) as GraphNodeReply['type'] | undefined;
  const rawName = fields.string('name');
  const name = type === 'block-driver' ? nodeName(rawName, keyPath(path, 'name'), problems) : rawName;
  if (id === undefined || type === undefined || name === undefined) return undefined;
  return { id, type, name, path };
}

function readGraphEdge(item: JsonObject, path: string, problems: Diagnostic[]): GraphEdgeReply | undefined {
  const fields = new Fields(item, path, problems);
  const parent = fields.integer('parent');
  const child = fields.integer('child');
  const name = fields.string('name');
  const perm = fields.strings('perm');
  const shared = fields.strings('shared-perm');
  if (parent === undefined || child === undefined || name === undefined) return undefined;
  if (perm === undefined || shared === undefined) return undefined;
  return { parent, child, name, perm, shared, path };
}

/** Ids are unique, edges name listed ids, block-driver names are unique. */
function checkGraphIds(nodes: readonly GraphNodeReply[], edges: readonly GraphEdgeReply[], problems: Diagnostic[]) {
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const node of nodes) {
    if (ids.has(node.id))
      problems.push(diagnostic('E604', { id: String(node.id) }, { path: keyPath(node.path, 'id') }));
    ids.add(node.id);
    if (node.type !== 'block-driver') continue;
    if (names.has(node.name))
      problems.push(diagnostic('E105', { name: node.name }, { path: keyPath(node.path, 'name') }));
    names.add(node.name);
  }
  for (const edge of edges) {
    for (const end of ['parent', 'child'] as const) {
      if (!ids.has(edge[end]))
        problems.push(diagnostic('E603', { id: String(edge[end]) }, { path: keyPath(edge.path, end) }));
    }
  }
}

/** Both replies list the same block-driver nodes (else they were taken at different moments). */
function checkSameNodes(named: NamedNodesBody, graph: BlockGraphBody, problems: Diagnostic[]): void {
  const inNamed = new Set(named.nodes.map((node) => node.name));
  const drivers = graph.nodes.filter((node) => node.type === 'block-driver');
  const inGraph = new Set(drivers.map((node) => node.name));
  for (const node of drivers) {
    if (!inNamed.has(node.name)) {
      const args = { name: node.name, only: BLOCK_GRAPH, other: NAMED_NODES };
      problems.push(diagnostic('E605', args, { path: keyPath(node.path, 'name') }));
    }
  }
  for (const node of named.nodes) {
    if (!inGraph.has(node.name)) {
      const args = { name: node.name, only: NAMED_NODES, other: BLOCK_GRAPH };
      problems.push(diagnostic('E605', args, { path: keyPath(node.path, 'node-name') }));
    }
  }
}
