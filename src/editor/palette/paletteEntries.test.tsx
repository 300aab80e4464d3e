import { describe, expect, it } from 'vitest';
import { catalogue } from '../../model/index.ts';
import { freeSpot } from './freeSpot.ts';
import { isPaletteDrag, PALETTE_MIME, readPaletteDrag, writePaletteDrag } from './paletteDrag.ts';
import { bestMatch, filterPalette, paletteGroups, stepIndex } from './paletteEntries.ts';

describe('palette', () => {
  it('lists every driver once, by category, then frontends and objects', () => {
    const groups = paletteGroups();
    expect(groups.map((g) => g.title)).toEqual(['Protocol', 'Format', 'Filter', 'Other', 'Frontends', 'Objects']);
    const drivers = groups.flatMap((g) => g.entries.filter((e) => e.kind === 'driver').map((e) => e.name));
    expect(drivers.sort()).toEqual(Object.keys(catalogue.drivers).sort());
    expect(groups[1]?.entries.map((e) => e.name)).toContain('qcow2');
  });

  it('filters by name and drops empty groups', () => {
    const found = filterPalette(paletteGroups(), ' NULL ');
    expect(found.flatMap((g) => g.entries.map((e) => e.name))).toEqual(['null-aio', 'null-co']);
    expect(filterPalette(paletteGroups(), 'zzz')).toEqual([]);
  });
});

describe('palette keyboard', () => {
  const shown = (query: string) => filterPalette(paletteGroups(), query).flatMap((g) => g.entries);

  it('lets Enter add the exact name, else the first that starts with the query, else the first shown', () => {
    const raw = shown('raw');
    expect(raw[bestMatch(raw, 'raw')]?.name).toBe('raw');
    const qcow = shown('qcow');
    expect(qcow.map((e) => e.name)).toEqual(['qcow', 'qcow2']);
    expect(qcow[bestMatch(qcow, 'QCOW')]?.name).toBe('qcow');
    // null-co (a protocol) is shown before compress (a filter), but only compress starts with "co".
    const co = shown('co');
    expect(co[0]?.name).toBe('null-co');
    expect(co[bestMatch(co, 'co')]?.name).toBe('compress');
    expect(bestMatch(shown('cow2'), 'cow2')).toBe(0);
    expect(bestMatch([], 'x')).toBe(-1);
  });

  it('moves through the entries with wrap-around', () => {
    expect(stepIndex(0, 1, 3)).toBe(1);
    expect(stepIndex(2, 1, 3)).toBe(0);
    expect(stepIndex(0, -1, 3)).toBe(2);
    expect(stepIndex(0, 1, 0)).toBe(-1);
  });
});

describe('palette drag', () => {
  /** A stand-in for the browser's DataTransfer. */
  const transfer = () => {
    const data = new Map<string, string>();
    return {
      get types() {
        return [...data.keys()];
      },
      getData: (format: string) => data.get(format) ?? '',
      setData: (format: string, value: string) => {
        data.set(format, value);
      },
    };
  };

  it('carries an entry to the canvas, and nothing else passes for one', () => {
    const groups = paletteGroups();
    const qcow2 = groups.flatMap((g) => g.entries).find((e) => e.name === 'qcow2');
    if (qcow2 === undefined) throw new Error('no qcow2 entry');
    const data = transfer();
    writePaletteDrag(data, qcow2);
    expect(isPaletteDrag(data)).toBe(true);
    expect(readPaletteDrag(data, groups)).toBe(qcow2);

    const files = transfer();
    files.setData('Files', '');
    expect(isPaletteDrag(files)).toBe(false);
    const forged = transfer();
    forged.setData(PALETTE_MIME, JSON.stringify({ kind: 'driver', name: 'floppy' }));
    expect(readPaletteDrag(forged, groups)).toBeUndefined();
    forged.setData(PALETTE_MIME, 'not json');
    expect(readPaletteDrag(forged, groups)).toBeUndefined();
  });
});

describe('freeSpot', () => {
  it('keeps the centre when free and steps aside when taken', () => {
    expect(freeSpot([], { x: 10, y: 20 })).toEqual({ x: 10, y: 20 });
    expect(freeSpot([{ x: 10, y: 20 }], { x: 10, y: 20 })).toEqual({ x: 10, y: 110 });
    expect(
      freeSpot(
        [
          { x: 10, y: 20 },
          { x: 10, y: 110 },
        ],
        { x: 10, y: 20 },
      ),
    ).toEqual({ x: 10, y: -70 });
    expect(freeSpot([{ x: 50, y: 60 }], { x: 10, y: 20 })).toEqual({ x: 10, y: -70 });
  });
});
