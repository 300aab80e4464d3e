import { diagnostic } from '../diagnostics.ts';
import { isIdTaken, uniqueId, type BlockGraph, type Position } from '../document.ts';
import type { JsonObject } from '../json.ts';
import { fail, ok, type Result } from '../result.ts';
import { catalogue } from '../schema/catalogue.ts';
import { checkNodeName } from './checkNodeName.ts';
import { isWellFormedId } from '../names.ts';

export interface AddNodeArgs {
  driver: string;
  /** Document id; a fresh one (`qcow2-1`) when omitted. */
  id?: string;
  /** node-name; defaults to the id, since most nodes are best named. Pass `null` for an unnamed node. */
  name?: string | null;
  options?: JsonObject;
  position?: Position;
}

/** The result of a successful `addNode`: the new document and the id given to the node. */
export interface Added {
  graph: BlockGraph;
  id: string;
}

/**
 * Adds a block node.
 *
 * @example addNode(graph, { driver: 'qcow2', id: 'disk0' })
 */
export function addNode(graph: BlockGraph, args: AddNodeArgs): Result<Added> {
  if (catalogue.drivers[args.driver] === undefined) {
    return fail(diagnostic('E101', { driver: args.driver }, { path: 'driver' }));
  }
  const id = args.id ?? uniqueId(graph, args.driver);
  if (!isWellFormedId(id)) return fail(diagnostic('E107', { id }, { node: id }));
  if (isIdTaken(graph, id)) return fail(diagnostic('E102', { id }, { node: id }));
  const name = args.name === undefined ? id : args.name;
  if (name !== null) {
    const problems = checkNodeName(graph, name, id);
    if (problems.length > 0) return { ok: false, diagnostics: problems };
  }
  const node = { id, driver: args.driver, options: args.options ?? {}, ...(name === null ? {} : { name }) };
  const positions = args.position ? { ...graph.layout.positions, [id]: args.position } : graph.layout.positions;
  return ok({
    id,
    graph: { ...graph, nodes: { ...graph.nodes, [id]: node }, layout: { ...graph.layout, positions } },
  });
}
