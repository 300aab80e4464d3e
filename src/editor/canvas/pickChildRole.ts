import { catalogue, childLinks, parseRole, type BlockGraph } from '../../model/index.ts';

/**
 * The role a new child of `parent` takes when the user draws an edge: the first child member of its
 * driver that is still free (a list member such as quorum's `children` is always free), else the
 * first member, so that `connectChild` explains why it is taken. Undefined for a driver without children.
 *
 * @example pickChildRole(seedSimpleTree(), 'disk') // 'data-file' (file and backing are taken)
 */
export function pickChildRole(graph: BlockGraph, parent: string): string | undefined {
  const node = graph.nodes[parent];
  const members = node === undefined ? [] : (catalogue.drivers[node.driver]?.children ?? []);
  const taken = new Set(childLinks(graph, parent).map((link) => parseRole(link.role).member));
  const free = members.find((member) => member.list || !taken.has(member.name));
  return (free ?? members[0])?.name;
}
