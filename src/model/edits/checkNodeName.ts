import { diagnostic, type Diagnostic } from '../diagnostics.ts';
import type { BlockGraph } from '../document.ts';
import { isNodeNameTooLong, isWellFormedId } from '../names.ts';

/** QEMU's checks of a new node-name for node `id` (block.c: bdrv_assign_node_name). */
export function checkNodeName(graph: BlockGraph, name: string, id: string): Diagnostic[] {
  if (!isWellFormedId(name)) return [diagnostic('E104', { name }, { node: id, path: 'node-name' })];
  if (isNodeNameTooLong(name)) return [diagnostic('E106', {}, { node: id, path: 'node-name' })];
  const clash = Object.values(graph.nodes).find((other) => other.name === name && other.id !== id);
  return clash ? [diagnostic('E105', { name }, { node: id, path: 'node-name' })] : [];
}
