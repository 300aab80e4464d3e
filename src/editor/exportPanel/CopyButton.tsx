import { useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

const CAPTION: Record<CopyState, string> = { idle: 'Copy', copied: 'Copied', failed: 'Copy failed' };

/** Copies `text` to the clipboard and says whether it worked. */
export function CopyButton({ text }: { text: string }) {
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
    <button
      type="button"
      className="export-panel__copy"
      onClick={copy}
      onBlur={() => {
        setState('idle');
      }}
    >
      {CAPTION[state]}
    </button>
  );
}
