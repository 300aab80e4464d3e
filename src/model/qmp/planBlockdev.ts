import { isIdTaken, type BlockGraph, type BlockNode, type ChildLink } from '../document.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { isWellFormedId } from '../names.ts';
import { idRecord } from '../perms/components.ts';
import { catalogue } from '../schema/catalogue.ts';
import { numberFromOne, Overlay, scanLookups, type Lookups } from './docIndex.ts';
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

/** Nodes and links a command appends to the document (in this order, after its own). */
export interface Added {
  nodes: Readonly<Record<string, BlockNode>>;
  links: readonly ChildLink[];
}

/** A blockdev-add turned into document nodes and links, not yet checked against QEMU's open rules. */
export interface Plan {
  root: PlannedNode;
  /** Every new node and link. */
  added: Added;
}

/**
 * Turns valid `BlockdevOptions` (QAPI-checked) into document nodes: objects nested in child members
 * become inline children (unnamed ones get a fresh id and no node-name), strings become references
 * to the node with that node-name (unresolved ones get no link: opening them fails), and
 * `backing: null` stays an option.
 */
export function planBlockdev(
  graph: BlockGraph,
  args: JsonObject,
  lookups: Pick<Lookups, 'names' | 'numbered'> = scanLookups(graph),
): Plan {
  const names = new Overlay<string>((name) => lookups.names.get(name));
  const state: PlanState = { graph, nodes: idRecord(), links: [], names, numbered: lookups.numbered };
  const root = planNode(state, args);
  return { root, added: { nodes: state.nodes, links: state.links } };
}

/** The document with what a command adds, as a new document (the old one unchanged). */
export function withAdded(graph: BlockGraph, added: Added): BlockGraph {
  return { ...graph, nodes: { ...graph.nodes, ...added.nodes }, links: [...graph.links, ...added.links] };
}

/** What a blockdev-add adds, collected before the document is copied once. */
interface PlanState {
  graph: BlockGraph;
  nodes: Record<string, BlockNode>;
  links: ChildLink[];
  /** node-name → document id, for existing and new nodes. */
  names: Overlay<string>;
  numbered: Lookups['numbered'];
}

function planNode(state: PlanState, options: JsonObject): PlannedNode {
  const driver = stringArg(options.driver);
  const name = typeof options['node-name'] === 'string' ? options['node-name'] : undefined;
  const id = freshId(state, driver, name);
  const childMembers = catalogue.drivers[driver]?.children ?? [];
  const own: JsonObject = {};
  for (const [key, value] of Object.entries(options)) {
    const isChild = childMembers.some((member) => member.name === key) && value !== null;
    if (key !== 'driver' && key !== 'node-name' && !isChild) own[key] = value;
  }
  state.nodes[id] = { id, driver, options: own, ...(name === undefined ? {} : { name }) };
  if (name !== undefined && !state.names.has(name)) state.names.set(name, id);
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
  state: PlanState,
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
  const target = state.names.get(value);
  if (target !== undefined) link(state, { parent, role, child: target, mode: 'reference' });
  return { reference: value };
}

function link(state: PlanState, added: ChildLink): void {
  state.links.push(added);
}

/** The node-name when it is free as a document id, else `BASE-N` with the smallest free N. */
function freshId(state: PlanState, driver: string, name: string | undefined): string {
  return freeId((id) => isIdTaken(state.graph, id) || Object.hasOwn(state.nodes, id), driver, name, state.numbered);
}

/**
 * The node-name when it is a free, well-formed document id, else `BASE-N` (the name or the driver)
 * with the smallest free N, as `numbered` finds it (by default counting from 1).
 */
export function freeId(
  taken: (id: string) => boolean,
  driver: string,
  name: string | undefined,
  numbered: Lookups['numbered'] = numberFromOne,
): string {
  if (name !== undefined && isWellFormedId(name) && !taken(name)) return name;
  const base = name !== undefined && isWellFormedId(name) ? name : driver;
  return numbered(base, taken);
}
