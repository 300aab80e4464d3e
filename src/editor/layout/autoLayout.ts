import type { EditorStore, Notice } from '../store/editorStore.ts';
import type { ViewStore } from '../view/viewStore.ts';
import { LAYOUT_IDLE } from '../view/viewStore.ts';
import { anchoredAt, canvasPositions, elkGraphOf, layoutMoves, type NodeGeometry } from './elkGraph.ts';
import type { LayoutRunner } from './layoutClient.ts';

/** How a Layout action ended. */
export type LayoutOutcome = 'applied' | 'unchanged' | 'stale' | 'cancelled' | 'failed';

/** What the Layout action works with; the editor passes its stores, the worker runner and React Flow's view. */
export interface AutoLayoutDeps {
  editor: { getState: () => EditorStore };
  view: { getState: () => ViewStore };
  runner: LayoutRunner;
  /** Measured sizes and handle places of the canvas nodes, by id. */
  geometry: () => ReadonlyMap<string, NodeGeometry>;
  /** Fits the view to the laid-out graph. */
  fitView: () => void;
  now: () => number;
}

const STALE_NOTICE: Notice = {
  tone: 'info',
  text: 'The document changed while the layout ran, so nothing was moved. Press Layout again to lay out the new graph.',
  details: [],
};

/**
 * Lays the document out with ELK off the page's thread and writes every node's new place as one
 * change (one undo entry), keeping the graph's top-left corner where it was, then fits the view.
 * While it runs, the view store says so (for the progress shown); a result for a document that has
 * changed meanwhile is dropped with a notice, and a cancelled run changes nothing.
 */
export async function autoLayout(deps: AutoLayoutDeps): Promise<LayoutOutcome> {
  const { editor, view, runner } = deps;
  const graph = editor.getState().document;
  const elkGraph = elkGraphOf(graph, deps.geometry());
  const running = { state: 'running', nodes: elkGraph.children?.length ?? 0, since: deps.now() } as const;
  view.getState().setLayoutStatus(running);
  const result = await runner.run(elkGraph);
  // A newer run that cancelled this one owns the status from then on.
  if (view.getState().layout === running) view.getState().setLayoutStatus(LAYOUT_IDLE);
  if (!result.ok && result.reason === 'cancelled') return 'cancelled';
  if (!result.ok) {
    editor.getState().showNotice({ tone: 'error', text: 'The automatic layout failed.', details: [result.error] });
    return 'failed';
  }
  if (editor.getState().document !== graph) {
    editor.getState().showNotice(STALE_NOTICE);
    return 'stale';
  }
  const moves = layoutMoves(graph, anchoredAt(result.positions, canvasPositions(graph)));
  if (Object.keys(moves).length === 0) return 'unchanged';
  editor.getState().moveNodes(moves);
  deps.fitView();
  return 'applied';
}
