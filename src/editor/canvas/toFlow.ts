import { MarkerType, type EdgeMarker } from '@xyflow/react';
import {
  driverSpec,
  type BlockGraph,
  type BlockNode,
  type ChildLink,
  type Frontend,
  type QomObject,
} from '../../model/index.ts';
import { HANDLE, type FlowNode, type RoleFlowEdge } from './flowTypes.ts';
import { missingRoles, roleHandleId, rolePorts, rolesByParent } from './roleHandles.ts';

/** A reference's arrowhead takes the colour of its dashed line (the theme's `--reference`), so the kinds differ end to end. */
const REFERENCE_MARKER: EdgeMarker = { type: MarkerType.ArrowClosed, width: 18, height: 18, color: 'var(--reference)' };

/**
 * React Flow's own description of keyboard use for nodes (`react-flow__node-desc-` + the flow's id,
 * `1` unless the `id` prop says otherwise); a block node's description keeps it after its own.
 */
const FLOW_NODE_DESCRIPTION = 'react-flow__node-desc-1';

/** The canvas view of a document: React Flow nodes and edges, derived and never stored. */
export interface FlowView {
  nodes: FlowNode[];
  edges: RoleFlowEdge[];
}

/**
 * Derives the canvas from a document: frontends, block nodes and objects as nodes; child links,
 * frontend roots and object associations as role-labelled edges.
 *
 * @example toFlow(seedSimpleTree()).edges.map((e) => e.data?.role) // ['file', 'backing', 'file', 'root']
 */
export function toFlow(graph: BlockGraph): FlowView {
  const at = (id: string) => graph.layout.positions[id] ?? { x: 0, y: 0 };
  const roles = rolesByParent(graph.links);
  const nodes: FlowNode[] = [
    ...Object.values(graph.frontends).map((f) => frontendNode(f, at(f.id))),
    ...Object.values(graph.nodes).map((n) => blockNode(n, at(n.id), roles.get(n.id) ?? NO_ROLES)),
    ...Object.values(graph.objects).map((o) => objectNode(o, at(o.id))),
  ];
  const edges: RoleFlowEdge[] = [
    ...graph.links.map(linkEdge),
    ...Object.values(graph.frontends).flatMap((f) => (f.root === null ? [] : [rootEdge(f, f.root)])),
    ...Object.values(graph.nodes).flatMap((n) => associationEdges(graph, n)),
  ];
  return { nodes, edges };
}

/** The accessible name of a canvas node: `NAME (DRIVER)`, `ID (KIND)` or `ID (QOM-TYPE)`. */
export function canvasLabel(name: string, type: string): string {
  return `${name} (${type})`;
}

/** The id of a child link's edge, which the store keeps as the selected edge. */
export function linkEdgeId(link: Pick<ChildLink, 'parent' | 'role'>): string {
  return `link:${link.parent}:${link.role}`;
}

/** The accessible name of a canvas edge: `PARENT → CHILD (ROLE)`. */
export function edgeLabel(parent: string, child: string, role: string): string {
  return `${parent} → ${child} (${role})`;
}

/**
 * The id of the element holding a block node's own accessible description (the required roles it
 * lacks); `BlockNodeView` renders it.
 */
export function nodeDescriptionId(id: string): string {
  return `node-desc-${id}`;
}

const NO_ROLES: readonly string[] = [];

function blockNode(node: BlockNode, position: { x: number; y: number }, roles: readonly string[]): FlowNode {
  const ports = rolePorts(node.driver, roles);
  return {
    id: node.id,
    type: 'block',
    position,
    ariaLabel: canvasLabel(node.name ?? node.id, node.driver),
    // Only nodes that lack a required child get a description of their own (the others keep React Flow's).
    ...(missingRoles(ports).length === 0
      ? {}
      : { domAttributes: { 'aria-describedby': `${nodeDescriptionId(node.id)} ${FLOW_NODE_DESCRIPTION}` } }),
    data: {
      title: node.name ?? '(unnamed)',
      id: node.id,
      unnamed: node.name === undefined,
      driver: node.driver,
      category: driverSpec(node.driver)?.category ?? 'other',
      ports,
    },
  };
}

function frontendNode(frontend: Frontend, position: { x: number; y: number }): FlowNode {
  return {
    id: frontend.id,
    type: 'frontend',
    position,
    ariaLabel: canvasLabel(frontend.id, frontend.kind),
    data: { title: frontend.id, kind: frontend.kind },
  };
}

function objectNode(object: QomObject, position: { x: number; y: number }): FlowNode {
  return {
    id: object.id,
    type: 'object',
    position,
    ariaLabel: canvasLabel(object.id, object.qomType),
    data: { title: object.id, qomType: object.qomType },
  };
}

function linkEdge(link: ChildLink): RoleFlowEdge {
  return {
    id: linkEdgeId(link),
    type: 'role',
    source: link.parent,
    sourceHandle: roleHandleId(link.role),
    target: link.child,
    targetHandle: HANDLE.parent,
    ariaLabel: edgeLabel(link.parent, link.child, link.role),
    ...(link.mode === 'reference' ? { markerEnd: REFERENCE_MARKER } : {}),
    data: { role: link.role, kind: link.mode },
  };
}

function rootEdge(frontend: Frontend, root: string): RoleFlowEdge {
  return {
    id: `root:${frontend.id}`,
    type: 'role',
    source: frontend.id,
    sourceHandle: HANDLE.children,
    target: root,
    targetHandle: HANDLE.parent,
    // Its device end stays; its node end may be dragged to another node.
    reconnectable: 'target',
    ariaLabel: edgeLabel(frontend.id, root, 'root'),
    data: { role: 'root', kind: 'root' },
  };
}

/** A top-level string option naming an object (a throttle node's `throttle-group`) becomes a dashed association. */
function associationEdges(graph: BlockGraph, node: BlockNode): RoleFlowEdge[] {
  return Object.entries(node.options).flatMap(([option, value]) => {
    if (typeof value !== 'string' || !Object.hasOwn(graph.objects, value)) return [];
    const edge: RoleFlowEdge = {
      id: `association:${node.id}:${option}`,
      type: 'role',
      source: node.id,
      sourceHandle: HANDLE.associationOut,
      target: value,
      targetHandle: HANDLE.associationIn,
      deletable: false,
      reconnectable: false,
      ariaLabel: edgeLabel(node.id, value, option),
      data: { role: option, kind: 'association' },
    };
    return [edge];
  });
}
