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

/** One QMP command, as sent on the wire (the model's type, re-exported for the codecs' users). */
export type { QmpCommand };

/**
 * The document as a QMP script: `object-add` for every object first, then one `blockdev-add` per
 * node that no parent defines inline, children before the parents that reference them. Inline
 * children are nested in their parent's arguments; references are node-names. Frontends need a
 * machine (`device_add`) and are not part of a storage script.
 *
 * @example toQmpScript(seedSimpleTree()) // ok([{ execute: 'blockdev-add', arguments: { driver: 'qcow2', … } }])
 */
export function toQmpScript(graph: BlockGraph): Result<QmpCommand[]> {
  const { order, cycle } = childrenFirst(graph);
  if (cycle) {
    const [parent = '', child = ''] = cycle;
    return fail(diagnostic('E203', { parent, child }, { node: parent }));
  }
  const problems: Diagnostic[] = [];
  const objects: QmpCommand[] = Object.values(graph.objects).map((object) => ({
    execute: 'object-add',
    arguments: { 'qom-type': object.qomType, id: object.id, ...object.props },
  }));
  const links = indexLinks(graph);
  const nodes: QmpCommand[] = order
    .filter((id) => !links.definedInline.has(id))
    .map((id) => ({ execute: 'blockdev-add', arguments: blockdevOptions(graph, id, problems, links) }));
  return problems.length > 0 ? { ok: false, diagnostics: problems } : ok([...objects, ...nodes]);
}

/** Child links by parent, and the nodes some parent defines inline: built once per export. */
interface LinkIndex {
  byParent: Map<string, ChildLink[]>;
  definedInline: Set<string>;
}

function indexLinks(graph: BlockGraph): LinkIndex {
  const byParent = new Map<string, ChildLink[]>();
  const definedInline = new Set<string>();
  for (const link of graph.links) {
    const list = byParent.get(link.parent);
    if (list) list.push(link);
    else byParent.set(link.parent, [link]);
    if (link.mode === 'inline') definedInline.add(link.child);
  }
  return { byParent, definedInline };
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
