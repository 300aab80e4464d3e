import type { EdgeKind } from '../canvas/flowTypes.ts';
import type { DrawnEdge } from './drawing.ts';
import type { PicturePalette } from './picturePalette.ts';
import { element, FONT_MONO, textElement, type MeasureText } from './svgMarkup.ts';

/** How each kind of edge looks (canvas.css `.role-edge--KIND`, images.css for `implicit`). */
interface EdgeLook {
  stroke: string;
  width: number;
  dash?: string;
  /** The label's text and border colour. */
  label: string;
  labelDash?: string;
}

/** The look of an edge of `kind` in `palette`. */
export function edgeLook(kind: EdgeKind, palette: PicturePalette): EdgeLook {
  switch (kind) {
    case 'inline':
      return { stroke: palette.edge, width: 1.6, label: palette.text };
    case 'reference':
      return { stroke: palette.reference, width: 2, dash: '7 5', label: palette.reference, labelDash: '3 2' };
    case 'root':
      return { stroke: palette.borders.frontend, width: 2.2, label: palette.borders.frontend };
    case 'association':
      return {
        stroke: palette.borders.object,
        width: 1.6,
        dash: '2 5',
        label: palette.borders.object,
        labelDash: '1 2',
      };
    case 'implicit':
      return { stroke: palette.borders.ghost, width: 1.6, dash: '4 4', label: palette.muted, labelDash: '3 2' };
  }
}

/** The id of the arrowhead marker of an edge kind. */
export function markerId(kind: EdgeKind): string {
  return `arrow-${kind}`;
}

/**
 * The arrowhead marker of an edge kind: React Flow's closed arrow (`MarkerType.ArrowClosed`, 18 × 18
 * in stroke widths, as the canvas draws it), in the edge's colour.
 */
export function markerMarkup(kind: EdgeKind, palette: PicturePalette): string {
  const { stroke } = edgeLook(kind, palette);
  const arrow = element('polyline', {
    points: '-5,-4 0,0 -5,4 -5,-4',
    fill: stroke,
    stroke,
    'stroke-width': 1,
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  });
  return element(
    'marker',
    {
      id: markerId(kind),
      viewBox: '-10 -10 20 20',
      markerWidth: 18,
      markerHeight: 18,
      markerUnits: 'strokeWidth',
      orient: 'auto-start-reverse',
      refX: 0,
      refY: 0,
    },
    arrow,
  );
}

/** One edge's line, ending in its kind's arrowhead. */
export function edgeMarkup(drawn: DrawnEdge, palette: PicturePalette): string {
  const kind = drawn.edge.data?.kind ?? 'inline';
  const look = edgeLook(kind, palette);
  return element('path', {
    d: drawn.path,
    fill: 'none',
    stroke: look.stroke,
    'stroke-width': look.width,
    'stroke-dasharray': look.dash,
    'marker-end': `url(#${markerId(kind)})`,
  });
}

/** A label's box in picture coordinates. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const LABEL_FONT = `11px ${FONT_MONO}`;
const TAG_FONT = `10px ${FONT_MONO}`;
const LABEL_HEIGHT = 17;
const PADDING_X = 6;
const TAG_GAP = 4;
const TAG_PADDING_X = 4;

/** Where an edge's role label sits (centred on the curve's middle, as the canvas draws it), to fit the picture around it. */
export function labelBox(drawn: DrawnEdge, measure: MeasureText): LabelBox {
  const width = labelWidths(drawn, measure).total;
  return { x: drawn.labelX - width / 2, y: drawn.labelY - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT };
}

function labelWidths(drawn: DrawnEdge, measure: MeasureText) {
  const role = measure(drawn.edge.data?.role ?? '', LABEL_FONT);
  const tag = drawn.edge.data?.kind === 'reference' ? measure('ref', TAG_FONT) + 2 * TAG_PADDING_X : 0;
  return { role, tag, total: role + 2 * PADDING_X + (tag > 0 ? TAG_GAP + tag : 0) };
}

/** An edge's role label: a rounded box with the role as text, and a "ref" tag on a reference. */
export function labelMarkup(drawn: DrawnEdge, palette: PicturePalette, measure: MeasureText): string {
  const kind = drawn.edge.data?.kind ?? 'inline';
  const look = edgeLook(kind, palette);
  const box = labelBox(drawn, measure);
  const widths = labelWidths(drawn, measure);
  const border = kind === 'inline' ? palette.line : look.label;
  const pill = element('rect', {
    ...box,
    rx: LABEL_HEIGHT / 2,
    fill: palette.surface,
    stroke: border,
    'stroke-width': 1,
    'stroke-dasharray': look.labelDash,
  });
  const baseline = drawn.labelY + 4;
  const role = textElement(drawn.edge.data?.role ?? '', {
    x: box.x + PADDING_X,
    y: baseline,
    fill: look.label,
    'font-size': 11,
    'font-family': FONT_MONO,
  });
  if (widths.tag === 0) return `${pill}${role}`;
  const tagX = box.x + PADDING_X + widths.role + TAG_GAP;
  const tag = element('rect', {
    x: tagX,
    y: drawn.labelY - 6.5,
    width: widths.tag,
    height: 13,
    rx: 6,
    fill: palette.reference,
  });
  const tagText = textElement('ref', {
    x: tagX + widths.tag / 2,
    y: baseline - 0.5,
    'text-anchor': 'middle',
    fill: palette.onReference,
    'font-size': 10,
    'font-family': FONT_MONO,
  });
  return `${pill}${role}${tag}${tagText}`;
}
