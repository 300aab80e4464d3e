import {
  diagnostic,
  isJsonObject,
  type BlockGraph,
  type Diagnostic,
  type JsonObject,
  type JsonValue,
  type QmpCommand,
} from '../model/index.ts';

/** Where in a command's arguments QEMU's refusal points: a key path (`['file', 'cache', 'direct']`). */
export type ArgumentPath = readonly string[];

/**
 * The argument a QEMU error message is about, read from the names it quotes: a key path of the
 * arguments (`Parameter 'file.aio' expects…`, `Invalid parameter type for 'children[1].driver'…`,
 * `Parameter 'driver' is missing` — the visitor names members by their dotted path, lists by
 * `[N]`), else the key whose string value it quotes (`Throttle group 'tg9' does not exist`,
 * `Could not open 'a.qcow2'…`). Undefined when it quotes neither.
 *
 * @example argumentOfRefusal({ driver: 'qcow2', file: { driver: 'file', filename: 'a' } }, "Parameter 'file.aio' expects 'threads'")
 *   // ['file', 'aio']
 */
export function argumentOfRefusal(args: JsonObject, desc: string): ArgumentPath | undefined {
  const quoted = [...desc.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
  const valuePaths = quoted.flatMap((text) => findValues(args, text, []));
  // "Parameter 'aio' does not accept value 'bogus'": the key QEMU names holding the value it names
  // (QEMU names some keys without their parents, so the value finds the place).
  const keyed = valuePaths.find((path) =>
    quoted.some((text) => text === path.at(-1) || keyPath(text).at(-1) === path.at(-1)),
  );
  if (keyed !== undefined) return keyed;
  const missing = /^Parameter '([^']+)' is missing$/.exec(desc)?.[1];
  for (const text of quoted) {
    const path = keyPath(text);
    if (path.length === 0) continue;
    const parent = parentOf(args, path);
    const found = text === missing ? isContainer(parent) : step(parent, path.at(-1) ?? '') !== undefined;
    if (found) return path;
  }
  return valuePaths[0];
}

/** `children[1].cache.direct` → `['children', '1', 'cache', 'direct']`; not a key path → `[]`. */
function keyPath(text: string): string[] {
  if (!/^[A-Za-z][\w.-]*(\[\d+\][\w.-]*)*$/.test(text)) return [];
  return text
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '');
}

/** The dict or list that holds the last key of `path` in `args`, if the keys before it lead there. */
function parentOf(args: JsonValue, path: ArgumentPath): JsonValue | undefined {
  let at: JsonValue | undefined = args;
  for (const key of path.slice(0, -1)) at = step(at, key);
  return at;
}

function isContainer(at: JsonValue | undefined): boolean {
  return at !== undefined && (isJsonObject(at) || Array.isArray(at));
}

function step(at: JsonValue | undefined, key: string): JsonValue | undefined {
  if (Array.isArray(at)) return /^\d+$/.test(key) ? at[Number(key)] : undefined;
  return at !== undefined && isJsonObject(at) && Object.hasOwn(at, key) ? at[key] : undefined;
}

/** Every key path in `at` whose value is the string `text`. */
function findValues(at: JsonValue, text: string, path: string[]): string[][] {
  if (at === text) return [path];
  const entries: [string, JsonValue][] = Array.isArray(at)
    ? at.map((value, i) => [String(i), value])
    : isJsonObject(at)
      ? Object.entries(at)
      : [];
  return entries.flatMap(([key, value]) => findValues(value, text, [...path, key]));
}

/**
 * QEMU's refusal of a command of a document's exported script, pinned where the user can act on
 * it: the node the path runs into through inline children (`file.cache.direct` of the qcow2 node →
 * its file child, option `cache.direct`) and the option path left, else a node the message names,
 * else the node the command adds.
 */
export function refusalDiagnostic(graph: BlockGraph, command: QmpCommand, desc: string): Diagnostic {
  const args = command.arguments ?? {};
  const idOf = new Map(Object.values(graph.nodes).map((node) => [node.name ?? node.id, node.id]));
  const name = args['node-name'] ?? args.id;
  const top = typeof name === 'string' ? (idOf.get(name) ?? name) : undefined;
  const path = argumentOfRefusal(args, desc);
  if (path !== undefined && top !== undefined && Object.hasOwn(graph.nodes, top)) {
    const { node, rest } = descend(graph, top, path);
    // A quoted node-name is about the node, not about its `node-name` option.
    const option = rest.length === 1 && rest[0] === 'node-name' ? [] : rest;
    return diagnostic('E500', { desc }, option.length > 0 ? { node, path: option.join('.') } : { node });
  }
  const named = [...desc.matchAll(/'([^']+)'/g)].map((m) => idOf.get(m[1] ?? '')).find((id) => id !== undefined);
  const node = named ?? top;
  return diagnostic('E500', { desc }, node === undefined ? {} : { node });
}

/** Follows the inline children a path passes through (`file`, `children.1`…) from node `id`. */
function descend(graph: BlockGraph, id: string, path: ArgumentPath): { node: string; rest: ArgumentPath } {
  const links = graph.links.filter((link) => link.parent === id && link.mode === 'inline');
  const [first = '', second = ''] = path;
  const link = links.find((l) => l.role === first) ?? links.find((l) => l.role === `${first}.${second}`);
  if (link === undefined) return { node: id, rest: path };
  return descend(graph, link.child, path.slice(link.role === first ? 1 : 2));
}

/** A refused command of a QMP script: at `[INDEX]`, or `[INDEX].arguments.KEY.PATH` when QEMU names an argument. */
export function scriptRefusal(commands: readonly QmpCommand[], index: number, desc: string): Diagnostic {
  const path = argumentOfRefusal(commands[index]?.arguments ?? {}, desc);
  const at = `[${String(index)}]${path === undefined ? '' : `.arguments.${path.join('.')}`}`;
  return diagnostic('E500', { desc }, { path: at });
}
