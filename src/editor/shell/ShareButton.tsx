import { useId, useState } from 'react';
import { shareDocument, type SharedLink } from '../persistence/commands.ts';

/**
 * Share: makes a link with the document packed in its fragment (which never leaves the browser),
 * copies it when the browser allows, and shows it in a field to copy by hand.
 */
export function ShareButton() {
  const [shared, setShared] = useState<SharedLink | null>(null);
  const panelId = useId();
  return (
    <div className="share">
      <button
        type="button"
        className="header-bar__button"
        aria-label="Share"
        title="Share: a link with the document in it (nothing is uploaded)"
        aria-expanded={shared !== null}
        aria-controls={panelId}
        onClick={() => {
          void shareDocument().then(setShared);
        }}
      >
        Share
      </button>
      {shared !== null && (
        <div id={panelId} className="share__panel" role="dialog" aria-label="Share link">
          <label className="share__label">
            {shared.copied ? 'Link copied to the clipboard:' : 'Copy this link:'}
            <input
              className="share__url"
              type="text"
              readOnly
              aria-label="Share link"
              value={shared.url}
              onFocus={(event) => {
                event.currentTarget.select();
              }}
            />
          </label>
          <p className="share__note">The document is inside the link, after the #: it is never sent to a server.</p>
          <button
            type="button"
            onClick={() => {
              setShared(null);
            }}
          >
            Close
          </button>
        </div>
      )}
    </div>
  );
}
