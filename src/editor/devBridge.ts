import type { BlockGraph } from '../model/index.ts';
import { useEditorStore } from './store/editorStore.ts';

/** What tests may read from a running editor (`window.__blockgraph`). */
export interface DevBridge {
  getDocument: () => BlockGraph;
}

declare global {
  interface Window {
    __blockgraph?: DevBridge;
  }
}

/** The bridge is there in development and test builds, and in production only when the URL has `?e2e`. */
export function wantsDevBridge(mode: string, search: string): boolean {
  return mode !== 'production' || new URLSearchParams(search).has('e2e');
}

/** Exposes the store's document on `window.__blockgraph`, so tests assert on the model and not on pixels. */
export function installDevBridge(): void {
  window.__blockgraph = { getDocument: () => useEditorStore.getState().document };
}
