import { useImportDialog } from './importDialogStore.ts';

/** Import…: opens the import dialog, empty, to paste or type any text blockgraph reads. */
export function ImportButton() {
  return (
    <button
      type="button"
      className="header-bar__button"
      aria-label="Import"
      aria-haspopup="dialog"
      title="Import a QMP script, a QEMU command line, -drive/-blockdev values, a json: filename or QEMU query replies (or paste or drop one on the canvas)"
      onClick={() => {
        useImportDialog.getState().openImport();
      }}
    >
      Import…
    </button>
  );
}
