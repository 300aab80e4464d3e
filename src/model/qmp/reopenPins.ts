import type { BlockGraph, ChildLink } from '../document.ts';
import type { EffectiveOptions } from '../inherit/resolveOptions.ts';
import { ALWAYS_IN_PARENT_DICT, INHERITED_OPTIONS, INHERIT_RULES, type InheritedOption } from '../inherit/rules.ts';
import { withValueAt, type JsonValue } from '../json.ts';
import { childRoleOf } from '../roles.ts';

/**
 * Per node id, the generic options its `options` hold only because a reopen kept or reset them
 * (block.c: bdrv_reopen_queue_child, "Retained from effective options of bs"): unlike the
 * options it was given (its explicit_options), a later reopen of its parent may override them.
 */
export type Pins = ReadonlyMap<string, ReadonlySet<InheritedOption>>;

/** The document and the pins, as a reopen changes them together. */
export interface Pinned {
  graph: BlockGraph;
  pins: Pins;
}

/** Effective options of every node before the reopen. */
export type Before = ReadonlyMap<string, EffectiveOptions>;

/** The pins of nodes still in the graph (a node id may come back after blockdev-del). */
export function livePins(pins: Pins, graph: BlockGraph): Pins {
  if (pins.size === 0) return pins;
  return new Map([...pins].filter(([id]) => Object.hasOwn(graph.nodes, id)));
}

/** The rule by which the child of `link` gets `option` from its parent (block.c: bdrv_inherited_options). */
function ruleOf(graph: BlockGraph, link: ChildLink, option: InheritedOption) {
  const cow = childRoleOf(graph.nodes[link.parent]?.driver ?? '', link.role)?.flags.includes('cow') ?? false;
  return INHERIT_RULES[cow ? 'cow' : 'other'][option];
}

/**
 * A node reopened with a new option set (a blockdev-reopen entry or a dict for an inline child,
 * keep_old_opts false): what it inherits and was not given starts from QEMU's default, not from
 * the parent's current value, so the options always in a dict (all false by default) are pinned.
 * `link` and `passed` are the parent's edge and the options its reopen dict holds, if any.
 */
export function pinDefaults(
  { graph, pins }: Pinned,
  id: string,
  given: ReadonlySet<string>,
  parent?: { link: ChildLink; passed: ReadonlySet<string> },
): Pinned {
  const inline = graph.links.some((l) => l.child === id && l.mode === 'inline');
  const pinned = new Set<InheritedOption>();
  let next = graph;
  for (const option of ALWAYS_IN_PARENT_DICT) {
    if (!inline || given.has(option)) continue;
    const rule = parent === undefined ? undefined : ruleOf(graph, parent.link, option);
    if (rule?.kind === 'set' || (rule?.kind === 'copy' && parent?.passed.has(option) === true)) continue;
    next = setOption(next, id, option, false);
    pinned.add(option);
  }
  return { graph: next, pins: withPins(pins, id, pinned) };
}

/**
 * The discard flag of a node reopened as an entry of its own (no parent dict): bdrv_reopen_queue_child
 * starts from the node's current flags (bdrv_get_flags) and bdrv_reopen_prepare changes BDRV_O_UNMAP
 * only when `discard` is given, so a node that had discard=unmap keeps it (pinned) when the reopen
 * leaves discard out, unlike the other generic options, which go back to their defaults.
 */
export function keepDiscard(
  state: Pinned,
  id: string,
  given: ReadonlySet<string>,
  parent: { link: ChildLink } | undefined,
  before: Before,
): Pinned {
  if (parent !== undefined || given.has('discard') || before.get(id)?.discard.value !== 'unmap') return state;
  const had = state.pins.get(id) ?? new Set<InheritedOption>();
  return {
    graph: setOption(state.graph, id, 'discard', 'unmap'),
    pins: withPins(state.pins, id, new Set([...had, 'discard'])),
  };
}

/**
 * block.c: bdrv_reopen_queue_child with keep_old_opts (an inline child named by its own node-name,
 * and everything below it): its given options stay, an option the parent's dict holds is
 * inherited anew, any other keeps its old effective value (pinned). `passed`: the parent's keys.
 */
export function keepOld({ graph, pins }: Pinned, link: ChildLink, passed: ReadonlySet<string>, before: Before): Pinned {
  const id = link.child;
  const old = before.get(id);
  const node = graph.nodes[id];
  if (old === undefined || node === undefined) return { graph, pins };
  const had = pins.get(id) ?? new Set<InheritedOption>();
  const pinned = new Set<InheritedOption>();
  let next = graph;
  for (const option of INHERITED_OPTIONS) {
    const rule = ruleOf(graph, link, option);
    const isPinned = had.has(option);
    if (old[option].origin.kind === 'explicit' && !isPinned) continue;
    if (rule.kind === 'set' || (rule.kind === 'copy' && passed.has(option))) {
      if (isPinned) next = setOption(next, id, option, undefined);
    } else if (isPinned || old[option].origin.kind === 'inherited') {
      next = setOption(next, id, option, old[option].value);
      pinned.add(option);
    }
  }
  let done: Pinned = { graph: next, pins: withPins(pins, id, pinned) };
  // bdrv_reopen_queue_child recurses with the child's own dict: its old options plus what it inherited
  const holds = new Set<string>([...ALWAYS_IN_PARENT_DICT, ...passed]);
  for (const option of INHERITED_OPTIONS) if (old[option].origin.kind !== 'default') holds.add(option);
  for (const below of graph.links.filter((l) => l.parent === id && l.mode === 'inline')) {
    done = keepOld(done, below, holds, before);
  }
  return done;
}

function withPins(pins: Pins, id: string, pinned: ReadonlySet<InheritedOption>): Pins {
  if (pinned.size === 0 && !pins.has(id)) return pins;
  const next = new Map(pins);
  if (pinned.size === 0) next.delete(id);
  else next.set(id, pinned);
  return next;
}

/** Sets (or, with undefined, removes) a dotted option in a node's nested options. */
function setOption(graph: BlockGraph, id: string, option: string, value: JsonValue | undefined): BlockGraph {
  const node = graph.nodes[id];
  if (node === undefined) return graph;
  const options = withValueAt(node.options, option.split('.'), value);
  return { ...graph, nodes: { ...graph.nodes, [id]: { ...node, options } } };
}

/**
 * The generic options a node's reopen dict holds when its children are queued: what it was given
 * and, for a dict child, what bdrv_inherited_options added from its parent's dict.
 */
export function dictHolds(
  graph: BlockGraph,
  given: ReadonlySet<string>,
  parent?: { link: ChildLink; passed: ReadonlySet<string> },
): ReadonlySet<string> {
  if (parent === undefined) return given;
  const holds = new Set(given);
  for (const option of INHERITED_OPTIONS) {
    const rule = ruleOf(graph, parent.link, option);
    if (rule.kind === 'set' || (rule.kind === 'copy' && parent.passed.has(option))) holds.add(option);
  }
  return holds;
}
