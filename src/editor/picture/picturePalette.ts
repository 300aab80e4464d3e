import { PALETTES, type ColourName } from '../theme/palettes.ts';

/** The kinds of box a picture draws, each with a fill and a border colour (the canvas's CSS custom properties). */
export const PICTURE_TONES = ['protocol', 'format', 'filter', 'other', 'frontend', 'object', 'ghost'] as const;

/** One kind of box. */
export type PictureTone = (typeof PICTURE_TONES)[number];

/** The colours a picture uses, as CSS colour strings; read from the page's theme, so a picture looks like the canvas. */
export interface PicturePalette {
  fills: Readonly<Record<PictureTone, string>>;
  borders: Readonly<Record<PictureTone, string>>;
  /** Text and port marks. */
  text: string;
  /** Secondary text (driver category, unnamed node ids, port labels). */
  muted: string;
  /** Missing required children. */
  danger: string;
  /** An inline child link's line. */
  edge: string;
  /** A reference's line and tag. */
  reference: string;
  /** Text on the reference tag. */
  onReference: string;
  /** Behind edge labels and port marks. */
  surface: string;
  /** The canvas behind everything (the picture's background unless it is transparent). */
  canvas: string;
  /** Edge label borders. */
  line: string;
}

/** Where CSS custom properties are read from: a computed style (`getComputedStyle(element)`). */
export interface StyleSource {
  getPropertyValue: (property: string) => string;
}

/** A colour by its palette name (`format-fill`, `text`). */
type ColourReader = (name: ColourName) => string;

/** The picture's colours, each read by its palette name. */
function paletteOf(read: ColourReader): PicturePalette {
  const tones = (suffix: 'fill' | 'border') =>
    Object.fromEntries(PICTURE_TONES.map((tone) => [tone, read(`${tone}-${suffix}`)])) as Record<PictureTone, string>;
  return {
    fills: tones('fill'),
    borders: tones('border'),
    text: read('text'),
    muted: read('muted'),
    danger: read('danger'),
    edge: read('edge'),
    reference: read('reference'),
    onReference: read('on-reference'),
    surface: read('surface'),
    canvas: read('canvas'),
    line: read('line'),
  };
}

/** The picture's colours in the light theme (`PALETTES.light`). */
export const LIGHT_PALETTE: PicturePalette = paletteOf((name) => PALETTES.light[name]);

/**
 * The picture's colours from the page's theme (the custom properties `applyTheme` sets), each
 * falling back to the light palette when the page does not define it.
 *
 * @example readPalette(getComputedStyle(document.documentElement)).borders.format // '#1f8a4c' in the light theme
 */
export function readPalette(style: StyleSource): PicturePalette {
  return paletteOf((name) => {
    const value = style.getPropertyValue(`--${name}`).trim();
    return value === '' ? PALETTES.light[name] : value;
  });
}
