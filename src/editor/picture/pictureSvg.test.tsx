import { Position } from '@xyflow/react';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graph, seedSimpleTree, throttleWithGroup } from '../../model/fixtures/index.ts';
import type { BlockGraph } from '../../model/index.ts';
import { HANDLE, type FlowNode } from '../canvas/flowTypes.ts';
import { toFlow } from '../canvas/toFlow.ts';
import { drawnEdges, handlePoint, type DrawnHandle, type DrawnNode } from './drawing.ts';
import { LIGHT_PALETTE, readPalette } from './picturePalette.ts';
import { curveExtremes, PICTURE_MARGIN, pictureBounds, pictureSvg, type PictureBackground } from './pictureSvg.ts';
import { escapeXml, estimateTextWidth, num } from './svgMarkup.ts';

const SIZE = { width: 180, height: 72 };

/** Handles as the canvas lays them out: role ports spread along the bottom, the parent handle on top. */
function handlesOf(node: FlowNode): { sources: DrawnHandle[]; targets: DrawnHandle[] } {
  const at = (id: string, x: number, y: number, position: Position): DrawnHandle => ({
    id,
    x,
    y,
    width: 10,
    height: 10,
    position,
  });
  const top = at(HANDLE.parent, SIZE.width / 2 - 5, -5, Position.Top);
  if (node.type === 'block') {
    const step = SIZE.width / (node.data.ports.length + 1);
    const ports = node.data.ports.map((p, i) => at(p.handleId, step * (i + 1) - 5, SIZE.height - 5, Position.Bottom));
    return { sources: ports, targets: [top] };
  }
  if (node.type === 'object') return { sources: [], targets: [at(HANDLE.associationIn, -5, 30, Position.Left)] };
  return { sources: [at(HANDLE.children, SIZE.width / 2 - 5, SIZE.height - 5, Position.Bottom)], targets: [top] };
}

/** A document drawn as the canvas would: every node at its layout position, at a fixed size. */
function drawn(doc: BlockGraph): { nodes: DrawnNode[]; edges: ReturnType<typeof drawnEdges> } {
  const flow = toFlow(doc);
  const nodes = flow.nodes.map((node) => ({ node, ...node.position, ...SIZE, ...handlesOf(node) }));
  return { nodes, edges: drawnEdges(flow.edges, nodes) };
}

function svgOf(doc: BlockGraph, background: PictureBackground = 'theme') {
  const { nodes, edges } = drawn(doc);
  return pictureSvg(nodes, edges, LIGHT_PALETTE, {
    margin: PICTURE_MARGIN,
    background,
    measureText: estimateTextWidth,
    title: 'graph',
  });
}

/** Checks that tags nest and close (what an XML parser would refuse first); returns the element names in order. */
function elementNames(svg: string): string[] {
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  const open: string[] = [];
  const names: string[] = [];
  for (const [, close, name = '', , selfClosing] of body.matchAll(
    /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g,
  )) {
    if (close === '/') {
      expect(open.pop(), `</${name}> closes the open element`).toBe(name);
    } else {
      names.push(name);
      if (selfClosing !== '/') open.push(name);
    }
  }
  expect(open).toEqual([]);
  // Nothing that looks like a tag is left outside the ones matched: no stray '<' in text.
  expect(body.replace(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g, '')).not.toContain('<');
  return names;
}

/** The text content of every <text> element, unescaped, in order. */
function texts(svg: string): string[] {
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map(([, inner = '']) =>
    unescape(inner.replace(/<[^>]+>/g, '')),
  );
}

