import { useId, useMemo, useState } from 'react';
import { filterPalette, paletteGroups } from './paletteEntries.ts';
import { useAddFromPalette } from './useAddFromPalette.ts';

const GROUPS = paletteGroups();

/** The left panel: every driver, frontend and object type, searchable; clicking one adds it to the canvas. */
export function Palette() {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => filterPalette(GROUPS, query), [query]);
  const add = useAddFromPalette();
  const headingId = useId();
  return (
    <nav className="palette" aria-label="Palette">
      <input
        type="search"
        className="palette__search"
        aria-label="Search drivers"
        placeholder="Search drivers…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
        }}
      />
      {groups.length === 0 && <p className="palette__empty">Nothing matches “{query}”.</p>}
      {groups.map((group) => (
        <section key={group.title} className="palette__group" aria-labelledby={`${headingId}-${group.title}`}>
          <h2 id={`${headingId}-${group.title}`}>{group.title}</h2>
          <ul>
            {group.entries.map((entry) => (
              <li key={entry.name}>
                <button
                  type="button"
                  className={`palette__entry tone--${entry.tone}`}
                  title={entry.summary}
                  onClick={() => {
                    add(entry);
                  }}
                >
                  {entry.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
