import {
  childrenFirst,
  diagnostic,
  fail,
  ok,
  parseRole,
  type BlockGraph,
  type ChildLink,
  type Diagnostic,
  type JsonObject,
  type JsonValue,
  type QmpCommand,
  type Result,
} from '../model/index.ts';
import { scriptShape, type QmpScriptOptions } from './qmpVariants.ts';

/** One QMP command, as sent on the wire (the model's type, re-exported for the codecs' users). */
export type { QmpCommand };
export type { QmpLayout, QmpOptionStyle, QmpScriptOptions } from './qmpVariants.ts';

/**
 * The document as a QMP script: `object-add` for every object first, then the nodes, children
 * before the parents that reference them. Frontends need a machine (`device_add`) and are not part
 * of a storage script.
 *
 * `choice.layout` (see QmpLayout): `nested` (the default) has one `blockdev-add` per node that no
 * parent defines inline, with inline children nested in their parent's arguments and references as
 * node-names; `flat` has one `blockdev-add` per node, each child named by its parent (unnamed nodes
 * get the names of flatNodeNames). `choice.options` (see QmpOptionStyle): `as-written` (the
 * default), `minimal` or `explicit` generic options. Every choice builds nodes with the same
 * effective options as the document; the defaults write the document as it is.
 *
 * @example toQmpScript(seedSimpleTree()) // ok([{ execute: 'blockdev-add', arguments: { driver: 'qcow2', … } }])
 * @example toQmpScript(seedSimpleTree(), { layout: 'flat', options: 'minimal' }) // four blockdev-add, files first
 */
export function toQmpScript(graph: BlockGraph, choice: QmpScriptOptions = {}): Result<QmpCommand[]> {
  const { order, cycle } = childrenFirst(graph);
  if (cycle) {
    const [parent = '', child = ''] = cycle;
    return fail(diagnostic('E203', { parent, child }, { node: parent }));
  }
  const shaped = scriptShape(graph, choice, order);
  const problems: Diagnostic[] = [];
  const objects: QmpCommand[] = Object.values(shaped.objects).map((object) => ({
    execute: 'object-add',
    arguments: { 'qom-type': object.qomType, id: object.id, ...object.props },
  }));
  const links = indexLinks(shaped);
  const nodes: QmpCommand[] = addOrder(shaped, order, links).map((id) => ({
    execute: 'blockdev-add',
    arguments: blockdevOptions(shaped, id, problems, links),
  }));
  return problems.length > 0 ? { ok: false, diagnostics: problems } : ok([...objects, ...nodes]);
}

/**
 * The script that undoes `toQmpScript(graph, choice)` in qemu-storage-daemon: `blockdev-del` for
 * every node the script adds with its own `blockdev-add`, last added first (so parents go before
 * the children they reference), then `object-del` for every object, last added first (a
 * throttle-group is in use while a throttle node names it). Inline children are not deleted on
 * their own: QEMU refuses blockdev-del of a node the monitor did not add, and they go with their
 * parent (blockdev.c: qmp_blockdev_del). Use the same `layout` as the script: a flat script adds
 * more nodes, under generated names.
 *
 * @example toRollbackScript(throttleWithGroup()) // ok([blockdev-del throttle0, blockdev-del disk0, object-del tg0])
 */
export function toRollbackScript(graph: BlockGraph, choice: QmpScriptOptions = {}): Result<QmpCommand[]> {
  const script = toQmpScript(graph, choice);
  return script.ok ? ok(rollbackOf(script.value)) : script;
}

/**
 * The commands that undo a script of `object-add` and `blockdev-add`, in reverse order; any other
 * command is left out.
 */
function rollbackOf(script: readonly QmpCommand[]): QmpCommand[] {
  const undo: QmpCommand[] = [];
  for (let i = script.length - 1; i >= 0; i--) {
    const { execute, arguments: args = {} } = script[i] as QmpCommand;
    const name = args['node-name'];
    const id = args.id;
    if (execute === 'blockdev-add' && typeof name === 'string') {
      undo.push({ execute: 'blockdev-del', arguments: { 'node-name': name } });
    } else if (execute === 'object-add' && typeof id === 'string') {
      undo.push({ execute: 'object-del', arguments: { id } });
    }
  }
  // The script adds objects first, so its reverse deletes every node before any object.
  return undo;
}

