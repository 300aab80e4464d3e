import { useShallow } from 'zustand/react/shallow';
import {
  computePermissions,
  createChecksCache,
  createOptionsCache,
  diagnostic,
  explicitOptions,
  resolveOptions,
  validateDocument,
  type BlockGraph,
  type Diagnostic,
  type EffectiveOptions,
} from '../../model/index.ts';
import { useEditorStore, type EditorState } from './editorStore.ts';
import { MAX_SIMULATED_NODES, implicitChainOf, type ImplicitChain, type ImplicitNode } from './implicitChain.ts';
import { checkDocument } from '../../export/index.ts';

/** A document's diagnostics, all of them and by node id. */
export interface DocumentDiagnostics {
  all: readonly Diagnostic[];
  byNode: ReadonlyMap<string, readonly Diagnostic[]>;
}

const NONE: readonly Diagnostic[] = [];

/**
 * Wraps a computation over a document so it runs once per document object: documents are immutable,
 * so the reference is the key, and a WeakMap lets old documents (and their results) be collected.
 */
export function memoByDocument<T>(compute: (graph: BlockGraph) => T): (graph: BlockGraph) => T {
  const cache = new WeakMap<BlockGraph, T>();
  return (graph) => {
    const hit = cache.get(graph);
    if (hit !== undefined) return hit;
    const value = compute(graph);
    cache.set(graph, value);
    return value;
  };
}

/** Results kept across edits, so an edit recomputes only the nodes it touched (and what hangs below them). */
const optionsCache = createOptionsCache();
const checksCache = createChecksCache();

/** Every node's effective generic options with their provenance (the model's `resolveOptions`), memoised. */
export const effectiveOptionsOf = memoByDocument((graph) =>
  resolveOptions(graph, explicitOptions, undefined, optionsCache),
);

/**
 * The document's diagnostics, memoised and grouped by node: the schema checks, then QEMU's own
 * refusals, as `blockgraph validate` reports them. A document small enough to simulate has its QMP
 * script run command by command (every refusal); a larger one gets the permission refusals QEMU
 * meets while building it (computePermissions replays the build in QEMU's order, in linear time).
 */
export const diagnosticsOf = memoByDocument((graph): DocumentDiagnostics => {
  const small = Object.keys(graph.nodes).length <= MAX_SIMULATED_NODES;
  const all = small ? checkDocument(graph) : largeDocumentProblems(graph);
  const byNode = new Map<string, Diagnostic[]>();
  for (const d of all) {
    if (d.node === undefined) continue;
    byNode.set(d.node, [...(byNode.get(d.node) ?? []), d]);
  }
  return { all, byNode };
});

/** Schema checks, then, when they pass, the permission refusals (E500, QEMU's text, at their node). */
function largeDocumentProblems(graph: BlockGraph): Diagnostic[] {
  const schema = validateDocument(graph, checksCache);
  if (schema.length > 0) return schema;
  const { errors } = computePermissions(graph, { effective: effectiveOptionsOf(graph) });
  return errors.map((e) => diagnostic('E500', { desc: e.message }, { node: e.node }));
}

/** Selector: a node's effective options, or undefined for an id that is not a block node. */
export function selectEffectiveOptions(state: EditorState, nodeId: string): EffectiveOptions | undefined {
  return effectiveOptionsOf(state.document).get(nodeId);
}

/** Selector: the document's diagnostics (the same array until the document changes). */
export function selectDiagnostics(state: EditorState): readonly Diagnostic[] {
  return diagnosticsOf(state.document).all;
}

/** Selector: the messages of the diagnostics about one node. */
export function selectNodeProblems(state: EditorState, nodeId: string): readonly string[] {
  return (diagnosticsOf(state.document).byNode.get(nodeId) ?? NONE).map((d) => d.message);
}

/** The selected document's effective options of one node; re-renders only when the document changes. */
export function useEffectiveOptions(nodeId: string): EffectiveOptions | undefined {
  return useEditorStore((s) => selectEffectiveOptions(s, nodeId));
}

/** The document's diagnostics; re-renders only when the document changes. */
export function useDiagnostics(): readonly Diagnostic[] {
  return useEditorStore(selectDiagnostics);
}

/** The messages of one node's diagnostics; re-renders only when they change. */
export function useNodeProblems(nodeId: string): readonly string[] {
  return useEditorStore(useShallow((s) => selectNodeProblems(s, nodeId)));
}

/** Selector: what the dropped images add (implicit backing nodes, QEMU's refusal), memoised on (document, images). */
export function selectImplicitChain(state: EditorState): ImplicitChain {
  return implicitChainOf(state.document, state.images);
}

/** The implicit chain; re-renders only when the document or the images change. */
export function useImplicitChain(): ImplicitChain {
  return useEditorStore(selectImplicitChain);
}

/** One implicit node by name, or undefined. */
export function useImplicitNode(name: string | null): ImplicitNode | undefined {
  return useEditorStore((s) => (name === null ? undefined : selectImplicitChain(s).nodes.find((n) => n.name === name)));
}

const withImageErrors = new WeakMap<ImplicitChain, readonly Diagnostic[]>();

/** Selector: the document's diagnostics, then QEMU's refusal once it opens the dropped images (stable per state). */
export function selectAllDiagnostics(state: EditorState): readonly Diagnostic[] {
  const all = selectDiagnostics(state);
  const chain = selectImplicitChain(state);
  if (chain.errors.length === 0) return all;
  const hit = withImageErrors.get(chain);
  if (hit !== undefined) return hit;
  // The run with the images replaces the one without: QEMU's refusals (E500) come from it alone.
  const combined = [...all.filter((d) => d.code !== 'E500'), ...chain.errors];
  withImageErrors.set(chain, combined);
  return combined;
}

/** Every diagnostic the panel lists, including QEMU's refusal to open the dropped images. */
export function useAllDiagnostics(): readonly Diagnostic[] {
  return useEditorStore(selectAllDiagnostics);
}
