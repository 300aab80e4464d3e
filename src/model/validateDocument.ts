import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { childLinks, type BlockGraph, type BlockNode } from './document.ts';
import { parseRole } from './roles.ts';
import { catalogue } from './schema/catalogue.ts';
import { checkValue } from './schema/checkValue.ts';

/**
 * Checks a document against the QAPI schema: every node's options (unknown members, types, enum
 * values, mandatory members) and its mandatory children. The semantic rules QEMU adds on top
 * arrive with the engine.
 */
export function validateDocument(graph: BlockGraph): Diagnostic[] {
  return Object.values(graph.nodes).flatMap((node) => [...checkOptions(node), ...checkChildren(graph, node)]);
}

function checkOptions(node: BlockNode): Diagnostic[] {
  const driver = catalogue.drivers[node.driver];
  if (driver === undefined) return [diagnostic('E101', { driver: node.driver }, { node: node.id, path: 'driver' })];
  const type = { kind: 'struct', struct: { members: driver.options } } as const;
  return checkValue(type, node.options, { node: node.id, driver: node.driver, path: '' });
}

function checkChildren(graph: BlockGraph, node: BlockNode): Diagnostic[] {
  const members = catalogue.drivers[node.driver]?.children ?? [];
  const present = new Set(childLinks(graph, node.id).map((link) => parseRole(link.role).member));
  return members
    .filter((member) => member.required && !present.has(member.name) && !(member.name in node.options))
    .map((member) => diagnostic('E304', { option: member.name }, { node: node.id, path: member.name }));
}
