import { inlineParent, isJsonObject, type BlockGraph, type JsonValue, type LinkMode } from '../model/index.ts';

/**
 * A document reduced to what QEMU sees and every import can rebuild: no document ids, no layout,
 * no order. Two documents that build the same graph from the same QMP arguments have equal
 * canonical forms, which is what round trips through the export formats are checked against.
 *
 * Nodes are keyed by their node-name, or, for a node QEMU would name itself, by where it is
 * defined: its inline parent's key and the role (`disk/file`, `q/children.1/file`). A node with
 * neither (an unnamed node no parent defines) keeps `?<document id>`: nothing outside the
 * document can name it.
 */
export interface CanonicalGraph {
  /** Sorted by key. */
  nodes: CanonicalNode[];
  /** Sorted by their text (`linkText`). */
  links: CanonicalLink[];
  /** Sorted by id. */
  objects: CanonicalObject[];
  /** Sorted by id. */
  frontends: CanonicalFrontend[];
}

/** A node: its key, driver, node-name (null: QEMU names it) and options as canonical JSON. */
export interface CanonicalNode {
  key: string;
  driver: string;
  name: string | null;
  options: string;
}

/** A child link between two node keys. */
export interface CanonicalLink {
  parent: string;
  role: string;
  child: string;
  mode: LinkMode;
}

/** A QOM object with its properties as canonical JSON. */
export interface CanonicalObject {
  id: string;
  qomType: string;
  props: string;
}

/** A frontend with its root's node key (null: unconnected) and its properties as canonical JSON. */
export interface CanonicalFrontend {
  id: string;
  kind: string;
  root: string | null;
  props: string;
}

/** How deep a chain of unnamed inline children may go before its key gives up (a guard, not a limit QEMU has). */
const MAX_KEY_DEPTH = 4096;

/**
 * JSON text with every object's keys sorted (recursively) and no blanks: equal for values that
 * differ only in key order. Numbers are written as JSON.stringify writes them.
 *
 * @example canonicalJson({ b: 1, a: { d: [2, { f: 3, e: 4 }], c: true } }) // '{"a":{"c":true,"d":[2,{"e":4,"f":3}]},"b":1}'
 */
export function canonicalJson(value: JsonValue): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value).sort()) {
    // defineProperty: imported keys may be anything, `__proto__` included.
    Object.defineProperty(out, key, {
      value: sortKeys(value[key] as JsonValue),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * The key of every node of `graph` by document id (see CanonicalGraph): node-name, else inline
 * parent's key and role, else `?<id>`.
 *
 * @example nodeKeys(seedSimpleTree()).get('disk-file') // 'disk-file' (named); an unnamed file child of 'disk' is 'disk/file'
 */
export function nodeKeys(graph: BlockGraph): Map<string, string> {
  const keys = new Map<string, string>();
  const keyOf = (id: string): string => {
    const path: { id: string; role: string }[] = [];
    let at = id;
    let key: string | undefined;
    while (key === undefined) {
      const known = keys.get(at);
      const name = graph.nodes[at]?.name;
      const link = name === undefined && known === undefined ? inlineParent(graph, at) : undefined;
      if (known !== undefined) key = known;
      else if (name !== undefined) key = name;
      else if (link === undefined || path.length >= MAX_KEY_DEPTH) key = `?${at}`;
      else {
        path.push({ id: at, role: link.role });
        at = link.parent;
        continue;
      }
      keys.set(at, key);
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const step = path[i] as { id: string; role: string };
      key = `${key}/${step.role}`;
      keys.set(step.id, key);
    }
    return key;
  };
  for (const id of Object.keys(graph.nodes)) keyOf(id);
  return keys;
}

/**
 * The canonical form of a document (see CanonicalGraph).
 *
 * @example canonicalGraph(rawOverNullCo()).links // [{ parent: 'raw0', role: 'file', child: 'raw0/file', mode: 'inline' }]
 */
export function canonicalGraph(graph: BlockGraph): CanonicalGraph {
  const keys = nodeKeys(graph);
  const keyOf = (id: string): string => keys.get(id) ?? `?${id}`;
  const nodes = Object.values(graph.nodes).map((node) => ({
    key: keyOf(node.id),
    driver: node.driver,
    name: node.name ?? null,
    options: canonicalJson(node.options),
  }));
  const links = graph.links.map((link) => ({
    parent: keyOf(link.parent),
    role: link.role,
    child: keyOf(link.child),
    mode: link.mode,
  }));
  const objects = Object.values(graph.objects).map((object) => ({
    id: object.id,
    qomType: object.qomType,
    props: canonicalJson(object.props),
  }));
  const frontends = Object.values(graph.frontends).map((frontend) => ({
    id: frontend.id,
    kind: frontend.kind,
    root: frontend.root === null ? null : keyOf(frontend.root),
    props: canonicalJson(frontend.props),
  }));
  return {
    nodes: nodes.sort((a, b) => compareText(a.key, b.key)),
    links: links.sort((a, b) => compareText(linkText(a), linkText(b))),
    objects: objects.sort((a, b) => compareText(a.id, b.id)),
    frontends: frontends.sort((a, b) => compareText(a.id, b.id)),
  };
}

/** A link as one line: `parent -role-> child (mode)`. */
export function linkText(link: CanonicalLink): string {
  return `'${link.parent}' -${link.role}-> '${link.child}' (${link.mode})`;
}

/**
 * Every difference between two canonical forms, one sentence each, empty when they are equal:
 * nodes by key (driver, node-name, options), links, objects and frontends by id.
 *
 * @example diffCanonical(canonicalGraph(doc), canonicalGraph(imported), ['document', 'import'])
 *   // ["node 'disk' options: {} in document, {\"auto-read-only\":false} in import"]
 */
export function diffCanonical(
  a: CanonicalGraph,
  b: CanonicalGraph,
  labels: readonly [string, string] = ['first', 'second'],
): string[] {
  const [la, lb] = labels;
  const out: string[] = [];
  const compareBy = <T extends object>(what: string, xs: readonly T[], ys: readonly T[], idOf: (x: T) => string) => {
    const byA = new Map(xs.map((x) => [idOf(x), x]));
    const byB = new Map(ys.map((y) => [idOf(y), y]));
    for (const [id, x] of byA) {
      const y = byB.get(id);
      if (y === undefined) {
        out.push(`${what} '${id}' only in ${la}`);
        continue;
      }
      for (const field of Object.keys(x) as (keyof T)[]) {
        const [vx, vy] = [JSON.stringify(x[field]), JSON.stringify(y[field])];
        if (vx !== vy) out.push(`${what} '${id}' ${String(field)}: ${vx} in ${la}, ${vy} in ${lb}`);
      }
    }
    for (const id of byB.keys()) if (!byA.has(id)) out.push(`${what} '${id}' only in ${lb}`);
  };
  compareBy('node', a.nodes, b.nodes, (n) => n.key);
  const linksA = new Set(a.links.map(linkText));
  const linksB = new Set(b.links.map(linkText));
  for (const link of linksA) if (!linksB.has(link)) out.push(`link ${link} only in ${la}`);
  for (const link of linksB) if (!linksA.has(link)) out.push(`link ${link} only in ${lb}`);
  compareBy('object', a.objects, b.objects, (o) => o.id);
  compareBy('frontend', a.frontends, b.frontends, (f) => f.id);
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
