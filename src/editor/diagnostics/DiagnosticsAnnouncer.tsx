import { memo, useEffect, useRef, useState } from 'react';
import type { Diagnostic } from '../../model/index.ts';
import { diagnosticsAnnouncement, diagnosticsCountText } from './diagnosticsAnnouncement.ts';

/** How long the diagnostics must stay unchanged before they are announced (typing in a field settles first). */
export const ANNOUNCE_DELAY_MS = 600;

/**
 * A polite live region that says, once an edit has settled, the count of diagnostics and the first
 * new problem (`diagnosticsAnnouncement`): one message per settled change, none when the diagnostics
 * did not change, so typing or dragging never floods a screen reader.
 */
export const DiagnosticsAnnouncer = memo(function DiagnosticsAnnouncer({
  diagnostics,
}: {
  diagnostics: readonly Diagnostic[];
}) {
  const announced = useRef(diagnostics);
  const [text, setText] = useState(() => diagnosticsCountText(diagnostics.length));
  useEffect(() => {
    const timer = setTimeout(() => {
      const message = diagnosticsAnnouncement(announced.current, diagnostics);
      announced.current = diagnostics;
      if (message !== undefined) setText(message);
    }, ANNOUNCE_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [diagnostics]);
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="diagnostics.announcement">
      {text}
    </p>
  );
});
