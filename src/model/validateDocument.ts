import { diagnostic, type Diagnostic } from './diagnostics.ts';
import type { BlockGraph, BlockNode } from './document.ts';
import { parseRole } from './roles.ts';
import { catalogue } from './schema/catalogue.ts';
import { checkValue } from './schema/checkValue.ts';

/**
 * What validateDocument remembers between documents for an editor: each node object's option
 * checks, which depend on the node alone (documents are immutable; an edit shares the nodes it
 * does not change, so only the nodes it touched are checked again).
 */
export type ChecksCache = WeakMap<BlockNode, Diagnostic[]>;

/** An empty ChecksCache. */
export function createChecksCache(): ChecksCache {
  return new WeakMap();
}

/**
 * Checks a document against the QAPI schema: every node's options (unknown members, types, enum
 * values, mandatory members) and its mandatory children. The semantic rules QEMU adds on top are
 * checkDocument's (src/export). With `cache`, nodes checked before are not checked again.
 */
export function validateDocument(graph: BlockGraph, cache?: ChecksCache): Diagnostic[] {
  const members = childMembersByParent(graph);
  const found: Diagnostic[] = [];
  for (const node of Object.values(graph.nodes)) {
    let problems = cache?.get(node);
    if (problems === undefined) {
      problems = checkOptions(node);
      cache?.set(node, problems);
    }
    if (problems.length > 0) found.push(...problems);
    checkChildren(node, members.get(node.id) ?? [], found);
  }
  return found;
}

/** The child members each parent has links for (`children.0` counts as `children`), in one pass. */
function childMembersByParent(graph: BlockGraph): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const link of graph.links) {
    const member = parseRole(link.role).member;
    const list = members.get(link.parent);
    if (list === undefined) members.set(link.parent, [member]);
    else list.push(member);
  }
  return members;
}

function checkOptions(node: BlockNode): Diagnostic[] {
  const driver = catalogue.drivers[node.driver];
  if (driver === undefined) return [diagnostic('E101', { driver: node.driver }, { node: node.id, path: 'driver' })];
  const type = { kind: 'struct', struct: { members: driver.options } } as const;
  return checkValue(type, node.options, { node: node.id, driver: node.driver, path: '' });
}

/** Adds to `found` the mandatory children a node has neither a link nor an option for. */
function checkChildren(node: BlockNode, present: readonly string[], found: Diagnostic[]): void {
  for (const member of catalogue.drivers[node.driver]?.children ?? []) {
    if (member.required && !present.includes(member.name) && !(member.name in node.options))
      found.push(diagnostic('E304', { option: member.name }, { node: node.id, path: member.name }));
  }
}
