import type { BlockGraph } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { FrontendInspector } from './FrontendInspector.tsx';
import { NodeInspector } from './NodeInspector.tsx';
import { ObjectInspector } from './ObjectInspector.tsx';

type SelectionKind = 'node' | 'frontend' | 'object' | 'none';

/** The right panel: details and options of the selected node, frontend or object. */
export function Inspector() {
  const selectedId = useEditorStore((s) => s.selectedId);
  const kind = useEditorStore((s) => kindOf(s.document, s.selectedId));
  return (
    <aside className="inspector" aria-label="Inspector">
      {kind === 'none' && (
        <p className="inspector__hint">
          Select a node on the canvas to see its options, or add one from the palette. Drag from a node’s bottom handle
          to another node’s top handle to connect a child.
        </p>
      )}
      {/* Keyed by id, so a field's refused text never carries over to another node. */}
      {kind === 'node' && selectedId !== null && <NodeInspector key={selectedId} nodeId={selectedId} />}
      {kind === 'frontend' && selectedId !== null && <FrontendInspector key={selectedId} frontendId={selectedId} />}
      {kind === 'object' && selectedId !== null && <ObjectInspector key={selectedId} objectId={selectedId} />}
    </aside>
  );
}

function kindOf(graph: BlockGraph, id: string | null): SelectionKind {
  if (id === null) return 'none';
  if (Object.hasOwn(graph.nodes, id)) return 'node';
  if (Object.hasOwn(graph.frontends, id)) return 'frontend';
  return Object.hasOwn(graph.objects, id) ? 'object' : 'none';
}
