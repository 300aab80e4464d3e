import { useEditorStore } from '../store/editorStore.ts';
import { downloadDocument, pickDocumentFile } from './documentFile.ts';
import { openDocumentText } from './session.ts';
import { shareUrl } from './shareLink.ts';

/** Save (button and Ctrl+S): downloads the editor's document as a `.blockgraph.json` file. */
export function saveDocument(): void {
  downloadDocument(useEditorStore.getState().document);
}

/** Open (button and Ctrl+O): asks for a file and opens it over the current document, as one undoable change. */
export function openDocument(): void {
  pickDocumentFile((file) => {
    file.text().then(
      (text) => openDocumentText(useEditorStore, file.name, text),
      (error: unknown) => {
        const details = [error instanceof Error ? error.message : String(error)];
        useEditorStore.getState().showNotice({ tone: 'error', text: `${file.name} cannot be read.`, details });
      },
    );
  });
}

/** A share link and whether it reached the clipboard. */
export interface SharedLink {
  url: string;
  copied: boolean;
}

/** Share: a link to this editor with the document packed in its fragment, copied to the clipboard when allowed. */
export async function shareDocument(): Promise<SharedLink> {
  const url = await shareUrl(window.location, useEditorStore.getState().document);
  try {
    await navigator.clipboard.writeText(url);
    return { url, copied: true };
  } catch {
    return { url, copied: false };
  }
}
