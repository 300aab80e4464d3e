import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { graph, quorumOfThree } from '../../model/fixtures/index.ts';
import type { BlockGraph } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { BlockNodeView } from './BlockNodeView.tsx';
import type { BlockFlowNode } from './flowTypes.ts';
import { toFlow } from './toFlow.ts';

const initial = useEditorStore.getState();
afterEach(() => {
  useEditorStore.setState(initial, true);
});

/** Renders a block node of `doc` as the canvas does, with `doc` in the editor's store. */
function render(doc: BlockGraph, id: string): string {
  useEditorStore.setState({ document: doc });
  const node = toFlow(doc).nodes.find((n): n is BlockFlowNode => n.type === 'block' && n.id === id);
  if (node === undefined) throw new Error(`no block node ${id}`);
  const props = {
    id,
    type: 'block',
    data: node.data,
    selected: false,
    dragging: false,
    draggable: true,
    selectable: true,
    deletable: true,
    isConnectable: true,
    zIndex: 0,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
  } satisfies NodeProps<BlockFlowNode>;
  return renderToStaticMarkup(
    <ReactFlowProvider>
      <BlockNodeView {...props} />
    </ReactFlowProvider>,
  );
}

/** The labelled handles of rendered markup, `[handle id, aria-label]` (the hidden association handle has no label). */
function handles(html: string): [string, string][] {
  return [...html.matchAll(/<div[^>]*data-handleid="([^"]*)"[^>]*aria-label="([^"]*)"/g)].map((m) => [
    m[1] ?? '',
    m[2] ?? '',
  ]);
}

describe('BlockNodeView', () => {
  it('shows one labelled handle per child role, required and optional apart, and flags a missing required one', () => {
    const html = render(graph().node('disk', 'qcow2').build(), 'disk');
    expect(handles(html)).toEqual([
      ['parent', 'parents attach here'],
      ['role:file', 'file: required, empty'],
      ['role:backing', 'backing: optional, empty'],
      ['role:data-file', 'data-file: optional, empty'],
    ]);
    expect(html).toContain('class="canvas-port is-required is-empty is-missing"');
    expect(html).toContain('class="canvas-port is-optional is-empty"');
    expect(html).toContain(
      '<span id="node-desc-disk" class="canvas-node__missing">Missing required child: file</span>',
    );
    expect(html).toContain('has-missing');
  });

  it('grows a list role with its children and keeps a free “add” handle; nothing is flagged once filled', () => {
    const html = render(quorumOfThree(), 'quorum0');
    expect(handles(html).map(([id]) => id)).toEqual([
      'parent',
      'role:children.0',
      'role:children.1',
      'role:children.2',
      'role:children',
    ]);
    expect(html).toContain('aria-label="children: add a child"');
    expect(html).not.toContain('node-desc-quorum0');
    expect(html).not.toContain('has-missing');
  });

  it('draws no output handle for a driver without children', () => {
    const html = render(graph().node('f', 'file', { filename: 'a' }).build(), 'f');
    expect(handles(html).map(([id]) => id)).toEqual(['parent']);
  });
});
