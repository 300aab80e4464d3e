import { childLinks, type BlockGraph, type BlockNode, type ChildLink } from '../document.ts';
import { driverSpec } from '../drivers/index.ts';
import { reaches } from '../graphWalk.ts';
import { resolveOptions } from '../inherit/resolveOptions.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { computePermissions } from '../perms/index.ts';
import { QEMU_TEXT } from './messages.ts';
import {
  FORCE_SHARE,
  firstChanged,
  firstUnresettable,
  flatten,
  holdsForceShare,
  keptForceShare,
} from './reopenOptions.ts';
import { dictHolds, keepDiscard, keepOld, pinDefaults, type Before, type Pinned, type Pins } from './reopenPins.ts';
import { OPEN_TEXT } from '../open/openText.ts';
import { CANNOT_REOPEN } from './snapshot.ts';
import { genericError, type Outcome } from './types.ts';

/** The child members a reopen may swap (block.c: bdrv_reopen_parse_file_or_backing). */
const SWAPPABLE = ['backing', 'file'] as const;

/**
 * `blockdev-reopen` (blockdev.c: qmp_blockdev_reopen, block.c: bdrv_reopen_multiple, QEMU 7.2):
 * every entry names an existing node, which is reopened with exactly the options given (others
 * reset to their defaults, if allowed); `file`/`backing` may name another node (inserting or
 * removing a filter); an inline child given as a dict is reopened with it, one given by its own
 * name keeps its options and what it inherited unless the parent passes that option. All or nothing;
 * permissions are refreshed last. An empty list is not simulated: QEMU 7.2 aborts on it. `pins`
 * tells which options of a node a reopen kept rather than gave it (reopenPins.ts).
 */
