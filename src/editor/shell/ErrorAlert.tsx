import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../store/editorStore.ts';

/** Why the last edit was refused. The live region is always present, so screen readers announce new content. */
export function ErrorAlert() {
  const { lastError, dismissError } = useEditorStore(
    useShallow((s) => ({ lastError: s.lastError, dismissError: s.dismissError })),
  );
  return (
    <div role="alert" className={lastError.length > 0 ? 'error-alert is-visible' : 'error-alert'}>
      {lastError.length > 0 && (
        <>
          <ul>
            {lastError.map((d, i) => (
              <li key={i}>
                {d.message} <code>{d.code}</code>
              </li>
            ))}
          </ul>
          <button type="button" onClick={dismissError}>
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
