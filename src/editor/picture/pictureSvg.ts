import type { EdgeKind } from '../canvas/flowTypes.ts';
import type { DrawnEdge, DrawnNode } from './drawing.ts';
import { edgeMarkup, labelBox, labelMarkup, markerMarkup } from './pictureEdges.ts';
import { nodeMarkup } from './pictureNodes.ts';
import type { PicturePalette } from './picturePalette.ts';
import { element, escapeXml, num, type MeasureText } from './svgMarkup.ts';

/** The background of a picture: none (for a slide of any colour) or the theme's canvas colour. */
export type PictureBackground = 'transparent' | 'theme';

/** How a picture is made. */
export interface PictureOptions {
  /** Space around the graph, in pixels. */
  margin: number;
  background: PictureBackground;
  /** Measures text for the edge labels' boxes (a 2D canvas in the browser, `estimateTextWidth` elsewhere). */
  measureText: MeasureText;
  /** The picture's title (its accessible name). */
  title: string;
}

/** A picture of the whole graph: standalone SVG markup and its size in pixels. */
export interface Picture {
  svg: string;
  width: number;
  height: number;
}

/** A rectangle in flow coordinates. */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The margin a picture has by default, in pixels. */
export const PICTURE_MARGIN = 24;

/**
 * The smallest rectangle holding every node, every edge curve (its Bézier control points, which
 * enclose it) and every edge label; an empty graph is an empty rectangle at the origin.
 */
export function pictureBounds(nodes: readonly DrawnNode[], edges: readonly DrawnEdge[], measure: MeasureText): Bounds {
  // Spreading thousands of points into Math.min would exceed the call stack: fold them instead.
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (x: number, y: number) => {
    left = Math.min(left, x);
    top = Math.min(top, y);
    right = Math.max(right, x);
    bottom = Math.max(bottom, y);
  };
  for (const n of nodes) {
    add(n.x, n.y);
    add(n.x + n.width, n.y + n.height);
  }
  for (const e of edges) {
    for (const [x, y] of curveExtremes(e.path)) add(x, y);
    const box = labelBox(e, measure);
    add(box.x, box.y);
    add(box.x + box.width, box.y + box.height);
  }
  if (left > right) return { x: 0, y: 0, width: 0, height: 0 };
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The points that bound a path: for one cubic Bézier (`M x,y C x,y x,y x,y`, what `getBezierPath`
 * makes), its ends and its turning points; for any other path, all its points (control points
 * enclose a Bézier curve).
 */
export function curveExtremes(path: string): [number, number][] {
  const numbers = (path.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? []).map(Number);
  const points: [number, number][] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i] ?? 0, numbers[i + 1] ?? 0]);
  if (points.length !== 4 || !/^M[^A-Za-z]*C[^A-Za-z]*$/.test(path.trim())) return points;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const ts = [0, 1, ...turningTimes(xs), ...turningTimes(ys)];
  return ts.map((t) => [cubicAt(xs, t), cubicAt(ys, t)]);
}

/** The value at `t` of a cubic Bézier with coordinates `c` (4 of them). */
function cubicAt(c: readonly number[], t: number): number {
  const [a = 0, b = 0, d = 0, e = 0] = c;
  const u = 1 - t;
  return u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * d + t * t * t * e;
}

/** The times in (0, 1) where a cubic Bézier coordinate turns (its derivative, a quadratic, is zero). */
function turningTimes(c: readonly number[]): number[] {
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0] = c;
  const a = -p0 + 3 * p1 - 3 * p2 + p3;
  const b = 2 * (p0 - 2 * p1 + p2);
  const k = p1 - p0;
  const roots =
    Math.abs(a) < 1e-9
      ? Math.abs(b) < 1e-9
        ? []
        : [-k / b]
      : (() => {
          const disc = b * b - 4 * a * k;
          if (disc < 0) return [];
          const root = Math.sqrt(disc);
          return [(-b + root) / (2 * a), (-b - root) / (2 * a)];
        })();
  return roots.filter((t) => t > 0 && t < 1);
}

/**
 * The whole graph as a standalone SVG (not only what the view shows): edges, their role labels and
 * the nodes, with names, drivers and roles as text (selectable, searchable, crisp at any size), in the
 * palette's colours, moved so that the graph sits `margin` pixels inside the picture. User text
 * (node names, ids) is escaped, never markup.
 *
 * @example pictureSvg(nodes, edges, readPalette(style), { margin: 24, background: 'theme', measureText, title: 'graph' }).svg
 */
export function pictureSvg(
  nodes: readonly DrawnNode[],
  edges: readonly DrawnEdge[],
  palette: PicturePalette,
  options: PictureOptions,
): Picture {
  const { margin, measureText } = options;
  const bounds = pictureBounds(nodes, edges, measureText);
  const width = Math.ceil(bounds.width + 2 * margin);
  const height = Math.ceil(bounds.height + 2 * margin);
  const kinds = [...new Set(edges.map((e): EdgeKind => e.edge.data?.kind ?? 'inline'))];
  const defs = kinds.length === 0 ? '' : element('defs', {}, kinds.map((k) => markerMarkup(k, palette)).join(''));
  const background = options.background === 'theme' ? element('rect', { width, height, fill: palette.canvas }) : '';
  const content = [
    element('g', { class: 'edges' }, edges.map((e) => edgeMarkup(e, palette)).join('')),
    element('g', { class: 'edge-labels' }, edges.map((e) => labelMarkup(e, palette, measureText)).join('')),
    element('g', { class: 'nodes' }, nodes.map((n) => nodeMarkup(n, palette)).join('')),
  ].join('');
  const moved = element('g', { transform: `translate(${num(margin - bounds.x)} ${num(margin - bounds.y)})` }, content);
  const svg = element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${String(width)} ${String(height)}`,
      role: 'img',
      'aria-label': options.title,
    },
    `${element('title', {}, escapeXml(options.title))}${defs}${background}${moved}`,
  );
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, width, height };
}
