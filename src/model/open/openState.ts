import type { ChildLink } from '../document.ts';
import type { Effective, EffectiveOptions } from '../inherit/resolveOptions.ts';
import type { InheritedOption } from '../inherit/rules.ts';
import type { ImageSource } from './imageSource.ts';
import type { QDict } from './qdict.ts';

/** A node the simulated block layer opened. */
export interface OpenedNode {
  /** Its name in the result: the node-name, or `#PARENT/ROLE` as resolveDocument names unnamed nodes. */
  id: string;
  /** The driver; empty until probing has chosen one. */
  driver: string;
  /** The node-name it was opened with; QEMU assigns it (`names`) only once the `file` child is open. */
  nodeName: string | undefined;
  /** Its option dict as opened (explicit, json:, -drive and default entries; no inherited ones). */
  own: QDict;
  /** Values set by something other than its options (snapshot=on, -drive's detect-zeroes). */
  forced: Partial<Record<InheritedOption, Effective>>;
  /** BDRV_O_NATIVE_AIO in its open flags (`-drive aio=native`, inherited by children). */
  nativeAio: boolean;
  /** The image bytes this node presents (a file node's first bytes; empty when unknown). */
  bytes: Uint8Array;
  /** BlockDriverState.filename: the file name for a protocol node, the file child's for a format. */
  filename: string | undefined;
  /** The driver was chosen by probing the image (BlockDriverState.probed). */
  probed: boolean;
}

/** A check on effective option values, run after inheritance is known; returns QEMU's text or undefined. */
export type Check = (effective: ReadonlyMap<string, EffectiveOptions>) => string | undefined;

/** Something QEMU prints while it opens: an error (it stops) or a warning (it goes on). */
export interface OpenEvent {
  kind: 'error' | 'warning';
  run: Check;
}

const NO_LINKS: readonly ChildLink[] = [];

/**
 * Nodes and links that exist before the simulation opens anything (the document a blockdev-add
 * opens header chains into): looked up, never listed, never changed. They come before every
 * opened node and link in the simulation's order.
 */
export interface OpenBase {
  /** The node with this id, as the open simulation sees it. */
  node(id: string): OpenedNode | undefined;
  /** The id of the node whose node-name QEMU has assigned is `name` (at most one). */
  named(name: string): string | undefined;
  /** The first link below `parent` in a role its driver marks primary (what bdrv_dirname follows). */
  primaryLink(parent: string): ChildLink | undefined;
}

/** No nodes before the simulation (a command line). */
export const NO_BASE: OpenBase = {
  node: () => undefined,
  named: () => undefined,
  primaryLink: () => undefined,
};

/** Links by parent, caught up on each lookup with a list that only grows at its end. */
export class LinksByParent {
  private readonly byParent = new Map<string, ChildLink[]>();
  private seen = 0;

  constructor(private readonly links: readonly ChildLink[]) {}

  /** The links below `parent`, in the list's order. */
  below(parent: string): readonly ChildLink[] {
    for (; this.seen < this.links.length; this.seen++) {
      const link = this.links[this.seen] as ChildLink;
      const list = this.byParent.get(link.parent);
      if (list === undefined) this.byParent.set(link.parent, [link]);
      else list.push(link);
    }
    return this.byParent.get(parent) ?? NO_LINKS;
  }
}

/** Everything the simulation has built so far, in the order QEMU built it, over what was there before (`base`). */
export interface OpenState {
  readonly images: ImageSource;
  /** What existed before: the simulation reads it but lists only its own nodes and links. */
  readonly base: OpenBase;
  readonly nodes: Map<string, OpenedNode>;
  /**
   * The node-names assigned so far, to node ids (block.c: bdrv_assign_node_name puts a node in
   * graph_bdrv_states once its checks pass, after the node's `file` child is open): what
   * bdrv_find_node and bdrv_lookup_bs find, besides the base's.
   */
  readonly names: Map<string, string>;
  /** Only ever appended to (`linksBelow` indexes them as they come). */
  readonly links: ChildLink[];
  readonly linksBelow: LinksByParent;
  /** BlockBackend names, each with its root node id (undefined for an empty drive). */
  readonly backends: Map<string, string | undefined>;
  /** QOM object ids with their types. */
  readonly objects: Map<string, string>;
  /** Value-dependent errors and warnings, in QEMU's order; the first error stops it. */
  readonly events: OpenEvent[];
  /** What blockgraph met but cannot predict exactly (network protocols, unmodelled drivers). */
  readonly notes: string[];
  /** The "Could not open backing file: " prefixes of the backing files being opened. */
  prefix: string;
  /** The image files whose header-named backing chains are being opened, outermost first (normalised paths). */
  readonly chain: string[];
}