describe('pictureSvg', () => {
  it('draws every node with its name and driver as text, every edge with its role, in well-formed SVG', () => {
    const { svg } = svgOf(seedSimpleTree());
    const names = elementNames(svg);
    expect(names[0]).toBe('svg');
    expect(names.filter((n) => n === 'path')).toHaveLength(4);
    const words = texts(svg);
    for (const title of ['vda', 'disk', 'disk-file', 'backing', 'backing-file']) {
      expect(words.some((t) => t === title || t.startsWith(`${title} `))).toBe(true);
    }
    expect(words).toContain('qcow2 format');
    expect(words).toContain('virtio-blk-pci frontend');
    // Edge role labels, and the port labels of qcow2's roles.
    expect(words.filter((t) => t === 'file').length).toBeGreaterThanOrEqual(2);
    expect(words).toContain('root');
    expect(words).toContain('data-file');
  });

  it('fits the whole graph with the margin on each side, wherever the nodes are', () => {
    const doc = seedSimpleTree();
    const moved: BlockGraph = {
      ...doc,
      layout: { positions: { ...doc.layout.positions, 'backing-file': { x: 4000, y: -900 } } },
    };
    const { nodes, edges } = drawn(moved);
    const bounds = pictureBounds(nodes, edges, estimateTextWidth);
    const picture = svgOf(moved);
    expect(picture.width).toBe(Math.ceil(bounds.width + 2 * PICTURE_MARGIN));
    expect(picture.height).toBe(Math.ceil(bounds.height + 2 * PICTURE_MARGIN));
    expect(bounds.x + bounds.width).toBeGreaterThanOrEqual(4000 + SIZE.width);
    // The edge into backing-file comes from below and bends over its top handle, inside its control points.
    const controls = (edges[2]?.path.match(/-?[\d.]+/g) ?? []).map(Number).filter((_, i) => i % 2 === 1);
    expect(bounds.y).toBeLessThan(-905);
    expect(bounds.y).toBeGreaterThan(Math.min(...controls));
    expect(picture.svg).toContain(`translate(${num(PICTURE_MARGIN - bounds.x)} ${num(PICTURE_MARGIN - bounds.y)})`);
  });

  it('has the theme background or none', () => {
    expect(svgOf(seedSimpleTree(), 'theme').svg).toMatch(/<rect width="\d+" height="\d+" fill="#ffffff"\/>/);
    expect(svgOf(seedSimpleTree(), 'transparent').svg).not.toMatch(/<rect width="\d+" height="\d+" fill=/);
  });

  it('draws references dashed with their own arrowhead, and associations dotted', () => {
    const { svg } = svgOf(throttleWithGroup());
    expect(svg).toContain('<marker id="arrow-association"');
    expect(svg).toMatch(
      /<path [^>]*stroke="#c2396f"[^>]*stroke-dasharray="2 5"[^>]*marker-end="url\(#arrow-association\)"/,
    );
    const refs = svgOf(
      graph().node('a', 'qcow2').node('f', 'file', { filename: 'a.qcow2' }).ref('a', 'file', 'f').build(),
    ).svg;
    expect(refs).toMatch(
      /<path [^>]*stroke="#7b45c4"[^>]*stroke-dasharray="7 5"[^>]*marker-end="url\(#arrow-reference\)"/,
    );
    expect(texts(refs)).toContain('ref');
  });

  it('is an empty picture of the margin for an empty graph', () => {
    const picture = svgOf(graph().build());
    expect([picture.width, picture.height]).toEqual([2 * PICTURE_MARGIN, 2 * PICTURE_MARGIN]);
    expect(elementNames(picture.svg)).toEqual(['svg', 'title', 'rect', 'g', 'g', 'g', 'g']);
  });

  it('renders any node name as text, never as markup (property, pinned seed)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (name, raw) => {
          const wanted = `${name}${raw}`.trim() === '' ? 'x' : `${name}${raw}`;
          const doc = graph().node('n', 'file', { filename: 'a' }, { name: 'plain' }).build();
          // Past the model's node-name rules on purpose: the picture must hold whatever it is given.
          const renamed: BlockGraph = { ...doc, nodes: { n: { id: 'n', driver: 'file', options: {}, name: wanted } } };
          const { svg } = svgOf(renamed);
          elementNames(svg);
          expect(svg).toContain(escapeXml(wanted));
        },
      ),
      { seed: 5_042, numRuns: 300 },
    );
  });

  it('names an unnamed node by its id, muted, and flags a missing required child', () => {
    const { svg } = svgOf(graph().node('q', 'qcow2', {}, { name: null }).build());
    expect(texts(svg)).toContain('(unnamed) q');
    expect(texts(svg)).toContain('Missing required child: file');
    expect(texts(svg)).toContain('file !');
  });
});

describe('curveExtremes', () => {
  it('bounds a Bézier by its ends and turning points, not its control points', () => {
    const points = curveExtremes('M0,0 C0,100 100,-100 100,0');
    const ys = points.map(([, y]) => y);
    expect(Math.max(...ys)).toBeCloseTo(28.87, 1);
    expect(Math.min(...ys)).toBeCloseTo(-28.87, 1);
    expect(
      points
        .map(([x]) => x)
        .sort((a, b) => a - b)
        .at(-1),
    ).toBe(100);
    expect(curveExtremes('M0,0 L10,20')).toEqual([
      [0, 0],
      [10, 20],
    ]);
  });
});

describe('handlePoint', () => {
  const [first] = toFlow(seedSimpleTree()).nodes;
  if (first === undefined) throw new Error('the seed draws nodes');
  const node: DrawnNode = {
    node: first,
    x: 100,
    y: 50,
    width: 200,
    height: 80,
    sources: [],
    targets: [],
  };
  const handle = (position: Position): DrawnHandle => ({ id: 'h', x: 20, y: 30, width: 10, height: 6, position });

  it('meets a handle in the middle of its outer side, as React Flow does', () => {
    expect(handlePoint(node, handle(Position.Top), 'target')).toEqual({ x: 125, y: 80, position: Position.Top });
    expect(handlePoint(node, handle(Position.Bottom), 'source')).toEqual({ x: 125, y: 86, position: Position.Bottom });
    expect(handlePoint(node, handle(Position.Left), 'target')).toEqual({ x: 120, y: 83, position: Position.Left });
    expect(handlePoint(node, handle(Position.Right), 'source')).toEqual({ x: 130, y: 83, position: Position.Right });
  });

  it('meets an unmeasured node in the middle of its bottom (source) or top (target)', () => {
    expect(handlePoint(node, undefined, 'source')).toEqual({ x: 200, y: 130, position: Position.Bottom });
    expect(handlePoint(node, undefined, 'target')).toEqual({ x: 200, y: 50, position: Position.Top });
  });
});

describe('readPalette', () => {
  it('reads the theme custom properties and falls back to the light palette for missing ones', () => {
    const style = { getPropertyValue: (p: string) => ({ '--format-fill': ' #102a1c ', '--edge': '#9aa4b2' })[p] ?? '' };
    const palette = readPalette(style);
    expect(palette.fills.format).toBe('#102a1c');
    expect(palette.edge).toBe('#9aa4b2');
    expect(palette.fills.protocol).toBe(LIGHT_PALETTE.fills.protocol);
    expect(palette.canvas).toBe(LIGHT_PALETTE.canvas);
  });
});
