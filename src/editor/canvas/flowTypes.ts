import type { Edge, Node } from '@xyflow/react';
import type { DriverCategory } from '../../model/index.ts';
import type { RolePort } from './roleHandles.ts';

// React Flow wants node and edge data assignable to Record<string, unknown>, which type aliases are and interfaces are not.

/** A block node (BlockDriverState) on the canvas. */
export type BlockFlowNode = Node<
  {
    /** node-name, or "(unnamed)" when QEMU would name it itself. */
    title: string;
    /** Document id, shown for unnamed nodes. */
    id: string;
    unnamed: boolean;
    driver: string;
    category: DriverCategory;
    /** One output handle per child role of the driver (see `rolePorts`); empty for a driver without children. */
    ports: readonly RolePort[];
  },
  'block'
>;

/** A guest device or export on the canvas. */
export type FrontendFlowNode = Node<{ title: string; kind: string }, 'frontend'>;

/** A QOM object (throttle-group, secret) on the canvas. */
export type ObjectFlowNode = Node<{ title: string; qomType: string }, 'object'>;

/** A node QEMU opens from an image header: drawn as a ghost, never in the document. */
export type GhostFlowNode = Node<{ name: string; driver: string }, 'ghost'>;

/** A collapsed backing chain: one node standing for its hidden layers (src/editor/collapse/chains.ts). */
export type CollapsedFlowNode = Node<
  {
    /** The node whose backing chain this is (drawn above it). */
    top: string;
    /** "N more layers". */
    title: string;
    /** How many image layers it hides. */
    layers: number;
    /** The base image's filename (or node-name). */
    base: string;
    /** Every document node it hides (layers, then their files…): their diagnostics show on it. */
    hidden: readonly string[];
  },
  'collapsed'
>;

/** Anything drawn on the canvas. */
export type FlowNode = BlockFlowNode | FrontendFlowNode | ObjectFlowNode | GhostFlowNode | CollapsedFlowNode;

/**
 * What an edge stands for: a child link (`inline` or `reference`), a frontend's `root`, or an
 * `association` (a node option naming an object, e.g. a throttle node's group), or `implicit` (a
 * backing file QEMU opens from an image header).
 */
export type EdgeKind = 'inline' | 'reference' | 'root' | 'association' | 'implicit';

/** An edge labelled with its role (`file`, `backing`, `children.0`, `root`…). */
export type RoleFlowEdge = Edge<{ role: string; kind: EdgeKind }, 'role'>;

/** Handle ids, shared by the node components and `toFlow`. */
export const HANDLE = {
  /** Bottom of a frontend (its root) or a ghost: where its children hang. Block nodes have one handle per role (`roleHandleId`). */
  children: 'children',
  /** Top of a block node: where it meets its parents. */
  parent: 'parent',
  /** Side handles of associations (not connectable by hand). */
  associationOut: 'association-out',
  associationIn: 'association-in',
} as const;
