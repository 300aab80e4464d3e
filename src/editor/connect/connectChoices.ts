import type { BlockGraph } from '../../model/index.ts';
import { judgeConnection, verdictText, type Judgement } from '../canvas/connectionRules.ts';
import { HANDLE } from '../canvas/flowTypes.ts';
import { roleHandleId, rolePorts, type RolePort } from '../canvas/roleHandles.ts';
import { canvasLabel } from '../canvas/toFlow.ts';

/** One entry of a choice list: its value and what it reads as. */
export interface Choice {
  value: string;
  label: string;
}

/** The role a frontend's root takes in the Connect… dialog. */
export const ROOT_ROLE = 'root';

/** A node's label as the canvas names it: `NAME (DRIVER)`, or `ID (KIND)` for a frontend. */
function labelOf(graph: BlockGraph, id: string): string {
  const node = graph.nodes[id];
  if (node !== undefined) return canvasLabel(node.name ?? id, node.driver);
  const frontend = graph.frontends[id];
  return frontend === undefined ? id : canvasLabel(frontend.id, frontend.kind);
}

/** The free role ports of a block node: roles with nothing connected, and the "add" port of a list. */
function freePorts(graph: BlockGraph, parent: string): RolePort[] {
  const node = graph.nodes[parent];
  if (node === undefined) return [];
  const roles = graph.links.filter((l) => l.parent === parent).map((l) => l.role);
  return rolePorts(node.driver, roles).filter((p) => !p.filled && !p.unknown);
}

/** What can be a parent: frontends (their root) and block nodes that have a free role. */
export function parentChoices(graph: BlockGraph): Choice[] {
  return [
    ...Object.keys(graph.frontends).map((id) => ({ value: id, label: labelOf(graph, id) })),
    ...Object.keys(graph.nodes)
      .filter((id) => freePorts(graph, id).length > 0)
      .map((id) => ({ value: id, label: labelOf(graph, id) })),
  ];
}

/**
 * The roles a parent can take a child on: a block node's free roles in its driver's order, required
 * ones marked (a list role appends: `children (add)`); a frontend's `root`.
 */
export function roleChoices(graph: BlockGraph, parent: string): Choice[] {
  if (Object.hasOwn(graph.frontends, parent)) return [{ value: ROOT_ROLE, label: ROOT_ROLE }];
  return freePorts(graph, parent).map((p) => ({
    value: p.role,
    label: `${p.role}${p.adds ? ' (add)' : ''}${p.required ? ' (required)' : ''}`,
  }));
}

/** What can be a child: every block node but the parent. */
export function childChoices(graph: BlockGraph, parent: string): Choice[] {
  return Object.keys(graph.nodes)
    .filter((id) => id !== parent)
    .map((id) => ({ value: id, label: labelOf(graph, id) }));
}

/** The role offered first: the first required role left empty, else the first free one. */
export function defaultRole(graph: BlockGraph, parent: string): string {
  const free = freePorts(graph, parent);
  return (free.find((p) => p.missing) ?? free[0])?.role ?? (Object.hasOwn(graph.frontends, parent) ? ROOT_ROLE : '');
}

/**
 * The child offered first: the node added last that has no parent yet (a node just taken from the
 * palette), else the first other node.
 */
export function defaultChild(graph: BlockGraph, parent: string): string {
  const hasParent = new Set(graph.links.map((l) => l.child));
  for (const f of Object.values(graph.frontends)) if (f.root !== null) hasParent.add(f.root);
  const others = Object.keys(graph.nodes).filter((id) => id !== parent);
  return [...others].reverse().find((id) => !hasParent.has(id)) ?? others[0] ?? '';
}

/**
 * The model's verdict on connecting `child` as `role` of `parent`, by the canvas's own rules
 * (`judgeConnection`, as if the edge were drawn from the role's handle), or undefined when the
 * choice is incomplete.
 */
export function judgeChoice(graph: BlockGraph, parent: string, role: string, child: string): Judgement | undefined {
  if (parent === '' || role === '' || child === '') return undefined;
  const sourceHandle = Object.hasOwn(graph.frontends, parent) ? HANDLE.children : roleHandleId(role);
  return judgeConnection(graph, { source: parent, sourceHandle, target: child, targetHandle: HANDLE.parent });
}

/** The verdict as one line: what the connection makes, or why it is refused. */
export function choiceVerdict(graph: BlockGraph, judgement: Judgement | undefined): string {
  return judgement === undefined ? 'Choose a parent, a role and a child.' : verdictText(graph, judgement);
}
