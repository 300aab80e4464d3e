import type { BlockGraph, ChildLink } from '../../model/index.ts';
import { linkEdgeId } from '../canvas/toFlow.ts';
import { CollapsedInspector, isCollapsedChain } from '../collapse/CollapsedInspector.tsx';
import { useEditorStore } from '../store/editorStore.ts';
import { selectImplicitChain } from '../store/useEngine.ts';
import { FrontendInspector } from './FrontendInspector.tsx';
import { GhostInspector } from './GhostInspector.tsx';
import { LinkInspector } from './LinkInspector.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { ObjectInspector } from './ObjectInspector.tsx';

type SelectionKind = 'node' | 'frontend' | 'object' | 'ghost' | 'collapsed' | 'none';

/**
 * The right panel: details and options of the selected node, frontend or object, or the selected child link;
 * for a node opened from an image header, its values read-only.
 */
export function Inspector() {
  const selectedId = useEditorStore((s) => s.selectedId);
  const kind = useEditorStore((s) => {
    const inDocument = kindOf(s.document, s.selectedId);
    if (inDocument === 'none' && isCollapsedChain(s.document, s.selectedId)) return 'collapsed';
    const isGhost = selectImplicitChain(s).nodes.some((n) => n.name === s.selectedId);
    return inDocument === 'none' && isGhost ? 'ghost' : inDocument;
  });
  const link = useEditorStore((s) => selectedLink(s.document, s.selectedEdge));
  return (
    <aside className="inspector" aria-label="Inspector">
      {kind === 'none' && link === undefined && (
        <p className="inspector__hint">
          Select a node on the canvas to see its options, or add one from the palette. Drag from a node’s bottom handle
          to another node’s top handle to connect a child; select an edge to choose how the child is defined.
        </p>
      )}
      {/* Keyed by id, so a field's refused text never carries over to another node. */}
      {kind === 'node' && selectedId !== null && <NodeInspector key={selectedId} nodeId={selectedId} />}
      {kind === 'frontend' && selectedId !== null && <FrontendInspector key={selectedId} frontendId={selectedId} />}
      {kind === 'object' && selectedId !== null && <ObjectInspector key={selectedId} objectId={selectedId} />}
      {kind === 'ghost' && selectedId !== null && <GhostInspector key={selectedId} name={selectedId} />}
      {kind === 'collapsed' && selectedId !== null && <CollapsedInspector key={selectedId} id={selectedId} />}
      {link !== undefined && <LinkInspector key={linkEdgeId(link)} link={link} />}
    </aside>
  );
}

function kindOf(graph: BlockGraph, id: string | null): SelectionKind {
  if (id === null) return 'none';
  if (Object.hasOwn(graph.nodes, id)) return 'node';
  if (Object.hasOwn(graph.frontends, id)) return 'frontend';
  return Object.hasOwn(graph.objects, id) ? 'object' : 'none';
}

/** The child link whose edge is selected (the same object until that link changes), if any. */
function selectedLink(graph: BlockGraph, edgeId: string | null): ChildLink | undefined {
  return edgeId === null ? undefined : graph.links.find((l) => linkEdgeId(l) === edgeId);
}
