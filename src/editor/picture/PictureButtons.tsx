import { useStoreApi } from '@xyflow/react';
import { memo, useCallback, useState } from 'react';
import type { FlowNode, RoleFlowEdge } from '../canvas/flowTypes.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { exportPicture } from './exportPicture.ts';
import type { PictureFormat } from './pictureFile.ts';

/**
 * Export PNG, Export SVG and the picture's background (the theme's, or transparent for a slide of any
 * colour): pictures of the whole graph, named after the document. What happened shows as a notice.
 */
export const PictureButtons = memo(function PictureButtons() {
  const flow = useStoreApi<FlowNode, RoleFlowEdge>();
  const [transparent, setTransparent] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    (format: PictureFormat) => {
      const { nodeLookup, edges, domNode } = flow.getState();
      setBusy(true);
      void exportPicture({ nodeLookup, edges }, format, transparent ? 'transparent' : 'theme', {
        document,
        styleRoot: domNode ?? document.documentElement,
      }).then((notice) => {
        setBusy(false);
        useEditorStore.getState().showNotice(notice);
      });
    },
    [flow, transparent],
  );
  return (
    <div className="header-bar__group" role="group" aria-label="Picture">
      <button
        type="button"
        className="header-bar__button"
        title="Export the whole graph as a PNG image"
        aria-disabled={busy}
        onClick={() => {
          if (!busy) run('png');
        }}
      >
        Export PNG
      </button>
      <button
        type="button"
        className="header-bar__button"
        title="Export the whole graph as an SVG drawing (text stays text)"
        aria-disabled={busy}
        onClick={() => {
          if (!busy) run('svg');
        }}
      >
        Export SVG
      </button>
      <button
        type="button"
        className="header-bar__button"
        aria-pressed={transparent}
        title="Pictures without a background, for slides of any colour"
        onClick={() => {
          setTransparent((on) => !on);
        }}
      >
        Transparent background
      </button>
    </div>
  );
});
