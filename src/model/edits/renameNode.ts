import { diagnostic } from '../diagnostics.ts';
import type { BlockGraph } from '../document.ts';
import { fail, ok, type Result } from '../result.ts';
import { checkNodeName } from './checkNodeName.ts';

/** What `renameNode` needs: the node's document id, and its new node-name (`null`: none, QEMU names it). */
export interface RenameNodeArgs {
  node: string;
  name: string | null;
}

/**
 * Gives a block node a new node-name with QEMU's checks (block.c: bdrv_assign_node_name, via
 * `checkNodeName`), or takes its name away; a node that some parent references keeps a name, since
 * a reference is by node-name. The id, and with it every link and frontend root, stays. Returns the
 * same document when the name does not change.
 *
 * @example renameNode(graph, { node: 'disk', name: 'disk0' })
 */
export function renameNode(graph: BlockGraph, args: RenameNodeArgs): Result<BlockGraph> {
  const node = graph.nodes[args.node];
  if (node === undefined) return fail(diagnostic('E103', { id: args.node }, { path: 'node' }));
  if ((node.name ?? null) === args.name) return ok(graph);
  if (args.name === null) {
    const reference = graph.links.find((link) => link.child === args.node && link.mode === 'reference');
    if (reference !== undefined) {
      return fail(diagnostic('E205', { child: args.node }, { node: reference.parent, path: 'node-name' }));
    }
    const { name: _old, ...unnamed } = node;
    return ok({ ...graph, nodes: { ...graph.nodes, [args.node]: unnamed } });
  }
  const problems = checkNodeName(graph, args.name, args.node);
  if (problems.length > 0) return { ok: false, diagnostics: problems };
  return ok({ ...graph, nodes: { ...graph.nodes, [args.node]: { ...node, name: args.name } } });
}
