import '@xyflow/react/dist/style.css';
import './styles/index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { installDevBridge, wantsDevBridge } from './devBridge.ts';
import { localStorageOf } from './persistence/autosave.ts';
import { startSession } from './persistence/session.ts';
import { useEditorStore } from './store/editorStore.ts';

if (wantsDevBridge(import.meta.env.MODE, window.location.search)) installDevBridge();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
// The last document (or a share link's) is in before the first render, so the view fits it.
void startSession(useEditorStore, {
  storage: localStorageOf(window),
  location: window.location,
  history: window.history,
  window,
  document,
  now: () => new Date(),
}).then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
