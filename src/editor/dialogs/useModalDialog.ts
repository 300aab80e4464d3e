import { useEffect, useRef, type RefObject } from 'react';

/**
 * Shows a `<dialog>` as a modal while it is mounted (the browser keeps the focus inside it and
 * closes it with Escape), calls `onClose` when it closes, and gives the focus back to where it was.
 */
export function useModalDialog(onClose: () => void): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const onDialogClose = () => {
      closeRef.current();
    };
    dialog.addEventListener('close', onDialogClose);
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.removeEventListener('close', onDialogClose);
      if (dialog.open) dialog.close();
      if (before?.isConnected === true) before.focus();
    };
  }, []);
  return ref;
}
