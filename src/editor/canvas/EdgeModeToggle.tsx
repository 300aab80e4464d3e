import { useEditorStore } from '../store/editorStore.ts';
import { linkEdgeId } from './toFlow.ts';

/**
 * On the selected edge's label: switches the link between inline (the child defined inside its
 * parent, inheriting from it) and reference (added on its own, named). A refusal (a child defined
 * inline by two parents, an unnamed child referenced) shows in the editor's alert, as any edit's.
 */
export function EdgeModeToggle({ edgeId }: { edgeId: string }) {
  const link = useEditorStore((s) => s.document.links.find((l) => linkEdgeId(l) === edgeId));
  const setLinkMode = useEditorStore((s) => s.setLinkMode);
  if (link === undefined) return null;
  const next = link.mode === 'inline' ? 'reference' : 'inline';
  return (
    <button
      type="button"
      className="edge-label__toggle nodrag nopan"
      aria-label={`Make ${link.parent} → ${link.child} (${link.role}) ${next === 'inline' ? 'inline' : 'a reference'}`}
      title={next === 'inline' ? 'Define the child inside its parent' : 'Add the child on its own and name it'}
      onClick={(event) => {
        event.stopPropagation();
        setLinkMode({ parent: link.parent, role: link.role, mode: next });
      }}
    >
      {next === 'inline' ? 'make inline' : 'make ref'}
    </button>
  );
}
