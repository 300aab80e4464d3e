import { PICTURE_TYPES, pngScale } from './pictureFile.ts';
import type { Picture } from './pictureSvg.ts';

/** A made file, or why it could not be made. */
export type Made = { ok: true; blob: Blob } | { ok: false; reason: string };

/**
 * Draws an SVG picture into a PNG (at `pngScale`: twice its size when that fits the browser's canvas
 * limits). The SVG is loaded as an image from a blob URL (no network, no `foreignObject`, so the
 * canvas stays readable); every failure is a reason, never an exception.
 */
export async function svgToPng(picture: Picture, doc: Document = document): Promise<Made> {
  const url = URL.createObjectURL(new Blob([picture.svg], { type: PICTURE_TYPES.svg }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = pngScale(picture.width, picture.height);
    const canvas = doc.createElement('canvas');
    canvas.width = Math.max(1, Math.round(picture.width * scale));
    canvas.height = Math.max(1, Math.round(picture.height * scale));
    const context = canvas.getContext('2d');
    if (context === null) return { ok: false, reason: 'The browser gave no 2D canvas to draw the PNG on.' };
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => {
      canvas.toBlob(resolve, PICTURE_TYPES.png);
    });
    if (blob === null) {
      const size = `${String(canvas.width)} × ${String(canvas.height)} pixels`;
      return { ok: false, reason: `The browser could not encode a PNG of ${size}.` };
    }
    return { ok: true, blob };
  } catch (error: unknown) {
    return {
      ok: false,
      reason: `The picture could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Measures text with a 2D canvas (the fonts the page has), or undefined when the browser has none. */
export function canvasTextMeasure(doc: Document = document): ((text: string, font: string) => number) | undefined {
  const context = doc.createElement('canvas').getContext('2d');
  if (context === null) return undefined;
  return (text, font) => {
    context.font = font;
    return context.measureText(text).width;
  };
}
