/**
 * The relative luminance of a `#rrggbb` colour (WCAG 2.x), or undefined when it is not one.
 *
 * @example luminance('#ffffff') // 1
 */
export function luminance(hex: string): number | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (match === null) return undefined;
  const [r = 0, g = 0, b = 0] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The contrast ratio of two `#rrggbb` colours (1 to 21), or undefined when one is not such a colour.
 *
 * @example contrastRatio('#000000', '#ffffff') // 21
 */
export function contrastRatio(a: string, b: string): number | undefined {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === undefined || lb === undefined) return undefined;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Text needs 4.5:1 (WCAG 1.4.3, normal size); borders, lines and focus rings 3:1 (1.4.11). */
export const TEXT_CONTRAST = 4.5;
export const GRAPHIC_CONTRAST = 3;

/** A pair of palette properties that must contrast: `fg` on `bg`, at least `min`. */
export interface ContrastRule {
  fg: string;
  bg: string;
  min: number;
  why: string;
}

const CATEGORIES = ['protocol', 'format', 'filter', 'other', 'frontend', 'object', 'ghost'];
const SURFACES = ['panel', 'surface', 'canvas'];

/** The pairs the editor's palettes must keep apart, in both themes. */
export const CONTRAST_RULES: readonly ContrastRule[] = [
  ...CATEGORIES.flatMap((c) => [
    { fg: 'text', bg: `${c}-fill`, min: TEXT_CONTRAST, why: `node names on ${c} nodes` },
    { fg: 'muted', bg: `${c}-fill`, min: TEXT_CONTRAST, why: `categories and ports on ${c} nodes` },
    { fg: 'danger', bg: `${c}-fill`, min: TEXT_CONTRAST, why: `missing roles on ${c} nodes` },
    { fg: `${c}-border`, bg: 'canvas', min: GRAPHIC_CONTRAST, why: `${c} node borders on the canvas` },
    { fg: 'focus', bg: `${c}-fill`, min: GRAPHIC_CONTRAST, why: `focus ring next to ${c} nodes` },
  ]),
  ...SURFACES.flatMap((s) => [
    { fg: 'text', bg: s, min: TEXT_CONTRAST, why: `text on ${s}` },
    { fg: 'muted', bg: s, min: TEXT_CONTRAST, why: `secondary text on ${s}` },
    { fg: 'danger', bg: s, min: TEXT_CONTRAST, why: `diagnostics on ${s}` },
    { fg: 'accent', bg: s, min: GRAPHIC_CONTRAST, why: `selection on ${s}` },
    { fg: 'focus', bg: s, min: GRAPHIC_CONTRAST, why: `focus ring on ${s}` },
  ]),
  { fg: 'danger', bg: 'danger-fill', min: TEXT_CONTRAST, why: 'refusals and error notices' },
  { fg: 'text', bg: 'info-fill', min: TEXT_CONTRAST, why: 'notices' },
  { fg: 'text', bg: 'hover', min: TEXT_CONTRAST, why: 'the chosen palette entry' },
  { fg: 'reference', bg: 'surface', min: TEXT_CONTRAST, why: 'reference edge labels' },
  { fg: 'frontend-border', bg: 'surface', min: TEXT_CONTRAST, why: 'root edge labels' },
  { fg: 'object-border', bg: 'surface', min: TEXT_CONTRAST, why: 'association edge labels' },
  { fg: 'filter-border', bg: 'surface', min: TEXT_CONTRAST, why: 'forced values in the inspector' },
  { fg: 'accent', bg: 'surface', min: TEXT_CONTRAST, why: 'explicit values in the inspector' },
  { fg: 'edge', bg: 'canvas', min: GRAPHIC_CONTRAST, why: 'edges on the canvas' },
  { fg: 'reference', bg: 'canvas', min: GRAPHIC_CONTRAST, why: 'reference edges on the canvas' },
  { fg: 'on-accent', bg: 'accent', min: TEXT_CONTRAST, why: 'text on accent buttons' },
  { fg: 'on-danger', bg: 'danger', min: TEXT_CONTRAST, why: 'the problem count' },
  { fg: 'on-reference', bg: 'reference', min: TEXT_CONTRAST, why: 'the "ref" tag' },
  { fg: 'header-text', bg: 'header-bg', min: TEXT_CONTRAST, why: 'the title' },
  { fg: 'header-muted', bg: 'header-bg', min: TEXT_CONTRAST, why: 'the tagline' },
  { fg: 'header-text', bg: 'header-button', min: TEXT_CONTRAST, why: 'toolbar buttons' },
  { fg: 'header-text', bg: 'header-button-hover', min: TEXT_CONTRAST, why: 'hovered toolbar buttons' },
  { fg: 'header-focus', bg: 'header-bg', min: GRAPHIC_CONTRAST, why: 'focus ring in the toolbar' },
  { fg: 'header-focus', bg: 'header-button', min: GRAPHIC_CONTRAST, why: 'focus ring on toolbar buttons' },
];
