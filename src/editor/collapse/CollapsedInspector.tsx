import { useShallow } from 'zustand/react/shallow';
import type { BlockGraph } from '../../model/index.ts';
import { selectHiddenProblems } from '../canvas/CollapsedNodeView.tsx';
import { useEditorStore, type EditorState } from '../store/editorStore.ts';
import { baseImageName, collapsedChains, layersLabel, topOfCollapsed, type CollapsedChain } from './chains.ts';

/** What the inspector says about a collapsed chain: its top, its layers top down, the other nodes it hides. */
export interface CollapsedSummary {
  top: string;
  title: string;
  base: string;
  /** `NAME (DRIVER)` of each hidden layer, top down. */
  layers: readonly string[];
  /** `NAME (DRIVER)` of the other hidden nodes (the layers' files…). */
  extras: readonly string[];
}

/**
 * Selector: the summary of the collapsed chain a canvas id stands for, or undefined when it stands
 * for none (any other id, or a chain since expanded).
 */
export function selectCollapsedSummary(state: EditorState, id: string | null): CollapsedSummary | undefined {
  const top = topOfCollapsed(id);
  if (top === undefined) return undefined;
  const chain = collapsedChains(state.document).chains.find((c) => c.top === top);
  return chain === undefined ? undefined : summaryOf(state.document, chain);
}

/** True when a canvas id stands for a collapsed chain of the document. */
export function isCollapsedChain(graph: BlockGraph, id: string | null): boolean {
  const top = topOfCollapsed(id);
  return top !== undefined && collapsedChains(graph).chains.some((c) => c.top === top);
}

const summaries = new WeakMap<CollapsedChain, CollapsedSummary>();

function summaryOf(graph: BlockGraph, chain: CollapsedChain): CollapsedSummary {
  const known = summaries.get(chain);
  if (known !== undefined) return known;
  const describe = (id: string) => {
    const node = graph.nodes[id];
    return node === undefined ? id : `${node.name ?? id} (${node.driver})`;
  };
  const summary: CollapsedSummary = {
    top: chain.top,
    title: layersLabel(chain.layers.length),
    base: baseImageName(graph, chain),
    layers: chain.layers.map(describe),
    extras: chain.extras.map(describe),
  };
  summaries.set(chain, summary);
  return summary;
}

/** The inspector of a collapsed chain, wired to the store. */
export function CollapsedInspector({ id }: { id: string }) {
  const summary = useEditorStore((s) => selectCollapsedSummary(s, id));
  const hidden = useEditorStore(
    useShallow((s) => {
      const top = topOfCollapsed(id);
      const chain = collapsedChains(s.document).chains.find((c) => c.top === top);
      return chain === undefined ? [] : selectHiddenProblems(s, [...chain.layers, ...chain.extras]);
    }),
  );
  if (summary === undefined) return null;
  return (
    <CollapsedInspectorView
      summary={summary}
      problems={hidden}
      onExpand={() => useEditorStore.getState().expandChain(summary.top)}
    />
  );
}

/**
 * What a collapsed chain holds: how many layers, down to which base image, each layer top down and
 * the other nodes hidden with them, the diagnostics of the hidden nodes, and the Expand button.
 */
export function CollapsedInspectorView({
  summary,
  problems,
  onExpand,
}: {
  summary: CollapsedSummary;
  problems: readonly string[];
  onExpand: () => void;
}) {
  return (
    <>
      <header className="inspector__header">
        <h2>{summary.title}</h2>
        <button type="button" className="inspector__button" onClick={onExpand}>
          Expand
        </button>
      </header>
      <p className="inspector__summary">
        The backing chain of {summary.top}, collapsed: {summary.title} down to the base image {summary.base}. Only the
        canvas folds them; QEMU and every export still get every layer.
      </p>
      {problems.length > 0 && (
        <section className="inspector__section" aria-label="Problems in the hidden layers">
          <h3>Problems in the hidden layers</h3>
          <ul className="collapsed-inspector__problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </section>
      )}
      <section className="inspector__section" aria-label="Hidden layers">
        <h3>Layers, top down</h3>
        <ol className="collapsed-inspector__layers">
          {summary.layers.map((layer) => (
            <li key={layer}>{layer}</li>
          ))}
        </ol>
      </section>
      {summary.extras.length > 0 && (
        <section className="inspector__section" aria-label="Hidden with them">
          <h3>Hidden with them</h3>
          <ul className="collapsed-inspector__extras">
            {summary.extras.map((extra) => (
              <li key={extra}>{extra}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
