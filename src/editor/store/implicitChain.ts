import { judgeScript, refusalDiagnostic, toQmpScript } from '../../export/index.ts';
import {
  imagesFrom,
  type BlockGraph,
  type Diagnostic,
  type ResolvedEdge,
  type ResolvedNode,
} from '../../model/index.ts';

/**
 * Above this many nodes the editor does not run the document's QMP script through the simulation
 * after an edit. The simulation is linear (`npm run bench -- --only qmp-simulate`: ~45 ms at 2,000
 * nodes), but an edit must stay well under a tenth of a second.
 */
export const MAX_SIMULATED_NODES = 2_000;

/** A node QEMU opens by itself from a backing file named in an image header (`#disk/backing`). */
export interface ImplicitNode {
  /** QEMU's name for it, which is also its canvas id. */
  name: string;
  driver: string;
  /** Canvas id of its parent: a document node's id, or another implicit node's name. */
  parent: string;
  /** The parent's child role (`backing`, `file`). */
  role: string;
  resolved: ResolvedNode;
}

/** What the dropped images add to the document: implicit nodes, and QEMU's first refusal pinned to its node. */
export interface ImplicitChain {
  /** `off` without images, `too-large` when the document is too big to simulate. */
  status: 'off' | 'too-large' | 'ok';
  nodes: readonly ImplicitNode[];
  /** Edges (node-names) whose child is an implicit node. */
  edges: readonly ResolvedEdge[];
  errors: readonly Diagnostic[];
}

const OFF: ImplicitChain = { status: 'off', nodes: [], edges: [], errors: [] };
const TOO_LARGE: ImplicitChain = { ...OFF, status: 'too-large' };

/** Whether a resolved node is one QEMU opened from an image header rather than one the script added. */
export function isImplicitName(name: string): boolean {
  return name.startsWith('#') && name.includes('/backing');
}

/**
 * Runs the document's QMP script against the dropped images (`judgeScript`) and keeps what the
 * editor cannot see in the document: the implicit backing nodes and the first refusal.
 */
export function deriveImplicitChain(graph: BlockGraph, images: Readonly<Record<string, Uint8Array>>): ImplicitChain {
  if (Object.keys(images).length === 0) return OFF;
  if (Object.keys(graph.nodes).length > MAX_SIMULATED_NODES) return TOO_LARGE;
  const script = toQmpScript(graph);
  if (!script.ok) return OFF;
  const { replies, resolved } = judgeScript(script.value, imagesFrom({ ...images }));
  const idOf = new Map(Object.values(graph.nodes).map((node) => [node.name ?? node.id, node.id]));
  const edges = resolved.edges.filter((edge) => isImplicitName(edge.child));
  const nodes = resolved.nodes.flatMap((node): ImplicitNode[] => {
    const name = node['node-name'];
    const edge = edges.find((e) => e.child === name);
    if (!isImplicitName(name) || edge === undefined) return [];
    const parent = isImplicitName(edge.parent) ? edge.parent : (idOf.get(edge.parent) ?? edge.parent);
    return [{ name, driver: node.drv, parent, role: edge.name, resolved: node }];
  });
  const refused = replies.findIndex((reply) => 'error' in reply);
  const reply = replies[refused];
  const errors: Diagnostic[] = [];
  const command = script.value[refused];
  if (reply !== undefined && 'error' in reply && command !== undefined) {
    errors.push(refusalDiagnostic(graph, command, reply.error.desc));
  }
  return { status: 'ok', nodes, edges, errors };
}

const cache = new WeakMap<BlockGraph, WeakMap<object, ImplicitChain>>();

/** `deriveImplicitChain`, memoised on the (immutable) document and images objects. */
export function implicitChainOf(graph: BlockGraph, images: Readonly<Record<string, Uint8Array>>): ImplicitChain {
  let byImages = cache.get(graph);
  if (byImages === undefined) {
    byImages = new WeakMap();
    cache.set(graph, byImages);
  }
  const hit = byImages.get(images);
  if (hit !== undefined) return hit;
  const value = deriveImplicitChain(graph, images);
  byImages.set(images, value);
  return value;
}
