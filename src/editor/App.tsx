import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas.tsx';
import { DiagnosticsPanel } from './diagnostics/DiagnosticsPanel.tsx';
import { ExportPanel } from './exportPanel/ExportPanel.tsx';
import { ImagesPanel } from './images/ImagesPanel.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { Palette } from './palette/Palette.tsx';
import { ErrorAlert } from './shell/ErrorAlert.tsx';
import { HeaderBar } from './shell/HeaderBar.tsx';

/**
 * The editor: panels around the canvas. The flow provider lets the palette place nodes in the current view
 * and the diagnostics centre the view on a node.
 */
export function App() {
  return (
    <ReactFlowProvider>
      <div className="app">
        <HeaderBar />
        <div className="sidebar">
          <Palette />
          <ImagesPanel />
        </div>
        <main className="workspace">
          <ErrorAlert />
          <Canvas />
          <div className="workspace__bottom">
            <ExportPanel />
            <DiagnosticsPanel />
          </div>
        </main>
        <Inspector />
      </div>
    </ReactFlowProvider>
  );
}
