import { useEditorStore } from '../store/editorStore.ts';

/** Removes the inspected node, object or frontend (the Delete key on the canvas does the same). */
export function RemoveButton({ id, label }: { id: string; label: string }) {
  const removeNode = useEditorStore((s) => s.removeNode);
  return (
    <button
      type="button"
      className="inspector__remove"
      aria-label={`Remove ${label}`}
      onClick={() => {
        removeNode(id);
      }}
    >
      Remove
    </button>
  );
}
