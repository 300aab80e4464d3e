import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { isTypingTarget } from '../keyboard/shortcuts.ts';
import { bestMatch, filterPalette, paletteGroups, stepIndex, type PaletteEntry } from './paletteEntries.ts';
import { writePaletteDrag } from './paletteDrag.ts';
import { useAddFromPalette } from './useAddFromPalette.ts';

const GROUPS = paletteGroups();

/**
 * The left panel: every driver (by category), frontend and object type, searchable. `/` anywhere
 * focuses the search; in it, the arrow keys choose an entry and Enter adds it (the best match by
 * default); on the entries, the arrow keys move between them. Clicking an entry adds it near the
 * centre of the view; dragging it onto the canvas adds it where it is dropped.
 */
export function Palette() {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<number | null>(null);
  const groups = useMemo(() => filterPalette(GROUPS, query), [query]);
  const shown = useMemo(() => groups.flatMap((g) => g.entries), [groups]);
  const active = chosen ?? (query.trim() === '' ? -1 : bestMatch(shown, query));
  const add = useAddFromPalette();
  const headingId = useId();
  const hintId = useId();
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  useSlashFocus(search);
  const activeEntry = shown[active];

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const delta = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (delta !== 0) {
      event.preventDefault();
      setChosen(stepIndex(active < 0 && delta < 0 ? 0 : active, delta, shown.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const entry = activeEntry ?? shown[0];
      if (entry !== undefined) add(entry);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
      setChosen(null);
    }
  };
  const onEntryKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.palette__entry') ?? [])];
    const at = buttons.indexOf(event.currentTarget);
    const delta = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
    if (delta === undefined || at < 0) return;
    event.preventDefault();
    if (at === 0 && delta < 0) search.current?.focus();
    else buttons[stepIndex(at, delta, buttons.length)]?.focus();
  };

  return (
    <nav className="palette" aria-label="Palette">
      <input
        ref={search}
        type="search"
        className="palette__search"
        aria-label="Search drivers"
        aria-describedby={hintId}
        placeholder="Search drivers…  ( / )"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setChosen(null);
        }}
        onKeyDown={onSearchKey}
      />
      <p id={hintId} className="palette__hint">
        {activeEntry === undefined ? 'Type to search; ↑↓ choose, Enter adds' : `Enter adds ${activeEntry.name}`}
      </p>
      {groups.length === 0 && <p className="palette__empty">Nothing matches “{query}”.</p>}
      <div ref={list}>
        {groups.map((group) => (
          <section key={group.title} className="palette__group" aria-labelledby={`${headingId}-${group.title}`}>
            <h2 id={`${headingId}-${group.title}`}>{group.title}</h2>
            <ul>
              {group.entries.map((entry) => (
                <li key={entry.name}>
                  <PaletteButton entry={entry} active={entry === activeEntry} onAdd={add} onKeyDown={onEntryKey} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}

function PaletteButton(props: {
  entry: PaletteEntry;
  active: boolean;
  onAdd: (entry: PaletteEntry) => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}) {
  const { entry, active, onAdd, onKeyDown } = props;
  return (
    <button
      type="button"
      className={`palette__entry tone--${entry.tone}${active ? ' is-active' : ''}`}
      title={`${entry.summary} (click to add, or drag onto the canvas)`}
      draggable
      onDragStart={(event) => {
        writePaletteDrag(event.dataTransfer, entry);
        event.dataTransfer.effectAllowed = 'copy';
      }}
      onClick={() => {
        onAdd(entry);
      }}
      onKeyDown={onKeyDown}
    >
      {entry.name}
    </button>
  );
}

/** The key that focuses the palette's search from anywhere outside a text field (listed in the help sheet). */
export const PALETTE_SEARCH_KEY = '/';

/** `/` outside a text field focuses (and selects) the palette's search, as in many editors. */
function useSlashFocus(search: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== PALETTE_SEARCH_KEY || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target instanceof HTMLElement ? event.target : null)) return;
      event.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [search]);
}
