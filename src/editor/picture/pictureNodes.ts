import type { RolePort } from '../canvas/roleHandles.ts';
import { missingRoles } from '../canvas/roleHandles.ts';
import type { DrawnNode } from './drawing.ts';
import type { PicturePalette, PictureTone } from './picturePalette.ts';
import { element, escapeXml, FONT_MONO, FONT_SANS, textElement } from './svgMarkup.ts';

/** What a node's box says: a title line, a type line, and for a block node its missing roles and its ports. */
interface BoxText {
  tone: PictureTone;
  title: string;
  /** Shown after the title, muted (an unnamed node's id). */
  titleNote?: string;
  type: string;
  /** Shown after the type, muted (the category). */
  typeNote?: string;
  missing?: string;
  ports?: readonly RolePort[];
}

/** The lines of a drawn node, by the kind of flow node (as the canvas's node views show them). */
function boxText(drawn: DrawnNode): BoxText {
  const { node } = drawn;
  switch (node.type) {
    case 'block': {
      const missing = missingRoles(node.data.ports);
      return {
        tone: node.data.category,
        title: node.data.title,
        ...(node.data.unnamed ? { titleNote: node.data.id } : {}),
        type: node.data.driver,
        typeNote: node.data.category,
        ...(missing.length === 0
          ? {}
          : { missing: `Missing required ${missing.length === 1 ? 'child' : 'children'}: ${missing.join(', ')}` }),
        ports: node.data.ports,
      };
    }
    case 'frontend':
      return { tone: 'frontend', title: node.data.title, type: node.data.kind, typeNote: 'frontend' };
    case 'object':
      return { tone: 'object', title: node.data.title, type: node.data.qomType, typeNote: 'object' };
    case 'ghost':
      return { tone: 'ghost', title: node.data.name, type: `(from header) ${node.data.driver}` };
    case 'collapsed':
      return { tone: 'format', title: node.data.title, type: `down to ${node.data.base}` };
  }
}

/** A text line of `main` and a muted `note`, centred on `x`. */
function line(x: number, y: number, main: string, note: string | undefined, look: LineLook): string {
  const noteSpan =
    note === undefined
      ? ''
      : ` ${element('tspan', { fill: look.noteFill, 'font-size': look.noteSize, 'font-weight': 400, 'font-family': FONT_SANS }, escapeXml(note))}`;
  return element(
    'text',
    {
      x,
      y,
      'text-anchor': 'middle',
      fill: look.fill,
      'font-size': look.size,
      'font-weight': look.weight,
      'font-family': look.family,
    },
    `${escapeXml(main)}${noteSpan}`,
  );
}

interface LineLook {
  fill: string;
  size: number;
  weight: number;
  family: string;
  noteFill: string;
  noteSize: number;
}

/** The port marks and labels along a block node's bottom edge, at its measured role handles. */
function portsMarkup(drawn: DrawnNode, ports: readonly RolePort[], palette: PicturePalette): string {
  const bottom = drawn.y + drawn.height;
  return drawn.sources
    .flatMap((handle) => {
      const port = ports.find((p) => p.handleId === handle.id);
      if (port === undefined) return [];
      const cx = drawn.x + handle.x + handle.width / 2;
      const stroke = port.missing ? palette.danger : port.required ? palette.text : palette.muted;
      const fill = port.filled ? stroke : palette.surface;
      const mark = port.required
        ? element('rect', { x: cx - 4, y: bottom - 4, width: 8, height: 8, rx: 1.5, fill, stroke, 'stroke-width': 1.5 })
        : element('circle', { cx, cy: bottom, r: 4, fill, stroke, 'stroke-width': 1.5 });
      const label = textElement(`${port.adds ? `+ ${port.member}` : port.role}${port.missing ? ' !' : ''}`, {
        x: cx,
        y: bottom - 8,
        'text-anchor': 'middle',
        fill: port.missing ? palette.danger : port.required ? palette.text : palette.muted,
        'font-size': 10,
        'font-weight': port.required ? 700 : 400,
        'font-style': port.required || port.missing ? undefined : 'italic',
        'font-family': FONT_MONO,
      });
      return [label, mark];
    })
    .join('');
}

/**
 * One node of the picture: its box in its category's colours (rounder for a frontend, dashed for an
 * object or a node from an image header), its name and type as text, a block node's missing roles and
 * its labelled role ports.
 */
export function nodeMarkup(drawn: DrawnNode, palette: PicturePalette): string {
  const text = boxText(drawn);
  const cx = drawn.x + drawn.width / 2;
  const dashed = text.tone === 'object' || text.tone === 'ghost' || text.missing !== undefined;
  const box = element('rect', {
    x: drawn.x,
    y: drawn.y,
    width: drawn.width,
    height: drawn.height,
    rx: text.tone === 'frontend' ? 20 : 8,
    fill: palette.fills[text.tone],
    stroke: palette.borders[text.tone],
    'stroke-width': 2,
    'stroke-dasharray': dashed ? '6 4' : undefined,
  });
  const muted = text.tone === 'ghost';
  const look = { noteFill: palette.muted, family: FONT_SANS, fill: muted ? palette.muted : palette.text };
  const title = line(cx, drawn.y + 22, text.title, text.titleNote, { ...look, size: 14, weight: 600, noteSize: 11 });
  const type = line(cx, drawn.y + 39, text.type, text.typeNote, {
    ...look,
    size: 12,
    weight: 400,
    noteSize: 11,
    family: FONT_MONO,
  });
  const missing =
    text.missing === undefined
      ? ''
      : textElement(text.missing, {
          x: cx,
          y: drawn.y + 54,
          'text-anchor': 'middle',
          fill: palette.danger,
          'font-size': 11,
          'font-family': FONT_SANS,
        });
  const ports = text.ports === undefined ? '' : portsMarkup(drawn, text.ports, palette);
  return element('g', { 'data-node': drawn.node.id }, `${box}${title}${type}${missing}${ports}`);
}
