/** The picture formats the editor exports. */
export type PictureFormat = 'png' | 'svg';

/** The MIME type of each picture format. */
export const PICTURE_TYPES: Readonly<Record<PictureFormat, string>> = {
  png: 'image/png',
  svg: 'image/svg+xml',
};

/**
 * The file name of a picture of the document saved as `documentFileName`: the same base name, the
 * picture's extension; characters a file system may refuse become `-`.
 *
 * @example pictureFileName('graph.blockgraph.json', 'svg') // 'graph.svg'
 * @example pictureFileName('my disks.json', 'png') // 'my disks.png'
 */
export function pictureFileName(documentFileName: string, format: PictureFormat): string {
  const base = documentFileName
    .replace(/\.blockgraph\.json$/i, '')
    .replace(/\.json$/i, '')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .trim();
  return `${base === '' || /^\.+$/.test(base) ? 'graph' : base}.${format}`;
}

/** Pixels per picture pixel a PNG is drawn at when it fits: twice, so it stays sharp on a projector. */
export const PNG_SCALE = 2;
/** The largest side and area of a PNG: what browsers' 2D canvases reliably draw. */
export const PNG_MAX_SIDE = 16_384;
export const PNG_MAX_AREA = 120_000_000;

/**
 * The scale a PNG of a `width` × `height` picture is drawn at: `PNG_SCALE`, or less for a graph so big
 * that the PNG would pass the canvas limits.
 *
 * @example pngScale(800, 600) // 2
 * @example pngScale(20_000, 1_000) // 0.8192
 */
export function pngScale(width: number, height: number): number {
  const w = Math.max(width, 1);
  const h = Math.max(height, 1);
  return Math.min(PNG_SCALE, PNG_MAX_SIDE / w, PNG_MAX_SIDE / h, Math.sqrt(PNG_MAX_AREA / (w * h)));
}

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE: readonly number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}
