import { childLinks, inlineParent, type BlockGraph, type BlockNode, type ChildLink } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import { reaches } from '../graphWalk.ts';
import { resolveOptions, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { OPEN_TEXT } from '../open/openText.ts';
import { computePermissions } from '../perms/index.ts';
import { QEMU_TEXT } from './messages.ts';
import { CANNOT_REOPEN, FORCE_SHARE, firstChanged, firstUnresettable, flatten } from './reopenOptions.ts';
import {
  forgetParent,
  heldOptions,
  inheritsFromRecursive,
  isCowLink,
  keepValues,
  oldOptions,
  unpinnedOptions,
  withKept,
  writeReopened,
  type Before,
  type Pinned,
  type Pins,
} from './reopenPins.ts';
import { releaseChild, type Ownership } from './blockdevDel.ts';
import { genericOf, queueOptions, reopenedValues, type GenericDict } from './reopenQueue.ts';
import { genericError, type Outcome } from './types.ts';

/** The child members a reopen may swap (block.c: bdrv_reopen_parse_file_or_backing). */
const SWAPPABLE = ['backing', 'file'] as const;

/**
 * `blockdev-reopen` (blockdev.c: qmp_blockdev_reopen, block.c: bdrv_reopen_multiple, QEMU 7.2):
 * every entry names an existing node, which is reopened with exactly the options given (others
 * reset to their defaults, if allowed); `file`/`backing` may name another node (inserting or
 * removing a filter); an inline child given as a dict is reopened with it, one given by its own
 * name keeps its options and inherits what its parent's new options hold (reopenQueue.ts). All or
 * nothing; permissions are refreshed last. An empty list is not simulated: QEMU 7.2 aborts on it.
 * `pins` tells what earlier reopens left in the nodes' bs->options (reopenPins.ts).
 */
export function blockdevReopen(
  graph: BlockGraph,
  args: JsonObject,
  pins: Pins = new Map(),
  own: Ownership = { orphans: new Set() },
): Outcome<Pinned> {
  const entries = Array.isArray(args.options) ? args.options.filter(isJsonObject) : [];
  if (entries.length === 0)
    return { ok: false, error: { class: 'NotSimulated', desc: 'QEMU 7.2 aborts on an empty blockdev-reopen' } };
  const targets: BlockNode[] = [];
  for (const entry of entries) {
    const name = entry['node-name'];
    if (typeof name !== 'string') return genericError(QEMU_TEXT.reopenNoNodeName());
    const node = Object.values(graph.nodes).find((n) => n.name === name);
    if (node === undefined) return genericError(QEMU_TEXT.nodeNotFound(name));
    targets.push(node);
  }
  let next: Pinned = { graph, pins, own };
  for (const [i, entry] of entries.entries()) {
    const node = targets[i];
    if (node === undefined) continue;
    const done = reopenSubtree(next, node.id, { keepOld: false, entry }, resolveOptions(next.graph));
    if (!done.ok) return done;
    next = done.value;
  }
  // bdrv_reopen_multiple → bdrv_list_refresh_perms
  const [conflict] = computePermissions(next.graph, { during: 'reopen' }).errors;
  if (conflict === undefined) return { ok: true, value: next };
  // bdrv_node_refresh_perm: a node writable before this reopen gets its own text
  const wasWritable =
    conflict.kind === 'read-only' && resolveOptions(graph).get(conflict.node)?.['read-only'].value === false;
  const name = conflict.kind === 'read-only' ? (graph.nodes[conflict.node]?.name ?? '') : '';
  return genericError(wasWritable ? QEMU_TEXT.readOnlyUsers(name) : conflict.message);
}

/** How a node is queued (bdrv_reopen_queue_child's options and keep_old_opts). */
export type Queue =
  /** With a dict of its own: a blockdev-reopen entry, or an inline child's dict. */
  | { keepOld: false; entry: JsonObject }
  /** Keeping its old options, with `passed` over them: a child named by reference, or an internal reopen. */
  | { keepOld: true; passed: JsonObject };

/** The reopened parent of an inline child: its edge, its queued options and its effective options after the reopen. */
interface Parent {
  link: ChildLink;
  dict: GenericDict;
  effective: EffectiveOptions;
}

/**
 * Reopens node `id` as bdrv_reopen_queue_child queues it and bdrv_reopen_prepare checks it (in
 * queue order: the node, then the inline children it reopens), on `before`, the effective options
 * before the reopen. The root of a reopen has no `parent` dict. Permissions are left to the caller.
 */
export function reopenSubtree(state: Pinned, id: string, queue: Queue, before: Before): Outcome<Pinned> {
  return reopenNode(state, id, queue, undefined, before);
}

/** block.c: bdrv_reopen_queue_child + bdrv_reopen_prepare for one node, then its inline children. */
function reopenNode(
  state: Pinned,
  id: string,
  queue: Queue,
  parent: Parent | undefined,
  before: Before,
): Outcome<Pinned> {
  const { graph, pins } = state;
  const node = graph.nodes[id];
  const was = before.get(id);
  if (node === undefined || was === undefined) return { ok: true, value: state };
  const display = node.name ?? '#block';
  const old = oldOptions(node, pins, was);
  const given = flatten(queue.keepOld ? queue.passed : queue.entry);
  const passed = genericOf(given);
  const parentDict = parent === undefined ? undefined : { options: parent.dict, cow: isCowLink(graph, parent.link) };
  const queued = queueOptions(passed, queue.keepOld ? old : undefined, parentDict);
  const values = reopenedValues(queued.options, was.discard.value);
  // bdrv_reopen_prepare parses detect-zeroes against the new flags first; only a driver that can
  // reopen then checks what was left out (bdrv_reset_options_allowed), then its own options
  if (values['detect-zeroes'] === 'unmap' && values.discard !== 'unmap')
    return genericError(OPEN_TEXT.detectZeroesUnmap());
  if (CANNOT_REOPEN.has(node.driver)) return genericError(QEMU_TEXT.cannotReopen(node.driver, display));
  const links = childLinks(graph, id);
  let next = state;
  if (queue.keepOld) {
    // every old option comes back unchanged, but force-share (reopenOptions.ts: FORCE_SHARE)
    if (queued.options.has(FORCE_SHARE)) return genericError(QEMU_TEXT.cannotChange(FORCE_SHARE));
  } else {
    const held = heldOptions(pins, id, was).has(FORCE_SHARE);
    const share = { given, held, queued: queued.options.has(FORCE_SHARE) };
    const prepared = prepareEntry(state, node, queue.entry, share, before);
    if (!prepared.ok) return prepared;
    next = prepared.value;
  }
  const own = queue.keepOld ? unpinnedOptions(node, pins, passed) : entryOptions(next.graph, id, queue.entry);
  const link = parent?.link ?? inlineParent(next.graph, id);
  const effective = parent?.effective ?? (link === undefined ? undefined : before.get(link.parent));
  const docParent = link === undefined || effective === undefined ? undefined : { link, effective };
  const written = writeReopened(own, queued, values, docParent, next.graph);
  let reopened: Pinned = {
    ...next,
    graph: { ...next.graph, nodes: { ...next.graph.nodes, [id]: { ...node, options: written.options } } },
    pins: withKept(next.pins, id, (kept) => ({ ...kept, ...written.record })),
  };
  for (const attached of reopened.graph.links) {
    if (attached.parent === id && attached.mode === 'inline' && !links.includes(attached)) {
      reopened = keepValues(reopened, attached, written.effective, before);
    }
  }
  return reopenChildren(reopened, links, queue, { dict: queued.options, effective: written.effective }, before);
}

/** What `given` and the node's force-share say for bdrv_reopen_prepare's checks of an entry. */
interface ForceShare {
  /** The entry's options, flat. */
  given: Map<string, JsonValue>;
  /** The node's bs->options hold force-share. */
  held: boolean;
  /** The queued options hold force-share (given, or inherited from the parent's dict). */
  queued: boolean;
}

/**
 * bdrv_reopen_prepare's checks of a node reopened with a dict of its own, in QEMU's order: options
 * left out that cannot be reset, the throttle group, a missing backing, the `file`/`backing`
 * swaps (which it returns), then options it would find changed.
 */
function prepareEntry(
  state: Pinned,
  node: BlockNode,
  entry: JsonObject,
  share: ForceShare,
  before: Before,
): Outcome<Pinned> {
  const { graph } = state;
  const { id } = node;
  const display = node.name ?? '#block';
  const old = flatten({
    driver: node.driver,
    ...(node.name === undefined ? {} : { 'node-name': node.name }),
    ...node.options,
  });
  // bs->options never holds `backing` (bdrv_open_inherit and bdrv_reopen_commit delete it)
  old.delete('backing');
  const given = new Map(share.given);
  if (share.held) old.set(FORCE_SHARE, true);
  if (share.queued) given.set(FORCE_SHARE, true);
  const unresettable = firstUnresettable(node.driver, old, given);
  if (unresettable !== undefined) return genericError(QEMU_TEXT.cannotReset(unresettable));
  const group = entry['throttle-group'];
  // block/throttle.c: throttle_parse_options
  if (node.driver === 'throttle' && typeof group === 'string' && graph.objects[group]?.qomType !== 'throttle-group') {
    return genericError(QEMU_TEXT.noThrottleGroup(group));
  }
  const links = childLinks(graph, id);
  const current = (role: string) => graph.nodes[links.find((l) => l.role === role)?.child ?? '']?.name;
  if (driverSpec(node.driver)?.supportsBacking === true && !('backing' in entry) && current('backing') !== undefined) {
    return genericError(QEMU_TEXT.backingMissing(display));
  }
  let next = state;
  for (const role of SWAPPABLE) {
    const swapped = swapChild(next, id, role, entry[role], before);
    if (!swapped.ok) return swapped;
    next = swapped.value;
  }
  const left = new Map([...given].filter(([key]) => !inlineDictKey(graph, links, key)));
  for (const role of SWAPPABLE) left.delete(role);
  const changed = firstChanged(node.driver, old, left, current);
  if (changed !== undefined) return genericError(QEMU_TEXT.cannotChange(changed));
  return { ok: true, value: next };
}

/** A `child.x` key of a child defined inline: its options go to the child's own reopen (bdrv_reopen_queue_child). */
function inlineDictKey(graph: BlockGraph, links: readonly ChildLink[], key: string): boolean {
  return links.some((l) => l.mode === 'inline' && key.startsWith(`${l.role}.`) && graph.nodes[l.child] !== undefined);
}

/**
 * block.c: bdrv_reopen_parse_file_or_backing + bdrv_set_file_or_backing_noperm: the new child
 * inherits from the node only if its inherits_from chain already reaches it
 * (bdrv_inherits_from_recursive: a node below an inline child, or a former inline child), then
 * it no longer inherits from its old parent; the old child is let go (bdrv_unset_inherits_from,
 * bdrv_remove_child): freed unless something else holds it.
 */
function swapChild(
  state: Pinned,
  id: string,
  role: string,
  value: JsonValue | undefined,
  before: Before,
): Outcome<Pinned> {
  const { graph, pins } = state;
  const link = graph.links.find((l) => l.parent === id && l.role === role);
  if (value === null && role === 'backing')
    return { ok: true, value: link === undefined ? state : detach(state, link, before) };
  if (typeof value !== 'string') return { ok: true, value: state };
  const target = Object.values(graph.nodes).find((n) => n.name === value);
  if (target === undefined) return genericError(QEMU_TEXT.reopenNotFound(value));
  if (link?.child === target.id) return { ok: true, value: state };
  const driver = graph.nodes[id]?.driver ?? '';
  if (role === 'file' && link === undefined && driverSpec(driver)?.category !== 'filter') {
    return genericError(QEMU_TEXT.fileToFormat());
  }
  if (reaches(graph, target.id, id)) return genericError(QEMU_TEXT.cycle(value, role, graph.nodes[id]?.name ?? ''));
  // the document gives a node one inline edge: a second one from the same parent stays a reference
  const inherits =
    inheritsFromRecursive(graph, pins, target.id, id) &&
    !graph.links.some((l) => l.parent === id && l.child === target.id && l.mode === 'inline');
  const added: ChildLink = { parent: id, role, child: target.id, mode: inherits ? 'inline' : 'reference' };
  // bdrv_set_inherits_from: the new child's edge from its old inline parent no longer passes options down
  const links = inherits
    ? graph.links.map((l): ChildLink =>
        l.child === target.id && l.mode === 'inline' ? { ...l, mode: 'reference' } : l,
      )
    : graph.links;
  const attached: Pinned = {
    ...state,
    graph: { ...graph, links: [...links, added] },
    pins: inherits ? withKept(pins, target.id, forgetParent) : pins,
  };
  return { ok: true, value: link === undefined ? attached : detach(attached, link, before) };
}

/**
 * Removes `link`, the node's old `file` or `backing` edge: block.c: bdrv_unset_inherits_from
 * forgets the node as former parent anywhere below the old child, and bdrv_remove_child lets the
 * old child go (blockdevDel.ts: releaseChild).
 */
function detach(state: Pinned, link: ChildLink, before: Before): Pinned {
  let pins = state.pins;
  for (const id of subtree(state.graph, link.child)) {
    if (pins.get(id)?.inheritsFrom === link.parent) pins = withKept(pins, id, forgetParent);
  }
  const released = {
    graph: { ...state.graph, links: state.graph.links.filter((l) => l !== link) },
    orphans: new Set(state.own.orphans),
  };
  releaseChild(released, link, (id) => before.get(id));
  return { graph: released.graph, pins, own: { orphans: released.orphans } };
}

/** A node and every node below it, in linear time. */
function subtree(graph: BlockGraph, id: string): string[] {
  const children = new Map<string, string[]>();
  for (const l of graph.links) {
    const list = children.get(l.parent);
    if (list === undefined) children.set(l.parent, [l.child]);
    else list.push(l.child);
  }
  const result = [id];
  const seen = new Set(result);
  for (let i = 0; i < result.length; i++) {
    for (const child of children.get(result[i] ?? '') ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        result.push(child);
      }
    }
  }
  return result;
}

