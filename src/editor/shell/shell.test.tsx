import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { seedSimpleTree } from '../../model/fixtures/index.ts';
import { createEditorState } from '../store/editorStore.ts';
import { openDocumentText } from '../persistence/session.ts';
import { HistoryButtonsView, selectHistoryAvailability } from './HistoryButtons.tsx';
import { NoticeView } from './NoticeBar.tsx';

const noop = () => undefined;

/** The history buttons as the store's state draws them: `name:enabled` or `name:disabled`, with the tooltip. */
function historyButtons(state: Parameters<typeof selectHistoryAvailability>[0]): string[] {
  const html = renderToStaticMarkup(
    <HistoryButtonsView {...selectHistoryAvailability(state)} onUndo={noop} onRedo={noop} />,
  );
  return [...html.matchAll(/<button([^>]*)>/g)].map(([, attributes = '']) => {
    const name = /aria-label="([^"]*)"/.exec(attributes)?.[1] ?? '';
    const title = /title="([^"]*)"/.exec(attributes)?.[1] ?? '';
    return `${name}:${attributes.includes('disabled') ? 'disabled' : 'enabled'}:${title}`;
  });
}

describe('history buttons with the store', () => {
  it('enable Undo after a change and Redo after an undo, with the shortcuts in the tooltips', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    expect(historyButtons(store.getState())).toEqual([
      'Undo:disabled:Undo (Ctrl+Z)',
      'Redo:disabled:Redo (Ctrl+Shift+Z / Ctrl+Y)',
    ]);
    store.getState().addNode({ driver: 'null-co' });
    expect(historyButtons(store.getState()).map((b) => b.split(':').slice(0, 2).join(':'))).toEqual([
      'Undo:enabled',
      'Redo:disabled',
    ]);
    store.getState().undo();
    expect(historyButtons(store.getState()).map((b) => b.split(':').slice(0, 2).join(':'))).toEqual([
      'Undo:disabled',
      'Redo:enabled',
    ]);
  });

  it('keep their selection result while unrelated state changes', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const before = selectHistoryAvailability(store.getState());
    store.getState().select('disk');
    expect(selectHistoryAvailability(store.getState())).toEqual(before);
  });
});

describe('notice with the store', () => {
  it('shows why a file cannot be opened, one diagnostic per line, as text', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    openDocumentText(store, '<img src=x onerror=alert(1)>.json', '{"blockgraph": 1, "nodes": {"a": {"driver": 1}}}');
    const html = renderToStaticMarkup(<NoticeView notice={store.getState().notice} onDismiss={noop} />);
    expect(html).toContain('role="status"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.json cannot be opened');
    expect(html).toContain('<li><code>error at nodes.a.driver: Expected a string [E002]</code></li>');
    expect(renderToStaticMarkup(<NoticeView notice={null} onDismiss={noop} />)).toBe(
      '<div role="status" aria-label="Notice" class="notice-bar"></div>',
    );
  });
});
