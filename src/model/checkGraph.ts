import { diagnostic, type Diagnostic } from './diagnostics.ts';
import type { BlockGraph, ChildLink } from './document.ts';
import { frontendSpec } from './frontends.ts';
import { childrenFirst } from './graphWalk.ts';
import { isNodeNameTooLong, isWellFormedId } from './names.ts';
import { childMemberOf } from './roles.ts';
import { catalogue } from './schema/catalogue.ts';

/**
 * Checks the invariants every edit keeps (ids, node-names, drivers, link roles, one inline parent,
 * named references, no cycle, known frontend kinds and roots) on a whole document at once, in time
 * linear in its size. Used when a document arrives whole (a file, an import) instead of edit by edit.
 * Paths are key paths into the saved document (`nodes.disk0.driver`, `links[3].role`); `linkIndex`
 * gives each link's index in the input when some input links were dropped before.
 */
export function checkGraph(graph: BlockGraph, linkIndex: readonly number[] = []): Diagnostic[] {
  return [...checkNodes(graph), ...checkLinks(graph, linkIndex), ...checkOthers(graph)];
}

function checkNodes(graph: BlockGraph): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const names = new Set<string>();
  for (const node of Object.values(graph.nodes)) {
    const at = (field: string) => ({ node: node.id, path: `nodes.${node.id}.${field}` });
    if (!isWellFormedId(node.id)) problems.push(diagnostic('E107', { id: node.id }, at('id')));
    if (catalogue.drivers[node.driver] === undefined)
      problems.push(diagnostic('E101', { driver: node.driver }, at('driver')));
    if (node.name === undefined) continue;
    if (!isWellFormedId(node.name)) problems.push(diagnostic('E104', { name: node.name }, at('name')));
    else if (isNodeNameTooLong(node.name)) problems.push(diagnostic('E106', {}, at('name')));
    else if (names.has(node.name)) problems.push(diagnostic('E105', { name: node.name }, at('name')));
    names.add(node.name);
  }
  return problems;
}

function checkLinks(graph: BlockGraph, linkIndex: readonly number[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const slots = new Set<string>();
  const definedIn = new Map<string, string>();
  graph.links.forEach((link, i) => {
    const problem = checkLink(graph, link, slots, definedIn);
    const index = String(linkIndex[i] ?? i);
    if (problem) problems.push({ ...problem, path: `links[${index}].${problem.path ?? 'role'}` });
  });
  const { cycle } = childrenFirst(graph);
  if (cycle) {
    const [parent = '', child = ''] = cycle;
    problems.push(diagnostic('E203', { parent, child }, { node: parent, path: 'links' }));
  }
  return problems;
}

/** One link against the rules of connectChild; `slots` and `definedIn` collect what earlier links took. */
function checkLink(
  graph: BlockGraph,
  link: ChildLink,
  slots: Set<string>,
  definedIn: Map<string, string>,
): Diagnostic | undefined {
  const parent = graph.nodes[link.parent];
  const child = graph.nodes[link.child];
  const at = { node: link.parent, path: 'role' };
  if (parent === undefined) return diagnostic('E103', { id: link.parent }, { path: 'parent' });
  if (child === undefined) return diagnostic('E103', { id: link.child }, { node: link.parent, path: 'child' });
  if (childMemberOf(parent.driver, link.role) === undefined)
    return diagnostic('E201', { driver: parent.driver, role: link.role }, at);
  const slot = `${link.parent}\u0000${link.role}`;
  if (slots.has(slot)) return diagnostic('E202', { parent: link.parent, role: link.role }, at);
  slots.add(slot);
  if (link.mode === 'reference') {
    return child.name === undefined ? diagnostic('E205', { child: link.child }, at) : undefined;
  }
  const other = definedIn.get(link.child);
  if (other !== undefined) return diagnostic('E204', { child: link.child, other }, at);
  definedIn.set(link.child, link.parent);
  return undefined;
}

function checkOthers(graph: BlockGraph): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const taken = new Set(Object.keys(graph.nodes));
  for (const object of Object.values(graph.objects)) {
    const at = { node: object.id, path: `objects.${object.id}` };
    if (!isWellFormedId(object.id)) problems.push(diagnostic('E107', { id: object.id }, at));
    else if (taken.has(object.id)) problems.push(diagnostic('E102', { id: object.id }, at));
    taken.add(object.id);
  }
  for (const frontend of Object.values(graph.frontends)) {
    const at = (field: string) => ({ node: frontend.id, path: `frontends.${frontend.id}.${field}` });
    if (!isWellFormedId(frontend.id)) problems.push(diagnostic('E107', { id: frontend.id }, at('id')));
    else if (taken.has(frontend.id)) problems.push(diagnostic('E102', { id: frontend.id }, at('id')));
    taken.add(frontend.id);
    if (frontendSpec(frontend.kind) === undefined)
      problems.push(diagnostic('E108', { kind: frontend.kind }, at('kind')));
    if (frontend.root !== null && graph.nodes[frontend.root] === undefined) {
      problems.push(diagnostic('E103', { id: frontend.root }, at('root')));
    }
  }
  return problems;
}
