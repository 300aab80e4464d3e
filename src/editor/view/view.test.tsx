import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { seedSimpleTree } from '../../model/fixtures/index.ts';
import { collapseFlow } from '../canvas/collapsedFlow.ts';
import { toFlow } from '../canvas/toFlow.ts';
import { collapseChain } from '../collapse/chains.ts';
import { miniMapColour } from './CanvasMiniMap.tsx';
import { ViewButtonsView, viewShortcutOf } from './ViewButtons.tsx';
import { createViewState, type LayoutStatus } from './viewStore.ts';

const noop = () => undefined;
const press = (key: string, mods: { shift?: boolean; ctrl?: boolean } = {}) => ({
  key,
  shiftKey: mods.shift ?? false,
  ctrlKey: mods.ctrl ?? false,
  metaKey: false,
  altKey: false,
});

describe('view shortcuts', () => {
  it('are Shift and a letter, nothing else held', () => {
    expect(viewShortcutOf(press('L', { shift: true }))).toBe('layout');
    expect(viewShortcutOf(press('F', { shift: true }))).toBe('fitView');
    expect(viewShortcutOf(press('M', { shift: true }))).toBe('minimap');
    expect(viewShortcutOf(press('l'))).toBeUndefined();
    expect(viewShortcutOf(press('L', { shift: true, ctrl: true }))).toBeUndefined();
    expect(viewShortcutOf(press('Z', { shift: true }))).toBeUndefined();
  });
});

describe('view toolbar with the view store', () => {
  const render = (minimap: boolean, status: LayoutStatus, empty = false) =>
    renderToStaticMarkup(
      <ViewButtonsView
        minimap={minimap}
        status={status}
        empty={empty}
        onLayout={noop}
        onFitView={noop}
        onMinimap={noop}
        onCancel={noop}
      />,
    );

  it('presses Minimap while the minimap is shown, and gives the shortcuts in the tooltips', () => {
    const view = createStore(createViewState);
    expect(render(view.getState().minimap, view.getState().layout)).toContain(
      'aria-label="Minimap" aria-pressed="true"',
    );
    view.getState().toggleMinimap();
    const html = render(view.getState().minimap, view.getState().layout);
    expect(html).toContain('aria-label="Minimap" aria-pressed="false"');
    expect(html).toContain('title="Lay the graph out automatically (Shift+L)"');
    expect(html).toContain('title="Fit the whole graph in view (Shift+F)"');
  });

  it('shows the layout’s progress and a Cancel button while it runs, with Layout disabled', () => {
    const view = createStore(createViewState);
    view.getState().setLayoutStatus({ state: 'running', nodes: 2057, since: 0 });
    const html = render(view.getState().minimap, view.getState().layout);
    expect(html).toMatch(/aria-label="Layout" title="[^"]*" disabled=""/);
    expect(html).toContain('Laying out 2057 nodes…');
    expect(html).toContain('>Cancel layout</button>');
    expect(render(true, { state: 'idle' })).not.toContain('Cancel layout');
    expect(render(true, { state: 'idle' }, true)).toMatch(/aria-label="Layout" title="[^"]*" disabled=""/);
  });
});

describe('miniMapColour', () => {
  it('colours block nodes by category and the other kinds by their own colour', () => {
    const doc = collapseChain(seedSimpleTree(), 'disk');
    const colours = Object.fromEntries(collapseFlow(toFlow(doc), doc).nodes.map((n) => [n.id, miniMapColour(n)]));
    expect(colours).toMatchObject({
      disk: 'var(--format-border)',
      'disk-file': 'var(--protocol-border)',
      'collapsed:disk': 'var(--format-border)',
    });
    expect(Object.values(colours)).toContain('var(--frontend-border)');
  });
});
