import { FRONTENDS, OBJECT_TYPES, assertNever, catalogue, driverSpec, type DriverCategory } from '../../model/index.ts';

/** What a palette entry adds: a block node of a driver, a frontend of a kind, or an object of a QOM type. */
export type PaletteEntryKind = 'driver' | 'frontend' | 'object';

/** One palette button. */
export interface PaletteEntry {
  kind: PaletteEntryKind;
  /** The driver, frontend kind or QOM type; also the button's accessible name. */
  name: string;
  summary: string;
  /** Colour class: a driver category, `frontend` or `object`. */
  tone: DriverCategory | 'frontend' | 'object';
}

/** A titled group of palette entries. */
export interface PaletteGroup {
  title: string;
  entries: readonly PaletteEntry[];
}

const CATEGORIES: readonly DriverCategory[] = ['protocol', 'format', 'filter', 'other'];

/** The palette: every driver of the catalogue by category, then frontends, then objects. */
export function paletteGroups(): PaletteGroup[] {
  const drivers = Object.keys(catalogue.drivers).sort();
  const byCategory = CATEGORIES.map((category) => ({
    title: categoryTitle(category),
    entries: drivers
      .filter((name) => (driverSpec(name)?.category ?? 'other') === category)
      .map((name): PaletteEntry => ({
        kind: 'driver',
        name,
        summary: driverSpec(name)?.summary ?? '',
        tone: category,
      })),
  }));
  const frontends = Object.values(FRONTENDS).map((spec): PaletteEntry => ({
    kind: 'frontend',
    name: spec.kind,
    summary: spec.summary,
    tone: 'frontend',
  }));
  const objects = OBJECT_TYPES.map((qomType): PaletteEntry => ({
    kind: 'object',
    name: qomType,
    summary: `QOM object ${qomType}`,
    tone: 'object',
  }));
  return [...byCategory, { title: 'Frontends', entries: frontends }, { title: 'Objects', entries: objects }];
}

/** The groups with only the entries whose name contains `query` (case-insensitive); empty groups are dropped. */
export function filterPalette(groups: readonly PaletteGroup[], query: string): PaletteGroup[] {
  const needle = query.trim().toLowerCase();
  return groups
    .map((group) => ({ ...group, entries: group.entries.filter((e) => e.name.toLowerCase().includes(needle)) }))
    .filter((group) => group.entries.length > 0);
}

function categoryTitle(category: DriverCategory): string {
  switch (category) {
    case 'protocol':
      return 'Protocol';
    case 'format':
      return 'Format';
    case 'filter':
      return 'Filter';
    case 'other':
      return 'Other';
    default:
      return assertNever(category);
  }
}

/**
 * The index, in the shown order, of the entry Enter adds: the entry named exactly `query`, else the
 * first whose name starts with it, else the first shown; -1 when nothing is shown.
 *
 * @example bestMatch(filterPalette(paletteGroups(), 'raw').flatMap((g) => g.entries), 'raw') // the index of 'raw'
 */
export function bestMatch(entries: readonly PaletteEntry[], query: string): number {
  if (entries.length === 0) return -1;
  const needle = query.trim().toLowerCase();
  const exact = entries.findIndex((e) => e.name.toLowerCase() === needle);
  if (exact >= 0) return exact;
  const prefix = entries.findIndex((e) => e.name.toLowerCase().startsWith(needle));
  return prefix >= 0 ? prefix : 0;
}

/**
 * Moves an index through `count` items by `delta`, wrapping around (arrow keys in the palette).
 *
 * @example stepIndex(0, -1, 5) // 4
 */
export function stepIndex(index: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  return (((index + delta) % count) + count) % count;
}
