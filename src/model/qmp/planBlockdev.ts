import { isIdTaken, uniqueId, type BlockGraph, type BlockNode, type ChildLink } from '../document.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { isWellFormedId } from '../names.ts';
import { catalogue } from '../schema/catalogue.ts';
import { stringArg } from './types.ts';

/** A node that a blockdev-add defines (the root or a child given as an object). */
export interface PlannedNode {
  id: string;
  driver: string;
  name: string | undefined;
  /** Children in the order the driver's schema lists them (list members by index). */
  children: PlannedChild[];
}

/** One child of a planned node: defined inline, or a reference by node-name. */
export interface PlannedChild {
  member: string;
  role: string;
  child: { inline: PlannedNode } | { reference: string };
}

/** A blockdev-add turned into document nodes and links, not yet checked against QEMU's open rules. */
export interface Plan {
  root: PlannedNode;
  /** The document with every new node and link added. */
  graph: BlockGraph;
}

/**
 * Turns valid `BlockdevOptions` (QAPI-checked) into document nodes: objects nested in child members
 * become inline children (unnamed ones get a fresh id and no node-name), strings become references
 * to the node with that node-name (unresolved ones get no link: opening them fails), and
 * `backing: null` stays an option.
 */
export function planBlockdev(graph: BlockGraph, args: JsonObject): Plan {
  const state = { graph };
  const root = planNode(state, args);
  return { root, graph: state.graph };
}

function planNode(state: { graph: BlockGraph }, options: JsonObject): PlannedNode {
  const driver = stringArg(options.driver);
  const name = typeof options['node-name'] === 'string' ? options['node-name'] : undefined;
  const id = freshId(state.graph, driver, name);
  const childMembers = catalogue.drivers[driver]?.children ?? [];
  const own: JsonObject = {};
  for (const [key, value] of Object.entries(options)) {
    const isChild = childMembers.some((member) => member.name === key) && value !== null;
    if (key !== 'driver' && key !== 'node-name' && !isChild) own[key] = value;
  }
  const node: BlockNode = { id, driver, options: own, ...(name === undefined ? {} : { name }) };
  state.graph = { ...state.graph, nodes: { ...state.graph.nodes, [id]: node } };
  const children: PlannedChild[] = [];
  for (const member of childMembers) {
    const value = options[member.name];
    const items: [string, JsonValue | undefined][] =
      member.list && Array.isArray(value)
        ? value.map((item, i) => [`${member.name}.${String(i)}`, item])
        : [[member.name, value]];
    for (const [role, item] of items) {
      const child = planChild(state, id, role, item);
      if (child) children.push({ member: member.name, role, child });
    }
  }
  return { id, driver, name, children };
}

function planChild(
  state: { graph: BlockGraph },
  parent: string,
  role: string,
  value: JsonValue | undefined,
): PlannedChild['child'] | undefined {
  if (isJsonObject(value)) {
    const inline = planNode(state, value);
    link(state, { parent, role, child: inline.id, mode: 'inline' });
    return { inline };
  }
  if (typeof value !== 'string') return undefined;
  const target = Object.values(state.graph.nodes).find((node) => node.name === value);
  if (target) link(state, { parent, role, child: target.id, mode: 'reference' });
  return { reference: value };
}

function link(state: { graph: BlockGraph }, added: ChildLink): void {
  state.graph = { ...state.graph, links: [...state.graph.links, added] };
}

/** The node-name when it is free as a document id, else a fresh id. */
function freshId(graph: BlockGraph, driver: string, name: string | undefined): string {
  if (name !== undefined && isWellFormedId(name) && !isIdTaken(graph, name)) return name;
  return uniqueId(graph, name ?? driver);
}
