import { Position, type InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { seedSimpleTree } from '../../model/fixtures/index.ts';
import type { FlowNode } from '../canvas/flowTypes.ts';
import { toFlow } from '../canvas/toFlow.ts';
import { exportPicture, type FlowDrawing } from './exportPicture.ts';

/** The seed as React Flow's store holds it once drawn: absolute positions, measured sizes, a handle per end. */
function drawnSeed(): FlowDrawing {
  const flow = toFlow(seedSimpleTree());
  const handle = (id: string | null, y: number, position: Position) => ({
    id,
    x: 80,
    y,
    width: 10,
    height: 10,
    position,
  });
  const nodeLookup = new Map(
    flow.nodes.map((node) => {
      const internal = {
        ...node,
        measured: { width: 170, height: 60 },
        internals: {
          positionAbsolute: node.position,
          z: 0,
          userNode: node,
          handleBounds: {
            source: [handle(null, 55, Position.Bottom)],
            target: [handle(null, -5, Position.Top)],
          },
        },
      };
      return [node.id, internal as unknown as InternalNode<FlowNode>];
    }),
  );
  return { nodeLookup, edges: flow.edges };
}

/** A page without a 2D canvas or images (as in Node), that records the downloads it is asked for. */
function fakePage() {
  const downloads: { name: string; href: string }[] = [];
  const doc = {
    defaultView: null,
    createElement: (tag: string) =>
      tag === 'a'
        ? {
            href: '',
            download: '',
            click(this: { href: string; download: string }) {
              downloads.push({ name: this.download, href: this.href });
            },
          }
        : { getContext: () => null },
  };
  return { doc: doc as unknown as Document, downloads };
}

describe('exportPicture', () => {
  it('downloads the SVG of the whole graph, named after the document, and says so', async () => {
    const { doc, downloads } = fakePage();
    const notice = await exportPicture(drawnSeed(), 'svg', 'theme', { document: doc, styleRoot: {} as Element });
    expect(notice).toMatchObject({
      tone: 'info',
      text: expect.stringMatching(/^Exported graph\.svg \(\d+ × \d+, 5 nodes\)\.$/) as string,
    });
    expect(downloads.map((d) => d.name)).toEqual(['graph.svg']);
    expect(downloads[0]?.href).toMatch(/^blob:/);
  });

  it('reports a PNG the browser cannot draw as a notice, never an exception', async () => {
    const { doc, downloads } = fakePage();
    const notice = await exportPicture(drawnSeed(), 'png', 'transparent', { document: doc, styleRoot: {} as Element });
    expect(notice.tone).toBe('error');
    expect(notice.text).toBe('The PNG picture could not be made.');
    expect(notice.details[0]).toMatch(/^The picture could not be drawn: /);
    expect(downloads).toEqual([]);
  });
});
