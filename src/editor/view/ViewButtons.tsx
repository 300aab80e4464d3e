import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { FlowNode, RoleFlowEdge } from '../canvas/flowTypes.ts';
import { isTypingTarget, type KeyPress } from '../keyboard/shortcuts.ts';
import { autoLayout } from '../layout/autoLayout.ts';
import { canvasGeometry } from '../layout/canvasGeometry.ts';
import { startLayoutWorker, workerLayoutRunner, type LayoutRunner } from '../layout/layoutClient.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { useViewStore, type LayoutStatus } from './viewStore.ts';

/** What a view shortcut does. */
export type ViewAction = 'layout' | 'fitView' | 'minimap';

/** How each view shortcut is written in tooltips and the help. */
export const VIEW_SHORTCUT_KEYS: Readonly<Record<ViewAction, string>> = {
  layout: 'Shift+L',
  fitView: 'Shift+F',
  minimap: 'Shift+M',
};

const WITH_SHIFT: Readonly<Record<string, ViewAction>> = { l: 'layout', f: 'fitView', m: 'minimap' };

/**
 * The view action a key press stands for: Shift and a letter, nothing else held.
 *
 * @example viewShortcutOf({ key: 'L', shiftKey: true, ctrlKey: false, metaKey: false, altKey: false }) // 'layout'
 */
export function viewShortcutOf(press: KeyPress): ViewAction | undefined {
  if (!press.shiftKey || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  const key = press.key.toLowerCase();
  return Object.hasOwn(WITH_SHIFT, key) ? WITH_SHIFT[key] : undefined;
}

/** How the canvas fits its view (as when a document is opened). */
const FIT_VIEW = { padding: 0.2, maxZoom: 1 };

/** The one layout runner of the page: its worker starts on the first Layout. */
let runner: LayoutRunner | undefined;
function layoutRunner(): LayoutRunner {
  runner ??= workerLayoutRunner(startLayoutWorker);
  return runner;
}

/**
 * The view toolbar: Layout (ELK, in a worker; one undo entry), Fit view, and the minimap toggle,
 * each with a Shift+letter shortcut; while a layout runs, its progress and a Cancel button.
 */
export function ViewButtons() {
  const { fitView } = useReactFlow<FlowNode, RoleFlowEdge>();
  const flow = useStoreApi<FlowNode, RoleFlowEdge>();
  const minimap = useViewStore((s) => s.minimap);
  const status = useViewStore((s) => s.layout);
  const empty = useEditorStore(
    (s) => isEmpty(s.document.nodes) && isEmpty(s.document.frontends) && isEmpty(s.document.objects),
  );
  const [actions] = useState(() => ({
    layout: () => {
      void autoLayout({
        editor: useEditorStore,
        view: useViewStore,
        runner: layoutRunner(),
        geometry: () => canvasGeometry(flow.getState().nodeLookup.values()),
        // After the document's new positions reach the canvas.
        fitView: () => requestAnimationFrame(() => void fitView(FIT_VIEW)),
        now: () => Date.now(),
      });
    },
    fitView: () => void fitView(FIT_VIEW),
    minimap: () => {
      useViewStore.getState().toggleMinimap();
    },
  }));
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target as HTMLElement | null)) return;
      const action = viewShortcutOf(event);
      if (action === undefined) return;
      event.preventDefault();
      actions[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [actions]);
  return (
    <ViewButtonsView
      minimap={minimap}
      status={status}
      empty={empty}
      onLayout={actions.layout}
      onFitView={actions.fitView}
      onMinimap={actions.minimap}
      onCancel={() => {
        layoutRunner().cancel();
      }}
    />
  );
}

/** The view toolbar as its state draws it. */
export function ViewButtonsView({
  minimap,
  status,
  empty,
  onLayout,
  onFitView,
  onMinimap,
  onCancel,
}: {
  minimap: boolean;
  status: LayoutStatus;
  empty: boolean;
  onLayout: () => void;
  onFitView: () => void;
  onMinimap: () => void;
  onCancel: () => void;
}) {
  const running = status.state === 'running';
  return (
    <div className="header-bar__group" role="group" aria-label="View">
      <button
        type="button"
        className="header-bar__button"
        aria-label="Layout"
        title={`Lay the graph out automatically (${VIEW_SHORTCUT_KEYS.layout})`}
        disabled={running || empty}
        onClick={onLayout}
      >
        ⇅ Layout
      </button>
      <button
        type="button"
        className="header-bar__button"
        aria-label="Fit view"
        title={`Fit the whole graph in view (${VIEW_SHORTCUT_KEYS.fitView})`}
        onClick={onFitView}
      >
        ⤢ Fit view
      </button>
      <button
        type="button"
        className="header-bar__button"
        aria-label="Minimap"
        aria-pressed={minimap}
        title={`Show or hide the minimap (${VIEW_SHORTCUT_KEYS.minimap})`}
        onClick={onMinimap}
      >
        ▣ Minimap
      </button>
      <span className="layout-status" role="status" aria-label="Layout progress">
        {running && (
          <>
            <progress aria-label={`Laying out ${String(status.nodes)} nodes`} />
            Laying out {status.nodes} nodes…
            <button type="button" className="header-bar__button" onClick={onCancel}>
              Cancel layout
            </button>
          </>
        )}
      </span>
    </div>
  );
}

function isEmpty(record: Readonly<Record<string, unknown>>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return false;
  return true;
}
