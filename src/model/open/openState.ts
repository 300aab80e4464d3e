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

/** Everything the simulation has built so far, in the order QEMU built it. */
export interface OpenState {
  readonly images: ImageSource;
  readonly nodes: Map<string, OpenedNode>;
  readonly links: ChildLink[];
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

/** A fresh state. */
export function newOpenState(images: ImageSource): OpenState {
  return {
    images,
    nodes: new Map(),
    links: [],
    backends: new Map(),
    objects: new Map(),
    events: [],
    notes: [],
    prefix: '',
  };
}

/** The node-names and BlockBackend names taken so far. */
export function isNodeName(st: OpenState, name: string): boolean {
  return [...st.nodes.values()].some((node) => node.nodeName === name);
}
