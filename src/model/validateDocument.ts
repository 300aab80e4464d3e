import { diagnostic, type Diagnostic } from './diagnostics.ts';
import type { BlockGraph, BlockNode } from './document.ts';
import { parseRole } from './roles.ts';
import { catalogue } from './schema/catalogue.ts';
import { checkValue } from './schema/checkValue.ts';

/**
 * Checks a document against the QAPI schema: every node's options (unknown members, types, enum
 * values, mandatory members) and its mandatory children. The semantic rules QEMU adds on top
 * arrive with the engine.
 */
export function validateDocument(graph: BlockGraph): Diagnostic[] {
  const members = childMembersByParent(graph);
  return Object.values(graph.nodes).flatMap((node) => [
    ...checkOptions(node),
    ...checkChildren(node, members.get(node.id)),
  ]);
}

/** The child members each parent has links for (`children.0` counts as `children`), in one pass. */
function childMembersByParent(graph: BlockGraph): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>();
  for (const link of graph.links) {
    const set = members.get(link.parent) ?? new Set<string>();
    set.add(parseRole(link.role).member);
    members.set(link.parent, set);
  }
  return members;
}

function checkOptions(node: BlockNode): Diagnostic[] {
  const driver = catalogue.drivers[node.driver];
  if (driver === undefined) return [diagnostic('E101', { driver: node.driver }, { node: node.id, path: 'driver' })];
  const type = { kind: 'struct', struct: { members: driver.options } } as const;
  return checkValue(type, node.options, { node: node.id, driver: node.driver, path: '' });
}

function checkChildren(node: BlockNode, present: ReadonlySet<string> = new Set()): Diagnostic[] {
  const members = catalogue.drivers[node.driver]?.children ?? [];
  return members
    .filter((member) => member.required && !present.has(member.name) && !(member.name in node.options))
    .map((member) => diagnostic('E304', { option: member.name }, { node: node.id, path: member.name }));
}