/** The parent a child is opened for, and the edge name. */
export interface ParentLink {
  id: string;
  role: string;
}

/** What bdrv_open_inherit is called with. */
export interface OpenRequest {
  /** A legacy filename (`-drive file=`, a backing file name from an image header). */
  filename: string | undefined;
  /** A node reference (`backing=node0`) instead of a definition. */
  reference: string | undefined;
  options: QDict;
  /** The name the node gets in the result when it has no node-name. */
  autoName: string;
  parent: ParentLink | undefined;
  /** BDRV_O_PROTOCOL as inherited: open as a protocol node unless `driver` says otherwise. */
  protocol: boolean;
  nativeAio: boolean;
  /** Values set on the node before it is opened, beating its options (snapshot=on's read-only original). */
  forced?: OpenedNode['forced'];
}

/** block.c: bdrv_open_inherit, passed to the child openers (which it calls) to keep the modules acyclic. */
export type OpenFn = (st: OpenState, req: OpenRequest) => string;

/** A structural failure: QEMU stops at the first one. */
export class OpenError extends Error {}

/** Throws QEMU's error text. */
export function fail(message: string): never {
  throw new OpenError(message);
}

/** Records a value-dependent check, under the current error prefix. */
export function addCheck(st: OpenState, check: Check): void {
  const prefix = st.prefix;
  st.events.push({
    kind: 'error',
    run: (effective) => {
      const message = check(effective);
      return message === undefined ? undefined : prefix + message;
    },
  });
}

/** Records a warning QEMU prints (when `warning` returns one) and goes on. */
export function addWarning(st: OpenState, warning: Check | string): void {
  st.events.push({ kind: 'warning', run: typeof warning === 'string' ? () => warning : warning });
}

/** Runs `open` with an error prefix (block.c: bdrv_open_backing_file's error_prepend). */
export function withPrefix<T>(st: OpenState, prefix: string, open: () => T): T {
  const saved = st.prefix;
  st.prefix = saved + prefix;
  try {
    return open();
  } catch (err) {
    if (err instanceof OpenError) throw new OpenError(prefix + err.message);
    throw err;
  } finally {
    st.prefix = saved;
  }
}

/**
 * A node the simulation was about to add under an id `base` already has: reading the base would
 * no longer answer what a copy of it in the state would (the caller opens over a copy instead).
 */
export class BaseIdClash extends Error {}

/** A fresh state, over `base` (by default nothing). */
export function newOpenState(images: ImageSource, base: OpenBase = NO_BASE): OpenState {
  const links: ChildLink[] = [];
  return {
    images,
    base,
    nodes: new Map(),
    names: new Map(),
    links,
    linksBelow: new LinksByParent(links),
    backends: new Map(),
    objects: new Map(),
    events: [],
    notes: [],
    prefix: '',
    chain: [],
  };
}

/** The node with this id: an opened one, else one of the base. */
export function nodeOf(st: OpenState, id: string): OpenedNode | undefined {
  return st.nodes.get(id) ?? st.base.node(id);
}

/** Whether a node (opened or of the base) has this id. */
export function hasNodeId(st: OpenState, id: string): boolean {
  return st.nodes.has(id) || st.base.node(id) !== undefined;
}

/** Adds an opened node; throws BaseIdClash if the base has a node with its id. */
export function putNode(st: OpenState, node: OpenedNode): void {
  if (st.base.node(node.id) !== undefined) throw new BaseIdClash(node.id);
  st.nodes.set(node.id, node);
}

/** The id of the node whose assigned node-name is `name` (block.c: bdrv_find_node), the base's or an opened one. */
export function nodeNamed(st: OpenState, name: string): string | undefined {
  return st.base.named(name) ?? st.names.get(name);
}

/** Whether a node (of the base, or opened and named by QEMU already) has node-name `name`. */
export function isNodeName(st: OpenState, name: string): boolean {
  return nodeNamed(st, name) !== undefined;
}
