import {
  MAX_NODE_NAME_LENGTH,
  checkGraph,
  emptyGraph,
  isIdTaken,
  isJsonObject,
  isNodeNameTaken,
  loadDocument,
  ok,
  type BlockGraph,
  type BlockNode,
  type Frontend,
  type JsonObject,
  type Position,
  type QomObject,
  type Result,
} from '../../model/index.ts';

/**
 * The part of a document that `ids` name, as a document of its own: those block nodes, frontends
 * and objects, the links between two of them (a link to anything outside is dropped), frontend roots
 * inside the copy (others become unconnected) and their positions. Ids that name nothing in the
 * document (the ghosts of dropped images) are left out; undefined when nothing is left.
 *
 * @example copyFragment(seedSimpleTree(), ['disk', 'disk-file'])?.links // [disk → disk-file (file)]
 */
export function copyFragment(graph: BlockGraph, ids: readonly string[]): BlockGraph | undefined {
  const inCopy = new Set(ids.filter((id) => isIdTaken(graph, id)));
  if (inCopy.size === 0) return undefined;
  const pick = <T extends { id: string }>(record: Readonly<Record<string, T>>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).filter(([id]) => inCopy.has(id)));
  const frontends: Record<string, Frontend> = {};
  for (const [id, frontend] of Object.entries(pick(graph.frontends))) {
    frontends[id] = frontend.root === null || inCopy.has(frontend.root) ? frontend : { ...frontend, root: null };
  }
  const positions = Object.fromEntries(Object.entries(graph.layout.positions).filter(([id]) => inCopy.has(id)));
  return {
    ...emptyGraph(),
    nodes: pick(graph.nodes),
    links: graph.links.filter((link) => inCopy.has(link.parent) && inCopy.has(link.child)),
    objects: pick(graph.objects),
    frontends,
    layout: { positions },
  };
}

/** A pasted fragment: the new document and the ids its elements got, in the fragment's order. */
export interface Pasted {
  graph: BlockGraph;
  ids: string[];
}

/**
 * Adds a fragment (from `copyFragment`) to a document, moved by `offset`. Every id and node-name the
 * document (or an earlier element of the paste) already has is replaced by a fresh one (`disk` →
 * `disk-1`, `qcow2-1` → `qcow2-2`), within QEMU's 31 characters; links, frontend roots and node
 * options naming a pasted object follow the new ids. Refused, with the model's diagnostics, if the
 * result breaks a document invariant (which a fragment read from the clipboard could).
 */
export function pasteFragment(graph: BlockGraph, fragment: BlockGraph, offset: Position): Result<Pasted> {
  const reserved = new Set<string>();
  const isTaken = (name: string) => reserved.has(name) || isIdTaken(graph, name) || isNodeNameTaken(graph, name);
  const claim = (wanted: string): string => {
    const name = isTaken(wanted) ? freshName(wanted, isTaken) : wanted;
    reserved.add(name);
    return name;
  };
  const order = [...Object.keys(fragment.frontends), ...Object.keys(fragment.nodes), ...Object.keys(fragment.objects)];
  const newId = new Map(order.map((id) => [id, claim(id)]));
  const idOf = (id: string) => newId.get(id) ?? id;
  const objectIds = new Set(Object.keys(fragment.objects));

  const nodes: Record<string, BlockNode> = { ...graph.nodes };
  for (const node of Object.values(fragment.nodes)) {
    const id = idOf(node.id);
    const name = node.name === undefined ? undefined : node.name === node.id ? id : claim(node.name);
    const options = renameObjectOptions(node.options, objectIds, idOf);
    nodes[id] = { id, driver: node.driver, options, ...(name === undefined ? {} : { name }) };
  }
  const objects: Record<string, QomObject> = { ...graph.objects };
  for (const object of Object.values(fragment.objects)) objects[idOf(object.id)] = { ...object, id: idOf(object.id) };
  const frontends: Record<string, Frontend> = { ...graph.frontends };
  for (const frontend of Object.values(fragment.frontends)) {
    const root = frontend.root !== null && newId.has(frontend.root) ? idOf(frontend.root) : null;
    frontends[idOf(frontend.id)] = { ...frontend, id: idOf(frontend.id), root };
  }
  const links = fragment.links
    .filter((link) => newId.has(link.parent) && newId.has(link.child))
    .map((link) => ({ ...link, parent: idOf(link.parent), child: idOf(link.child) }));
  const positions: Record<string, Position> = { ...graph.layout.positions };
  for (const id of order) {
    const at = fragment.layout.positions[id] ?? { x: 0, y: 0 };
    positions[idOf(id)] = { x: at.x + offset.x, y: at.y + offset.y };
  }
  const next: BlockGraph = {
    ...graph,
    nodes,
    links: [...graph.links, ...links],
    objects,
    frontends,
    layout: { ...graph.layout, positions },
  };
  const problems = checkGraph(next);
  return problems.length > 0 ? { ok: false, diagnostics: problems } : ok({ graph: next, ids: order.map(idOf) });
}

/**
 * A free name made from `base`: its stem (without a trailing `-N`) and the smallest free number,
 * cut so that it fits in a node-name (QEMU's 31 characters).
 *
 * @example freshName('disk', (n) => n === 'disk-1') // 'disk-2'
 */
export function freshName(base: string, isTaken: (name: string) => boolean): string {
  const stem = base.replace(/-\d+$/, '') || base;
  for (let n = 1; ; n++) {
    const suffix = `-${String(n)}`;
    const name = stem.slice(0, MAX_NODE_NAME_LENGTH - suffix.length) + suffix;
    if (!isTaken(name)) return name;
  }
}

/** A node's top-level string options that name a pasted object (a throttle node's group) name its copy. */
function renameObjectOptions(options: JsonObject, objectIds: ReadonlySet<string>, idOf: (id: string) => string) {
  let renamed: JsonObject | undefined;
  for (const [key, value] of Object.entries(options)) {
    if (typeof value !== 'string' || !objectIds.has(value) || idOf(value) === value) continue;
    renamed ??= { ...options };
    renamed[key] = idOf(value);
  }
  return renamed ?? options;
}

/** The marker of blockgraph's clipboard text, so a paste recognises its own copies. */
const CLIPBOARD_MARKER = 'blockgraph-clipboard';

/** The clipboard text of a fragment: JSON that names itself, and holds the fragment as a document. */
export function clipboardText(fragment: BlockGraph): string {
  return JSON.stringify({ [CLIPBOARD_MARKER]: 1, document: fragment });
}

/**
 * Reads clipboard text written by `clipboardText` (in this tab or another): undefined when the text
 * is something else (it may be for an importer), the model's diagnostics when the fragment is broken.
 */
export function readClipboardText(text: string): Result<BlockGraph> | undefined {
  if (!text.includes(CLIPBOARD_MARKER)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(parsed) || parsed[CLIPBOARD_MARKER] !== 1) return undefined;
  return loadDocument(parsed.document);
}
