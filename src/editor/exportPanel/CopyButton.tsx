import { useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const CAPTION: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };
const ANNOUNCEMENT: Record<CopyState, string> = {
  idle: '',
  copied: 'Copied to the clipboard',
  failed: 'The browser did not allow copying to the clipboard',
};

/**
 * Copies `text` to the clipboard and says whether it worked: the caption changes until the button
 * loses focus, and a polite live region announces it. `label` names the button when a panel has
 * several (`Copy rollback`); the caption is then its visible text only.
 */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => {
        setState('copied');
      },
      () => {
        setState('failed');
      },
    );
  };
  return (
    <>
      <button
        type="button"
        className="export-panel__copy"
        aria-label={label}
        onClick={copy}
        onBlur={() => {
          setState('idle');
        }}
      >
        {CAPTION[state]}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {ANNOUNCEMENT[state]}
      </span>
    </>
  );
}
