import { useEditorStore, type Notice } from '../store/editorStore.ts';

/** The store's notice, dismissed through the store. */
export function NoticeBar() {
  const notice = useEditorStore((s) => s.notice);
  return (
    <NoticeView
      notice={notice}
      onDismiss={() => {
        useEditorStore.getState().showNotice(null);
      }}
    />
  );
}

/**
 * A notice about a file, a link or autosave (not about the last edit: that is the alert's), with its
 * diagnostics one per line. A polite live region, always present, so screen readers announce new notices.
 */
export function NoticeView({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  return (
    <div
      role="status"
      aria-label="Notice"
      className={notice === null ? 'notice-bar' : `notice-bar is-visible notice-bar--${notice.tone}`}
    >
      {notice !== null && (
        <>
          <div className="notice-bar__body">
            <p className="notice-bar__text">{notice.text}</p>
            {notice.details.length > 0 && (
              <ul className="notice-bar__details">
                {notice.details.map((line, i) => (
                  <li key={i}>
                    <code>{line}</code>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
