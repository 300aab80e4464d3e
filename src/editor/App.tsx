import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas.tsx';
import { DiagnosticsPanel } from './diagnostics/DiagnosticsPanel.tsx';
import { ExportPanel } from './exportPanel/ExportPanel.tsx';
import { ImagesPanel } from './images/ImagesPanel.tsx';
import { EditorDialogs } from './dialogs/EditorDialogs.tsx';
import { ImportDialog } from './importDialog/ImportDialog.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { useCommandKeys } from './keyboard/useCommandKeys.ts';
import { useShortcuts } from './keyboard/useShortcuts.ts';
import { Palette } from './palette/Palette.tsx';
import { ErrorAlert } from './shell/ErrorAlert.tsx';
import { HeaderBar } from './shell/HeaderBar.tsx';
import { NoticeBar } from './shell/NoticeBar.tsx';
import { useThemeOnPage } from './theme/useThemeOnPage.ts';

/**
 * The editor: panels around the canvas. The flow provider lets the palette place nodes in the current view
 * and the diagnostics centre the view on a node. The keyboard shortcuts work anywhere on the page.
 */
export function App() {
  useShortcuts();
  useCommandKeys();
  useThemeOnPage();
  return (
    <ReactFlowProvider>
      <div className="app">
        <HeaderBar />
        <div className="sidebar">
          <Palette />
          <ImagesPanel />
        </div>
        <main className="workspace">
          <div className="workspace__messages">
            <ErrorAlert />
            <NoticeBar />
          </div>
          <Canvas />
          <div className="workspace__bottom">
            <ExportPanel />
            <DiagnosticsPanel />
          </div>
        </main>
        <Inspector />
      </div>
      <ImportDialog />
      <EditorDialogs />
    </ReactFlowProvider>
  );
}