/** Child links by parent, and the parent that defines each inline child: built once per export. */
interface LinkIndex {
  byParent: Map<string, ChildLink[]>;
  definedInline: Map<string, string>;
}

function indexLinks(graph: BlockGraph): LinkIndex {
  const byParent = new Map<string, ChildLink[]>();
  const definedInline = new Map<string, string>();
  for (const link of graph.links) {
    const list = byParent.get(link.parent);
    if (list) list.push(link);
    else byParent.set(link.parent, [link]);
    if (link.mode === 'inline') definedInline.set(link.child, link.parent);
  }
  return { byParent, definedInline };
}

/**
 * The nodes that get their own blockdev-add, in an order QEMU accepts: each after the
 * blockdev-add that defines every node its own arguments (its inline subtree included) reference,
 * else in `order` (childrenFirst). A node defined inline in one parent and referenced by another
 * exists only once the first parent is added. Where those needs go round in a circle, no nested
 * script can build the document (the flat layout can); the circle is cut where it is met.
 */
function addOrder(graph: BlockGraph, order: readonly string[], links: LinkIndex): string[] {
  // The node whose blockdev-add defines each node (memoised: inline chains may be long).
  const tops = new Map<string, string>();
  const topOf = (id: string): string => {
    const path: string[] = [];
    let top = id;
    for (let parent = links.definedInline.get(top); parent !== undefined && !tops.has(top);) {
      path.push(top);
      top = parent;
      parent = links.definedInline.get(top);
    }
    const found = tops.get(top) ?? top;
    for (const below of path) tops.set(below, found);
    return found;
  };
  const needs = new Map<string, string[]>();
  for (const link of graph.links) {
    if (link.mode !== 'reference') continue;
    const [from, to] = [topOf(link.parent), topOf(link.child)];
    if (from !== to) needs.set(from, [...(needs.get(from) ?? []), to]);
  }
  const added: string[] = [];
  const seen = new Set<string>();
  for (const root of order) {
    if (links.definedInline.has(root) || seen.has(root)) continue;
    // Depth first, each node after what it needs; iterative, as chains may be long.
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    seen.add(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number };
      const need = needs.get(top.id)?.[top.next++];
      if (need === undefined) {
        stack.pop();
        added.push(top.id);
      } else if (!seen.has(need)) {
        seen.add(need);
        stack.push({ id: need, next: 0 });
      }
    }
  }
  return added;
}

/** The blockdev-add options of one node with its inline subtree nested (BlockdevOptions). */
export function blockdevOptions(
  graph: BlockGraph,
  id: string,
  problems: Diagnostic[] = [],
  links: LinkIndex = indexLinks(graph),
): JsonObject {
  const node = graph.nodes[id];
  if (node === undefined) throw new Error(`blockdevOptions: no node '${id}'`);
  const options: JsonObject = { driver: node.driver };
  if (node.name !== undefined) options['node-name'] = node.name;
  Object.assign(options, node.options);
  const lists = new Map<string, { index: number; value: JsonValue }[]>();
  for (const link of links.byParent.get(id) ?? []) {
    const value = childValue(graph, link, problems, links);
    const { member, index } = parseRole(link.role);
    if (index === undefined) {
      options[member] = value;
    } else {
      lists.set(member, [...(lists.get(member) ?? []), { index, value }]);
    }
  }
  for (const [member, items] of lists) {
    options[member] = items.sort((a, b) => a.index - b.index).map((item) => item.value);
  }
  return options;
}

function childValue(graph: BlockGraph, link: ChildLink, problems: Diagnostic[], links: LinkIndex): JsonValue {
  if (link.mode === 'inline') return blockdevOptions(graph, link.child, problems, links);
  const name = graph.nodes[link.child]?.name;
  if (name === undefined) {
    problems.push(diagnostic('E205', { child: link.child }, { node: link.parent }));
    return link.child;
  }
  return name;
}

/** A QMP script as text: a JSON array, one command per line, or JSON lines. */
export function formatQmpScript(commands: readonly QmpCommand[], form: 'array' | 'lines' = 'array'): string {
  const lines = commands.map((command) => JSON.stringify(command));
  return form === 'lines' ? `${lines.join('\n')}\n` : `[\n  ${lines.join(',\n  ')}\n]\n`;
}
