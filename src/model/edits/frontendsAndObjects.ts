import { diagnostic } from '../diagnostics.ts';
import { isIdTaken, uniqueId, type BlockGraph, type Position } from '../document.ts';
import { frontendSpec } from '../frontends.ts';
import type { JsonObject } from '../json.ts';
import { isWellFormedId } from '../names.ts';
import { fail, ok, type Result } from '../result.ts';
import type { Added } from './addNode.ts';

/** Adds a QOM object (`object-add`), e.g. a throttle-group. */
export function addObject(
  graph: BlockGraph,
  args: { qomType: string; id?: string; props?: JsonObject; position?: Position },
): Result<Added> {
  const id = args.id ?? uniqueId(graph, args.qomType);
  if (!isWellFormedId(id)) return fail(diagnostic('E107', { id }, { node: id }));
  if (isIdTaken(graph, id)) return fail(diagnostic('E102', { id }, { node: id }));
  const object = { id, qomType: args.qomType, props: args.props ?? {} };
  return ok({
    id,
    graph: { ...graph, objects: { ...graph.objects, [id]: object }, layout: withPosition(graph, id, args.position) },
  });
}

/** Adds a frontend (guest device or export), optionally already attached to its root node. */
export function addFrontend(
  graph: BlockGraph,
  args: { kind: string; id?: string; root?: string | null; props?: JsonObject; position?: Position },
): Result<Added> {
  if (frontendSpec(args.kind) === undefined) return fail(diagnostic('E108', { kind: args.kind }, { path: 'kind' }));
  const id = args.id ?? uniqueId(graph, args.kind);
  if (!isWellFormedId(id)) return fail(diagnostic('E107', { id }, { node: id }));
  if (isIdTaken(graph, id)) return fail(diagnostic('E102', { id }, { node: id }));
  const root = args.root ?? null;
  if (root !== null && graph.nodes[root] === undefined) return fail(diagnostic('E103', { id: root }, { node: id }));
  const frontend = { id, kind: args.kind, root, props: args.props ?? {} };
  return ok({
    id,
    graph: {
      ...graph,
      frontends: { ...graph.frontends, [id]: frontend },
      layout: withPosition(graph, id, args.position),
    },
  });
}

/** Points a frontend at a node (or detaches it with `null`). */
export function setFrontendRoot(
  graph: BlockGraph,
  args: { frontend: string; root: string | null },
): Result<BlockGraph> {
  const frontend = graph.frontends[args.frontend];
  if (frontend === undefined) return fail(diagnostic('E103', { id: args.frontend }, { path: 'frontend' }));
  if (args.root !== null && graph.nodes[args.root] === undefined) {
    return fail(diagnostic('E103', { id: args.root }, { node: args.frontend, path: 'root' }));
  }
  if (frontend.root === args.root) return ok(graph);
  return ok({ ...graph, frontends: { ...graph.frontends, [args.frontend]: { ...frontend, root: args.root } } });
}

/** Moves anything drawn on the canvas. */
export function moveTo(graph: BlockGraph, id: string, position: Position): BlockGraph {
  const old = graph.layout.positions[id];
  if (old?.x === position.x && old.y === position.y) return graph;
  return { ...graph, layout: withPosition(graph, id, position) };
}

function withPosition(graph: BlockGraph, id: string, position: Position | undefined): BlockGraph['layout'] {
  return position ? { ...graph.layout, positions: { ...graph.layout.positions, [id]: position } } : graph.layout;
}
