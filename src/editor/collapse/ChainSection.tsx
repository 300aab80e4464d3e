import { useShallow } from 'zustand/react/shallow';
import { useEditorStore, type EditorState } from '../store/editorStore.ts';
import { backingChain } from './chains.ts';

/** What the node inspector offers about a node's backing chain. */
export interface ChainOffer {
  /** Image layers below the node (0: it has no backing child). */
  layers: number;
  collapsed: boolean;
}

/** Selector: how many layers a node's backing chain has and whether it is collapsed (equal while they stay). */
export function selectChainOffer(state: EditorState, nodeId: string): ChainOffer {
  const layers = backingChain(state.document, nodeId).length;
  return { layers, collapsed: layers > 0 && (state.document.layout.collapsed ?? []).includes(nodeId) };
}

/**
 * The node inspector's backing chain section: a node with a backing chain can have it drawn as one
 * "N more layers" node, and expanded again. Nothing for a node without a backing child.
 */
export function ChainSection({ nodeId }: { nodeId: string }) {
  const offer = useEditorStore(useShallow((s) => selectChainOffer(s, nodeId)));
  return (
    <ChainSectionView
      nodeId={nodeId}
      offer={offer}
      onToggle={() => {
        const store = useEditorStore.getState();
        if (offer.collapsed) store.expandChain(nodeId);
        else store.collapseChain(nodeId);
      }}
    />
  );
}

/** The section as the offer draws it; `onToggle` collapses or expands. */
export function ChainSectionView({
  nodeId,
  offer,
  onToggle,
}: {
  nodeId: string;
  offer: ChainOffer;
  onToggle: () => void;
}) {
  if (offer.layers === 0) return null;
  return (
    <section className="inspector__section" aria-label="Backing chain">
      <h3>Backing chain</h3>
      <p className="inspector__note">
        {offer.layers === 1 ? '1 image layer' : `${String(offer.layers)} image layers`} below {nodeId}
        {offer.collapsed ? ', drawn as one node.' : '.'}
      </p>
      <button type="button" className="inspector__button" onClick={onToggle}>
        {offer.collapsed ? 'Expand backing chain' : 'Collapse backing chain'}
      </button>
    </section>
  );
}
