import type { InternalNode } from '@xyflow/react';
import type { FlowNode, RoleFlowEdge } from '../canvas/flowTypes.ts';
import { DOCUMENT_FILE_NAME } from '../persistence/documentFile.ts';
import type { Notice } from '../store/editorStore.ts';
import { drawnEdges, drawnNodeOf } from './drawing.ts';
import { PICTURE_TYPES, pictureFileName, type PictureFormat } from './pictureFile.ts';
import { readPalette } from './picturePalette.ts';
import { PICTURE_MARGIN, pictureSvg, type Picture, type PictureBackground } from './pictureSvg.ts';
import { downloadBlob } from '../shell/download.ts';
import { canvasTextMeasure, svgToPng, type Made } from './rasterise.ts';
import { estimateTextWidth } from './svgMarkup.ts';

/** What the canvas draws, as React Flow's store holds it (`nodeLookup`, `edges`). */
export interface FlowDrawing {
  nodeLookup: ReadonlyMap<string, InternalNode<FlowNode>>;
  edges: readonly RoleFlowEdge[];
}

/** The browser parts a picture needs: the page (for the theme's colours and text measurement). */
export interface PictureEnvironment {
  document: Document;
  /** The element whose computed style holds the theme's custom properties (the canvas). */
  styleRoot: Element;
}

/**
 * The picture of everything the canvas draws (every node and edge, not only those in view), in the
 * current theme's colours.
 */
export function pictureOf(flow: FlowDrawing, background: PictureBackground, env: PictureEnvironment): Picture {
  const nodes = [...flow.nodeLookup.values()].filter((n) => n.hidden !== true).map(drawnNodeOf);
  const edges = drawnEdges(
    flow.edges.filter((e) => e.hidden !== true),
    nodes,
  );
  const view = env.document.defaultView;
  const palette = readPalette(view === null ? { getPropertyValue: () => '' } : view.getComputedStyle(env.styleRoot));
  const measureText = canvasTextMeasure(env.document) ?? estimateTextWidth;
  const title = pictureFileName(DOCUMENT_FILE_NAME, 'svg').replace(/\.svg$/, '');
  return pictureSvg(nodes, edges, palette, { margin: PICTURE_MARGIN, background, measureText, title });
}

/** The file of a picture in a format: the SVG markup as is, or the SVG drawn into a PNG. */
export async function pictureFile(picture: Picture, format: PictureFormat, doc: Document): Promise<Made> {
  if (format === 'svg') return { ok: true, blob: new Blob([picture.svg], { type: PICTURE_TYPES.svg }) };
  return svgToPng(picture, doc);
}

/**
 * Export PNG / Export SVG: makes the picture of the whole graph and downloads it as `graph.png` or
 * `graph.svg` (named after the document's file). Returns the notice that says what happened: the file
 * saved, or why no picture could be made (never an exception).
 */
export async function exportPicture(
  flow: FlowDrawing,
  format: PictureFormat,
  background: PictureBackground,
  env: PictureEnvironment,
): Promise<Notice> {
  const label = format.toUpperCase();
  try {
    const picture = pictureOf(flow, background, env);
    const made = await pictureFile(picture, format, env.document);
    if (!made.ok) return { tone: 'error', text: `The ${label} picture could not be made.`, details: [made.reason] };
    const fileName = pictureFileName(DOCUMENT_FILE_NAME, format);
    downloadBlob(made.blob, fileName, env.document);
    const size = `${String(picture.width)} × ${String(picture.height)}`;
    return {
      tone: 'info',
      text: `Exported ${fileName} (${size}, ${String(flow.nodeLookup.size)} nodes).`,
      details: [],
    };
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    return { tone: 'error', text: `The ${label} picture could not be made.`, details: [reason] };
  }
}
