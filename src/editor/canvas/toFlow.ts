import { MarkerType, type EdgeMarker } from '@xyflow/react';
import {
  catalogue,
  driverSpec,
  type BlockGraph,
  type BlockNode,
  type ChildLink,
  type Frontend,
  type QomObject,
} from '../../model/index.ts';
import { HANDLE, type FlowNode, type RoleFlowEdge } from './flowTypes.ts';

/** A reference's arrowhead takes the colour of its dashed line (base.css `--reference`), so the kinds differ end to end. */
const REFERENCE_MARKER: EdgeMarker = { type: MarkerType.ArrowClosed, width: 18, height: 18, color: '#7b45c4' };

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
  const nodes: FlowNode[] = [
    ...Object.values(graph.frontends).map((f) => frontendNode(f, at(f.id))),
    ...Object.values(graph.nodes).map((n) => blockNode(n, at(n.id))),
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

function blockNode(node: BlockNode, position: { x: number; y: number }): FlowNode {
  return {
    id: node.id,
    type: 'block',
    position,
    ariaLabel: canvasLabel(node.name ?? node.id, node.driver),
    data: {
      title: node.name ?? '(unnamed)',
      id: node.id,
      unnamed: node.name === undefined,
      driver: node.driver,
      category: driverSpec(node.driver)?.category ?? 'other',
      hasChildren: (catalogue.drivers[node.driver]?.children.length ?? 0) > 0,
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
    sourceHandle: HANDLE.children,
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
      ariaLabel: edgeLabel(node.id, value, option),
      data: { role: option, kind: 'association' },
    };
    return [edge];
  });
}
