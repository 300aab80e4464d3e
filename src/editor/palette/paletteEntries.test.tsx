import { describe, expect, it } from 'vitest';
import { catalogue } from '../../model/index.ts';
import { freeSpot } from './freeSpot.ts';
import { filterPalette, paletteGroups } from './paletteEntries.ts';

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
