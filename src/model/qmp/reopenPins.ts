import { inlineParent, type BlockGraph, type BlockNode, type ChildLink } from '../document.ts';
import { explicitOptions, type Effective, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import { ALWAYS_IN_PARENT_DICT, INHERITED_OPTIONS, INHERIT_RULES, type InheritedOption } from '../inherit/rules.ts';
import { withValueAt, type JsonObject } from '../json.ts';
import { childRoleOf } from '../roles.ts';
import type { Ownership } from './blockdevDel.ts';
import {
  GENERIC_DEFAULTS,
  type GenericDict,
  type GenericValue,
  type OldOptions,
  type QueuedOptions,
} from './reopenQueue.ts';

/**
 * What the simulation keeps of a node beyond the document: what a reopen left in its
 * bs->explicit_options and bs->options (block.c: bdrv_reopen_commit replaces both), and a former
 * inline parent its inherits_from still names.
 */
export interface Kept {
  /**
   * Generic options written into the node's options only so that the document shows their
   * value (resolveOptions would derive another): the node holds them, but was not given them.
   */
  pinned: ReadonlySet<InheritedOption>;
  /** The generic options its bs->options holds since its last reopen; undefined: as opened. */
  holds?: ReadonlySet<InheritedOption>;
  /**
   * Document id of the node that defined it inline and no longer has it as a child: bdrv_append
   * (blockdev-snapshot) moves the parent's edge to the overlay but leaves inherits_from alone.
   */
  inheritsFrom?: string;
}

/** Per node id, what the simulation keeps of it (Kept); most nodes have no entry. */
export type Pins = ReadonlyMap<string, Kept>;

/** The document, the pins and the nodes the monitor does not own, as a reopen changes them together. */
export interface Pinned {
  graph: BlockGraph;
  pins: Pins;
  own: Ownership;
}

/** Effective options of every node before the reopen. */
export type Before = ReadonlyMap<string, EffectiveOptions>;

/**
 * The pins of nodes still in the graph (a node id may come back after blockdev-del); an
 * inherits_from naming a node gone is dropped (QEMU would keep a dangling pointer).
 */
export function livePins(pins: Pins, graph: BlockGraph): Pins {
  if (pins.size === 0) return pins;
  let live: Pins = new Map([...pins].filter(([id]) => Object.hasOwn(graph.nodes, id)));
  for (const [id, { inheritsFrom }] of live) {
    if (inheritsFrom !== undefined && !Object.hasOwn(graph.nodes, inheritsFrom))
      live = withKept(live, id, forgetParent);
  }
  return live;
}

/** The node whose options a node inherits (block.c: bs->inherits_from): its inline parent, or a former one. */
export function inheritsFrom(graph: BlockGraph, pins: Pins, id: string): string | undefined {
  return inlineParent(graph, id)?.parent ?? pins.get(id)?.inheritsFrom;
}

/**
 * block.c: bdrv_inherits_from_recursive: whether `child`'s inherits_from chain reaches `parent`.
 * @example inheritsFromRecursive(graph, pins, 'l2', 'l0') // true for l0 → l1 → l2, all inline
 */
export function inheritsFromRecursive(graph: BlockGraph, pins: Pins, child: string, parent: string): boolean {
  const seen = new Set<string>();
  for (let at: string | undefined = child; at !== undefined && !seen.has(at); at = inheritsFrom(graph, pins, at)) {
    if (at === parent) return true;
    seen.add(at);
  }
  return false;
}

/** A Kept without its former parent. */
export function forgetParent({ inheritsFrom: _former, ...kept }: Kept): Kept {
  return kept;
}

/** `pins` with node `id`'s entry changed by `change` (an entry with nothing left is dropped). */
export function withKept(pins: Pins, id: string, change: (kept: Kept) => Kept): Pins {
  const kept = change(pins.get(id) ?? { pinned: new Set() });
  const next = new Map(pins);
  if (kept.pinned.size === 0 && kept.holds === undefined && kept.inheritsFrom === undefined) next.delete(id);
  else next.set(id, kept);
  return next;
}

/**
 * The generic options a node's bs->options holds. Never reopened: what blockdev-add opened it
 * with (block.c: bdrv_open_inherit), i.e. the four flags update_options_from_flags always writes
 * (ALWAYS_IN_PARENT_DICT) and any other it was given or inherited; reopened: what the last reopen
 * gave it (Kept.holds).
 */
export function heldOptions(pins: Pins, id: string, effective: EffectiveOptions): ReadonlySet<InheritedOption> {
  const recorded = pins.get(id)?.holds;
  if (recorded !== undefined) return recorded;
  return new Set(
    INHERITED_OPTIONS.filter((o) => ALWAYS_IN_PARENT_DICT.has(o) || effective[o].origin.kind !== 'default'),
  );
}

/**
 * A node's bs->explicit_options and bs->options (generic part) as a reopen with keep_old_opts
 * retains them: its own options but the pinned ones, and the values of what it holds.
 */
export function oldOptions(node: BlockNode, pins: Pins, effective: EffectiveOptions): OldOptions {
  const pinned = pins.get(node.id)?.pinned;
  const explicit = new Map<InheritedOption, GenericValue>();
  for (const [option, given] of Object.entries(explicitOptions(node)) as [InheritedOption, Effective][]) {
    if (pinned?.has(option) !== true) explicit.set(option, given.value);
  }
  const options = new Map<InheritedOption, GenericValue>();
  for (const option of heldOptions(pins, node.id, effective)) options.set(option, effective[option].value);
  return { explicit, options };
}

/** A node's options without its pinned generic options, plus `passed`: its explicit options in a keep_old_opts reopen. */
export function unpinnedOptions(node: BlockNode, pins: Pins, passed: GenericDict): JsonObject {
  let options = node.options;
  for (const option of pins.get(node.id)?.pinned ?? []) options = withValueAt(options, option.split('.'), undefined);
  for (const [option, value] of passed) options = withValueAt(options, option.split('.'), value);
  return options;
}

/** The parent that defines a node inline, with its effective options as the document derives them. */
export interface DocumentParent {
  link: ChildLink;
  effective: EffectiveOptions;
}

/** A reopened node as the document shows it. */
export interface Written {
  options: JsonObject;
  /** The generic options pinned and what bs->options holds now. */
  record: Required<Omit<Kept, 'inheritsFrom'>>;
  /** Its effective options as resolveOptions derives them from the new document (= QEMU's values). */
  effective: EffectiveOptions;
}

/**
 * Writes a reopened node into the document: `options` already hold what it was given (its new
 * explicit options); every other generic option whose QEMU value (`values`) differs from what
 * resolveOptions would derive (from `parent`, the inline parent, else the default) is written
 * too and pinned. The record keeps the pins and what bs->options now holds (`queued.options`).
 */
export function writeReopened(
  options: JsonObject,
  queued: QueuedOptions,
  values: Readonly<Record<InheritedOption, GenericValue>>,
  parent: DocumentParent | undefined,
  graph: BlockGraph,
): Written {
  const pinned = new Set<InheritedOption>();
  const effective = {} as Record<InheritedOption, Effective>;
  let written = options;
  for (const option of INHERITED_OPTIONS) {
    const value = values[option];
    const derived = queued.explicit.has(option) ? undefined : derive(option, parent, graph);
    if (derived?.value === value) {
      effective[option] = derived;
      continue;
    }
    if (derived !== undefined) {
      written = withValueAt(written, option.split('.'), value);
      pinned.add(option);
    }
    effective[option] = { value, origin: { kind: 'explicit' } };
  }
  return { options: written, record: { pinned, holds: new Set(queued.options.keys()) }, effective };
}

/**
 * What resolveOptions derives for an option a node does not set (resolveOptions.ts: effective):
 * the parent's `set` value, its value for a `copy` option it always holds at open or has not by
 * default, else QEMU's default.
 */
function derive(option: InheritedOption, parent: DocumentParent | undefined, graph: BlockGraph): Effective {
  if (parent !== undefined) {
    const { link } = parent;
    const rule = INHERIT_RULES[isCowLink(graph, link) ? 'cow' : 'other'][option];
    if (rule.kind === 'set')
      return { value: rule.value, origin: { kind: 'forced', role: link.role, reason: rule.reason } };
    const from = parent.effective[option];
    if (rule.kind === 'copy' && (ALWAYS_IN_PARENT_DICT.has(option) || from.origin.kind !== 'default')) {
      return { value: from.value, origin: { kind: 'inherited', from: link.parent, role: link.role } };
    }
  }
  return { value: GENERIC_DEFAULTS[option], origin: { kind: 'default' } };
}

/** Whether `link` is its parent's COW (backing) child, for bdrv_inherited_options. */
export function isCowLink(graph: BlockGraph, link: ChildLink): boolean {
  return childRoleOf(graph.nodes[link.parent]?.driver ?? '', link.role)?.flags.includes('cow') ?? false;
}

/**
 * A node a reopen attached inline (reopen.ts: swapChild) without reopening it: QEMU queued the
 * parent's children before the swap (bdrv_reopen_queue_child), so the node keeps its values; the
 * document pins those it would now derive otherwise from `parent`, the parent's new effective options.
 */
export function keepValues(state: Pinned, link: ChildLink, parent: EffectiveOptions, before: Before): Pinned {
  const node = state.graph.nodes[link.child];
  const was = before.get(link.child);
  if (node === undefined || was === undefined) return state;
  const old = oldOptions(node, state.pins, was);
  const options = unpinnedOptions(node, state.pins, new Map());
  const values = Object.fromEntries(INHERITED_OPTIONS.map((o) => [o, was[o].value])) as Record<
    InheritedOption,
    GenericValue
  >;
  const written = writeReopened(options, old, values, { link, effective: parent }, state.graph);
  return {
    ...state,
    graph: { ...state.graph, nodes: { ...state.graph.nodes, [node.id]: { ...node, options: written.options } } },
    // what it holds stays as it was, now recorded: its origins in the document have changed
    pins: withKept(state.pins, node.id, (kept) => ({ ...kept, ...written.record })),
  };
}
