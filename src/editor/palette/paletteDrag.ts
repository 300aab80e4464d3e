import { useCallback, type DragEvent } from 'react';
import { paletteGroups, type PaletteEntry, type PaletteGroup } from './paletteEntries.ts';
import { useAddFromPalette } from './useAddFromPalette.ts';

const GROUPS = paletteGroups();

/** The drag data type of a palette entry dragged onto the canvas. */
export const PALETTE_MIME = 'application/x-blockgraph-palette';

/** The subset of `DataTransfer` the palette's drag reads and writes. */
export interface DragData {
  readonly types: readonly string[];
  getData: (format: string) => string;
  setData: (format: string, data: string) => void;
}

/** Puts a palette entry on a drag (its kind and name; the drop looks it up again). */
export function writePaletteDrag(data: DragData, entry: PaletteEntry): void {
  data.setData(PALETTE_MIME, JSON.stringify({ kind: entry.kind, name: entry.name }));
  data.setData('text/plain', entry.name);
}

/** True while a palette entry is being dragged (the data itself can only be read on drop). */
export function isPaletteDrag(data: Pick<DragData, 'types'>): boolean {
  return data.types.includes(PALETTE_MIME);
}

/**
 * The palette entry a drop carries, looked up among `groups`, or undefined when the drop is not a
 * palette entry (or names none).
 *
 * @example readPaletteDrag(dataTransfer, paletteGroups())?.name // 'qcow2'
 */
export function readPaletteDrag(
  data: Pick<DragData, 'getData'>,
  groups: readonly PaletteGroup[],
): PaletteEntry | undefined {
  let carried: unknown;
  try {
    carried = JSON.parse(data.getData(PALETTE_MIME));
  } catch {
    return undefined;
  }
  if (typeof carried !== 'object' || carried === null) return undefined;
  const { kind, name } = carried as { kind?: unknown; name?: unknown };
  return groups.flatMap((g) => g.entries).find((e) => e.kind === kind && e.name === name);
}

/**
 * The canvas's drop handler for palette entries: adds the entry centred where it was dropped and
 * returns true, or returns false for any other drop (image files).
 */
export function usePaletteDrop(): (event: DragEvent) => boolean {
  const add = useAddFromPalette();
  return useCallback(
    (event: DragEvent) => {
      if (!isPaletteDrag(event.dataTransfer)) return false;
      event.preventDefault();
      const entry = readPaletteDrag(event.dataTransfer, GROUPS);
      if (entry !== undefined) add(entry, { x: event.clientX, y: event.clientY });
      return true;
    },
    [add],
  );
}
