import type { JsonObject } from './json.ts';

/** The document format version this build writes and reads. */
export const DOCUMENT_VERSION = 1;

/** How a child is given to its parent (design.md, "The document"). */
export type LinkMode = 'inline' | 'reference';

/** A BlockDriverState to be created with `blockdev-add`. */
export interface BlockNode {
  /** Document-internal key, stable across renames. */
  id: string;
  /** QEMU driver (`BlockdevDriver`), e.g. `qcow2`. */
  driver: string;
  /** QEMU `node-name`; optional for inline children (QEMU then names them `#block…`). */
  name?: string;
  /** Options as blockdev-add names them, nested (`{"cache": {"direct": true}}`), without child links. */
  options: JsonObject;
}

/** An edge: `parent`'s child member `role` (QEMU's edge name: `file`, `backing`, `children.0`…) is `child`. */
export interface ChildLink {
  parent: string;
  role: string;
  child: string;
  mode: LinkMode;
}

/** A QOM object created with `object-add` (throttle-group, secret…). */
export interface QomObject {
  id: string;
  qomType: string;
  props: JsonObject;
}

/** A user of a node's data that is not a node: a guest device or an export (a BlockBackend in QEMU). */
export interface Frontend {
  id: string;
  /** A key of FRONTENDS (`virtio-blk-pci`, `nbd-export`…). */
  kind: string;
  /** Document id of the root node, or null while unconnected. */
  root: string | null;
  props: JsonObject;
}

export interface Position {
  x: number;
  y: number;
}

/** Where things are drawn; kept apart from the graph so that layout never changes what QEMU builds. */
export interface Layout {
  positions: Readonly<Record<string, Position>>;
  /**
   * Block nodes whose backing chain (their `backing` child, its backing, …) the canvas draws as one
   * "N more layers" node, in the order they were collapsed. View state only: no export reads it.
   * Optional (absent means none); ids that name no block node are ignored, as positions of unknown ids are.
   */
  collapsed?: readonly string[];
}

/** A blockgraph document: the graph, its objects and frontends, and its layout. */
export interface BlockGraph {
  blockgraph: typeof DOCUMENT_VERSION;
  nodes: Readonly<Record<string, BlockNode>>;
  links: readonly ChildLink[];
  objects: Readonly<Record<string, QomObject>>;
  frontends: Readonly<Record<string, Frontend>>;
  layout: Layout;
}

/** A document with nothing in it. */
export function emptyGraph(): BlockGraph {
  return { blockgraph: DOCUMENT_VERSION, nodes: {}, links: [], objects: {}, frontends: {}, layout: { positions: {} } };
}

/** The links below `parent`, in document order. */
export function childLinks(graph: BlockGraph, parent: string): ChildLink[] {
  return graph.links.filter((link) => link.parent === parent);
}

/** The links that point at `child`. */
export function parentLinks(graph: BlockGraph, child: string): ChildLink[] {
  return graph.links.filter((link) => link.child === child);
}

/** The parent that defines `child` inline, if any (at most one: validated on load and on edit). */
export function inlineParent(graph: BlockGraph, child: string): ChildLink | undefined {
  return graph.links.find((link) => link.child === child && link.mode === 'inline');
}

/** True when some id (node, object or frontend) is already taken. */
export function isIdTaken(graph: BlockGraph, id: string): boolean {
  return Object.hasOwn(graph.nodes, id) || Object.hasOwn(graph.objects, id) || Object.hasOwn(graph.frontends, id);
}

/** A fresh id made of `base` and the smallest free number (`qcow2-1`, `qcow2-2`…). */
export function uniqueId(graph: BlockGraph, base: string): string {
  const stem = /^[A-Za-z]/.test(base) ? base : `n-${base}`;
  for (let n = 1; ; n++) {
    const id = `${stem}-${String(n)}`;
    if (!isIdTaken(graph, id) && !isNodeNameTaken(graph, id)) return id;
  }
}

/** True when a node already carries `name` as its node-name. */
export function isNodeNameTaken(graph: BlockGraph, name: string): boolean {
  return Object.values(graph.nodes).some((node) => node.name === name);
}