/** The node's new options: what was given, without driver, node-name and child members. */
function entryOptions(graph: BlockGraph, id: string, entry: JsonObject): JsonObject {
  const options: JsonObject = {};
  for (const [key, value] of Object.entries(entry)) {
    const child =
      graph.links.some((l) => l.parent === id && l.role === key) || (isJsonObject(value) && key !== 'cache');
    if (key !== 'driver' && key !== 'node-name' && !(child && value !== null)) options[key] = value;
  }
  return options;
}

/**
 * block.c: bdrv_reopen_queue_child for the inline children still attached, each with the
 * parent's queued options as the dict it inherits from: a dict reopens the child with it; the
 * child's own name reopens it keeping its old options (keep_old_opts), as does a parent that keeps
 * its own; a name of another node or null leaves it alone; a member left out of an entry reopens
 * it with an empty dict (qdict_extract_subqdict), so with nothing to keep.
 */
function reopenChildren(
  state: Pinned,
  links: readonly ChildLink[],
  queue: Queue,
  parent: Omit<Parent, 'link'>,
  before: Before,
): Outcome<Pinned> {
  let next = state;
  for (const link of links) {
    const child = next.graph.nodes[link.child];
    if (link.mode !== 'inline' || child === undefined || !next.graph.links.includes(link)) continue;
    const childQueue = queueOf(queue, link.role, child);
    if (childQueue === undefined) continue;
    const done = reopenNode(next, child.id, childQueue, { ...parent, link }, before);
    if (!done.ok) return done;
    next = done.value;
  }
  return { ok: true, value: next };
}

/** How the parent's queue reopens its inline child in `role` (undefined: not at all). */
function queueOf(queue: Queue, role: string, child: BlockNode): Queue | undefined {
  if (queue.keepOld) return { keepOld: true, passed: {} };
  const value = queue.entry[role];
  if (typeof value === 'string') return value === child.name ? { keepOld: true, passed: {} } : undefined;
  if (value === null) return undefined;
  if (value === undefined) return { keepOld: false, entry: {} };
  const named = child.name === undefined ? {} : { 'node-name': child.name };
  return isJsonObject(value) ? { keepOld: false, entry: { ...named, ...value } } : undefined;
}
