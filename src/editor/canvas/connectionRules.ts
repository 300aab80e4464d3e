import {
  connectChild,
  moveChild,
  setFrontendRoot,
  type BlockGraph,
  type ChildLink,
  type ConnectChildArgs,
  type MoveChildArgs,
  type Result,
} from '../../model/index.ts';
import { HANDLE } from './flowTypes.ts';
import { roleOfHandle } from './roleHandles.ts';

/** The ends of a connection as React Flow reports them (a `Connection` or an edge). */
export interface ConnectionEnds {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

/** A child link being moved by dragging one of its ends (React Flow's edge reconnection). */
export interface MovingLink {
  parent: string;
  role: string;
}

/**
 * What a drop would do: link a new child, move an existing link (a drag from a connected
 * single-child handle, or from an end of an edge), or give a frontend its root node.
 */
export type ConnectionPlan =
  | { kind: 'connect'; args: ConnectChildArgs }
  | { kind: 'move'; args: MoveChildArgs }
  | { kind: 'root'; frontend: string; root: string };

/** A plan and the model's verdict on it: the document it would make, or why QEMU (or the document) refuses it. */
export interface Judgement {
  plan: ConnectionPlan;
  result: Result<BlockGraph>;
}

/**
 * Judges a connection with the model's own edits, so that what the canvas allows while dragging is
 * exactly what the store then accepts, and a refusal carries the model's diagnostics (role taken,
 * cycle, child already defined inline elsewhere, unnamed node referenced…). Undefined when the drag
 * does not start at a block node's role handle or a frontend's root handle, or does not end at an
 * input handle: React Flow's handle types already rule those out.
 *
 * @example
 *   const j = judgeConnection(seedSimpleTree(), { source: 'backing', sourceHandle: 'role:backing', target: 'disk', targetHandle: 'parent' });
 *   j?.result.ok // false: E203, "Connecting 'disk' below 'backing' would create a cycle"
 */
export function judgeConnection(
  graph: BlockGraph,
  ends: ConnectionEnds,
  moving: MovingLink | null = null,
): Judgement | undefined {
  const plan = planConnection(graph, ends, moving);
  return plan === undefined ? undefined : { plan, result: runPlan(graph, plan) };
}

/** The plan of a connection (see `judgeConnection`), without running it. */
export function planConnection(
  graph: BlockGraph,
  ends: ConnectionEnds,
  moving: MovingLink | null = null,
): ConnectionPlan | undefined {
  if (ends.targetHandle !== HANDLE.parent) return undefined;
  if (Object.hasOwn(graph.frontends, ends.source)) {
    return ends.sourceHandle === HANDLE.children
      ? { kind: 'root', frontend: ends.source, root: ends.target }
      : undefined;
  }
  const role = roleOfHandle(ends.sourceHandle);
  if (role === undefined) return undefined;
  const to = { parent: ends.source, role, child: ends.target };
  if (moving !== null) return { kind: 'move', args: { from: moving, to } };
  // A connected single-child handle (or one element of a list) moves its link.
  const held = linkAt(graph, ends.source, role);
  if (held !== undefined) return { kind: 'move', args: { from: { parent: held.parent, role: held.role }, to } };
  return { kind: 'connect', args: to };
}

/** Runs a plan with the model's edits. */
export function runPlan(graph: BlockGraph, plan: ConnectionPlan): Result<BlockGraph> {
  switch (plan.kind) {
    case 'connect':
      return connectChild(graph, plan.args);
    case 'move':
      return moveChild(graph, plan.args);
    case 'root':
      return setFrontendRoot(graph, { frontend: plan.frontend, root: plan.root });
  }
}

/** The store actions a plan goes through (so that undo covers it and a refusal reaches `lastError`). */
export interface PlanActions {
  connectChild: (args: ConnectChildArgs) => boolean;
  moveChild: (args: MoveChildArgs) => boolean;
  setFrontendRoot: (args: { frontend: string; root: string | null }) => boolean;
}

/** Applies a plan through the store: one document change, or the refusal shown as the last error. */
export function applyPlan(actions: PlanActions, plan: ConnectionPlan): boolean {
  switch (plan.kind) {
    case 'connect':
      return actions.connectChild(plan.args);
    case 'move':
      return actions.moveChild(plan.args);
    case 'root':
      return actions.setFrontendRoot({ frontend: plan.frontend, root: plan.root });
  }
}

/**
 * One line for the pointer while dragging: what the drop will make (`disk → proto (file, inline)`),
 * or why it is refused (the model's messages).
 */
export function verdictText(graph: BlockGraph, judgement: Judgement): string {
  const { plan, result } = judgement;
  if (!result.ok) return result.diagnostics.map((d) => d.message).join('; ');
  const name = (id: string) => graph.nodes[id]?.name ?? graph.frontends[id]?.id ?? id;
  if (plan.kind === 'root') return `${plan.frontend} → ${name(plan.root)} (root)`;
  // The edits keep every link they leave alone, so the made link is the one the old document lacks.
  const before = new Set(graph.links);
  const link = result.value.links.find((l) => !before.has(l));
  if (link === undefined) return 'No change';
  const edge = `${name(link.parent)} → ${name(link.child)} (${link.role}, ${link.mode})`;
  return plan.kind === 'move' ? `Move to ${edge}` : edge;
}

/**
 * What the pointer carries before it reaches a handle: the role being connected or moved.
 *
 * @example dragText(seedSimpleTree(), { nodeId: 'disk', handleId: 'role:file', type: 'source' }) // "Move disk's file child: drop on another node"
 */
export function dragText(
  graph: BlockGraph,
  from: { nodeId: string; handleId: string | null; type: 'source' | 'target' },
  moving: MovingLink | null = null,
): string {
  const name = (id: string) => graph.nodes[id]?.name ?? id;
  if (moving !== null) return `Move ${name(moving.parent)}'s ${moving.role} link: drop on a handle`;
  if (from.type === 'target') return `Make ${name(from.nodeId)} a child: drop on a parent's role handle`;
  if (Object.hasOwn(graph.frontends, from.nodeId)) return `Root of ${from.nodeId}: drop on a node's input handle`;
  const role = roleOfHandle(from.handleId);
  if (role === undefined) return '';
  if (linkAt(graph, from.nodeId, role) !== undefined) {
    return `Move ${name(from.nodeId)}'s ${role} child: drop on another node's input handle`;
  }
  return `${role} of ${name(from.nodeId)}: drop on a node's input handle`;
}

function linkAt(graph: BlockGraph, parent: string, role: string): ChildLink | undefined {
  return graph.links.find((l) => l.parent === parent && l.role === role);
}