export function blockdevReopen(graph: BlockGraph, args: JsonObject, pins: Pins = new Map()): Outcome<Pinned> {
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
  let next: Pinned = { graph, pins };
  for (const [i, entry] of entries.entries()) {
    const node = targets[i];
    if (node === undefined) continue;
    const done = reopenNode(next, node.id, entry);
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

/** The parent's edge and the generic options its reopen dict holds (bdrv_reopen_queue_child's parent_options). */
interface Parent {
  link: ChildLink;
  passed: ReadonlySet<string>;
}

/** block.c: bdrv_reopen_prepare for one node (and, through dicts or self-references, its inline children). */
function reopenNode(state: Pinned, id: string, entry: JsonObject, parent?: Parent, before?: Before): Outcome<Pinned> {
  const { graph } = state;
  const node = graph.nodes[id];
  if (node === undefined) return { ok: true, value: state };
  const display = node.name ?? '#block';
  const effective = before ?? resolveOptions(graph);
  const old = flatten({
    driver: node.driver,
    ...(node.name === undefined ? {} : { 'node-name': node.name }),
    ...node.options,
  });
  // bs->options also holds the force-share an inline parent passed down (bdrv_inherited_options)
  const share = effective.get(id)?.[FORCE_SHARE];
  if (share !== undefined && holdsForceShare(share) && !old.has(FORCE_SHARE)) old.set(FORCE_SHARE, share.value);
  const given = flatten(entry);
  const keys = new Set(given.keys());
  const reset = (at: BlockGraph): Pinned =>
    keepDiscard(
      pinDefaults({ graph: withOptions(at, id, entry), pins: state.pins }, id, keys, parent),
      id,
      keys,
      parent,
      effective,
    );
  // bdrv_reopen_prepare parses detect-zeroes against the new flags first; only a driver that can
  // reopen then checks what was left out (bdrv_reset_options_allowed), then its own options
  const after = resolveOptions(reset(graph).graph).get(id);
  if (after?.['detect-zeroes'].value === 'unmap' && after.discard.value !== 'unmap')
    return genericError(OPEN_TEXT.detectZeroesUnmap());
  if (CANNOT_REOPEN.has(node.driver)) return genericError(QEMU_TEXT.cannotReopen(node.driver, display));
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
  let next = graph;
  for (const role of SWAPPABLE) {
    const swapped = swapChild(next, id, role, entry[role]);
    if (!swapped.ok) return swapped;
    next = swapped.value;
  }
  const left = new Map([...given].filter(([key]) => !inlineDictKey(graph, links, key)));
  for (const role of SWAPPABLE) left.delete(role);
  const changed = firstChanged(node.driver, old, left, current);
  if (changed !== undefined) return genericError(QEMU_TEXT.cannotChange(changed));
  const reopened = reset(next);
  const passed = dictHolds(graph, keys, parent);
  return reopenChildren(reopened, links, entry, passed, effective);
}

/** A `child.x` key of a child defined inline: its options go to the child's own reopen (bdrv_reopen_queue_child). */
function inlineDictKey(graph: BlockGraph, links: readonly ChildLink[], key: string): boolean {
  return links.some((l) => l.mode === 'inline' && key.startsWith(`${l.role}.`) && graph.nodes[l.child] !== undefined);
}

/** block.c: bdrv_reopen_parse_file_or_backing + bdrv_set_file_or_backing_noperm. */
function swapChild(graph: BlockGraph, id: string, role: string, value: JsonValue | undefined): Outcome<BlockGraph> {
  const link = graph.links.find((l) => l.parent === id && l.role === role);
  if (value === null && role === 'backing') {
    return { ok: true, value: { ...graph, links: graph.links.filter((l) => l !== link) } };
  }
  if (typeof value !== 'string') return { ok: true, value: graph };
  const target = Object.values(graph.nodes).find((n) => n.name === value);
  if (target === undefined) return genericError(QEMU_TEXT.reopenNotFound(value));
  if (link?.child === target.id) return { ok: true, value: graph };
  const driver = graph.nodes[id]?.driver ?? '';
  if (role === 'file' && link === undefined && driverSpec(driver)?.category !== 'filter') {
    return genericError(QEMU_TEXT.fileToFormat());
  }
  if (reaches(graph, target.id, id)) return genericError(QEMU_TEXT.cycle(value, role, graph.nodes[id]?.name ?? ''));
  const others = graph.links.filter((l) => l !== link);
  return {
    ok: true,
    value: { ...graph, links: [...others, { parent: id, role, child: target.id, mode: 'reference' }] },
  };
}

/** The node's new options: what was given, without driver, node-name and child members. */
function withOptions(graph: BlockGraph, id: string, entry: JsonObject): BlockGraph {
  const node = graph.nodes[id];
  if (node === undefined) return graph;
  const options: JsonObject = {};
  for (const [key, value] of Object.entries(entry)) {
    const child =
      graph.links.some((l) => l.parent === id && l.role === key) || (isJsonObject(value) && key !== 'cache');
    if (key !== 'driver' && key !== 'node-name' && !(child && value !== null)) options[key] = value;
  }
  return { ...graph, nodes: { ...graph.nodes, [id]: { ...node, options } } };
}

/**
 * block.c: bdrv_reopen_queue_child for the inline children: a dict reopens the child with it; its
 * own name keeps its options, and an inherited option the parent's dict lacks keeps its old value.
 */
function reopenChildren(
  state: Pinned,
  links: readonly ChildLink[],
  entry: JsonObject,
  passed: ReadonlySet<string>,
  before: Before,
): Outcome<Pinned> {
  let next = state;
  for (const link of links.filter((l) => l.mode === 'inline')) {
    const child = next.graph.nodes[link.child];
    const value = entry[link.role];
    if (child === undefined || !next.graph.links.includes(link)) continue;
    if (isJsonObject(value)) {
      const named = child.name === undefined ? {} : { 'node-name': child.name };
      const done = reopenNode(next, child.id, { ...named, ...value }, { link, passed }, before);
      if (!done.ok) return done;
      next = done.value;
    } else if (CANNOT_REOPEN.has(child.driver)) {
      return genericError(QEMU_TEXT.cannotReopen(child.driver, child.name ?? '#block'));
    } else if (keptForceShare(next.graph, child.id, before) !== undefined) {
      return genericError(QEMU_TEXT.cannotChange(FORCE_SHARE));
    } else {
      next = keepOld(next, link, passed, before);
    }
  }
  return { ok: true, value: next };
}
