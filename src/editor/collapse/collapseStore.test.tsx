import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { generateVmGraph } from '../../model/fixtures/index.ts';
import type { BlockGraph } from '../../model/index.ts';
import { CollapsedNodeView, selectHiddenProblems } from '../canvas/CollapsedNodeView.tsx';
import { collapseFlow } from '../canvas/collapsedFlow.ts';
import type { CollapsedFlowNode } from '../canvas/flowTypes.ts';
import { toFlow } from '../canvas/toFlow.ts';
import { createEditorState, useEditorStore } from '../store/editorStore.ts';
import { collapsedNodeId } from './chains.ts';
import { ChainSectionView, selectChainOffer } from './ChainSection.tsx';
import { CollapsedInspectorView, selectCollapsedSummary } from './CollapsedInspector.tsx';

/** A 6-layer chain whose layer 3 has an option QEMU refuses. */
function sixLayers(): BlockGraph {
  const doc = generateVmGraph({ disks: 1, depth: 6, throttled: 0, unnamed: 0, seed: 2 });
  const l3 = doc.nodes['d0-l3'];
  if (l3 === undefined) throw new Error('no layer 3');
  return { ...doc, nodes: { ...doc.nodes, 'd0-l3': { ...l3, options: { ...l3.options, discard: 'sometimes' } } } };
}

const initial = useEditorStore.getState();
afterEach(() => {
  useEditorStore.setState(initial, true);
});

describe('collapsing and expanding with the store', () => {
  it('are one undo entry each, select the collapsed node then the top, and keep every position', () => {
    const store = createStore(createEditorState(sixLayers()));
    const before = store.getState().document;
    expect(selectChainOffer(store.getState(), 'd0-l0')).toEqual({ layers: 5, collapsed: false });
    expect(selectChainOffer(store.getState(), 'd0-l5')).toEqual({ layers: 0, collapsed: false });

    expect(store.getState().collapseChain('d0-l0')).toBe(true);
    expect(store.getState().selectedId).toBe(collapsedNodeId('d0-l0'));
    expect(selectChainOffer(store.getState(), 'd0-l0')).toEqual({ layers: 5, collapsed: true });
    expect(store.getState().document.layout.positions).toBe(before.layout.positions);
    expect(store.getState().collapseChain('d0-l0')).toBe(false);

    store.getState().undo();
    expect(store.getState().document).toBe(before);
    store.getState().redo();
    expect(store.getState().expandChain('d0-l0')).toBe(true);
    expect(store.getState().selectedId).toBe('d0-l0');
    expect(store.getState().document.layout).toEqual(before.layout);
    expect(store.getState().history.past).toHaveLength(2);
  });

  it('move a collapsed node’s hidden layers with it, as one change', () => {
    const store = createStore(createEditorState(sixLayers()));
    store.getState().collapseChain('d0-l0');
    const positions = store.getState().document.layout.positions;
    const head = positions['d0-l1'] ?? { x: 0, y: 0 };
    store.getState().moveNodes({ [collapsedNodeId('d0-l0')]: { x: head.x + 50, y: head.y + 10 } });
    const moved = store.getState().document.layout.positions;
    expect(moved['d0-l5']).toEqual({ x: (positions['d0-l5']?.x ?? 0) + 50, y: (positions['d0-l5']?.y ?? 0) + 10 });
    expect(moved[collapsedNodeId('d0-l0')]).toBeUndefined();
    store.getState().undo();
    expect(store.getState().document.layout.positions).toBe(positions);
  });
});

describe('the collapsed chain’s inspector', () => {
  it('lists the hidden layers top down, what is hidden with them, and offers Expand', () => {
    const store = createStore(createEditorState(sixLayers()));
    store.getState().collapseChain('d0-l0');
    const summary = selectCollapsedSummary(store.getState(), collapsedNodeId('d0-l0'));
    if (summary === undefined) throw new Error('no summary');
    expect(summary).toEqual({
      top: 'd0-l0',
      title: '5 more layers',
      base: 'd0-l5.qcow2',
      layers: ['d0-l1', 'd0-l2', 'd0-l3', 'd0-l4', 'd0-l5'].map((id) => `${id} (qcow2)`),
      extras: ['d0-l1', 'd0-l2', 'd0-l3', 'd0-l4', 'd0-l5'].map((id) => `${id}-file (file)`),
    });
    // The same object while the document stays (selectors compare it by reference).
    expect(selectCollapsedSummary(store.getState(), collapsedNodeId('d0-l0'))).toBe(summary);
    expect(selectCollapsedSummary(store.getState(), 'd0-l0')).toBeUndefined();
    const html = renderToStaticMarkup(
      <CollapsedInspectorView summary={summary} problems={['d0-l3: <b>bad</b>']} onExpand={() => undefined} />,
    );
    expect(html).toContain('<h2>5 more layers</h2>');
    expect(html).toContain('down to the base image d0-l5.qcow2');
    expect(html).toContain('<li>d0-l3 (qcow2)</li>');
    expect(html).toContain('&lt;b&gt;bad&lt;/b&gt;');
    expect(html).toContain('>Expand</button>');
    store.getState().expandChain('d0-l0');
    expect(selectCollapsedSummary(store.getState(), collapsedNodeId('d0-l0'))).toBeUndefined();
  });

  it('offers Collapse on a node with a backing chain, Expand once it is collapsed, nothing without one', () => {
    const html = (layers: number, collapsed: boolean) =>
      renderToStaticMarkup(<ChainSectionView nodeId="disk" offer={{ layers, collapsed }} onToggle={() => undefined} />);
    expect(html(3, false)).toContain('3 image layers below disk.');
    expect(html(3, false)).toContain('>Collapse backing chain</button>');
    expect(html(1, true)).toContain('1 image layer below disk, drawn as one node.');
    expect(html(1, true)).toContain('>Expand backing chain</button>');
    expect(html(0, false)).toBe('');
  });
});

describe('CollapsedNodeView', () => {
  it('shows the count and the base image, with an Expand button; the hidden layers’ problems are its own', () => {
    const doc = sixLayers();
    useEditorStore.getState().replaceDocument(doc);
    useEditorStore.getState().collapseChain('d0-l0');
    const graph = useEditorStore.getState().document;
    const node = collapseFlow(toFlow(graph), graph).nodes.find((n): n is CollapsedFlowNode => n.type === 'collapsed');
    if (node === undefined) throw new Error('no collapsed node');
    const props = {
      id: node.id,
      type: 'collapsed',
      data: node.data,
      selected: false,
      dragging: false,
      draggable: true,
      selectable: true,
      deletable: false,
      isConnectable: false,
      zIndex: 0,
      positionAbsoluteX: 0,
      positionAbsoluteY: 0,
    } satisfies NodeProps<CollapsedFlowNode>;
    const html = renderToStaticMarkup(
      <ReactFlowProvider>
        <CollapsedNodeView {...props} />
      </ReactFlowProvider>,
    );
    expect(html).toContain('<div class="canvas-node__title">5 more layers</div>');
    expect(html).toContain('down to <span class="canvas-node__base">d0-l5.qcow2</span>');
    expect(html).toContain('aria-label="Expand the backing chain of d0-l0"');
    // Server rendering reads the store's initial state, so the problems are checked through the selector the view uses.
    expect(selectHiddenProblems(useEditorStore.getState(), node.data.hidden)).toEqual([
      expect.stringMatching(/^d0-l3: .*sometimes/),
    ]);
  });
});
