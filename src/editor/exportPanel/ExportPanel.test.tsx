import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { graph, seedSimpleTree } from '../../model/fixtures/index.ts';
import { createEditorState, type EditorStore } from '../store/editorStore.ts';
import {
  DEFAULT_CHOICES,
  exportOutput,
  jsonFilenameNode,
  refusedTabs,
  type ExportChoices,
  type ExportTab,
} from './exportFormats.ts';
import { ExportPanelView, nodeChoices } from './ExportPanel.tsx';

const noop = () => undefined;

/** The panel as the store's state draws it, on `tab` with `choices` (what ExportPanel passes). */
function panel(state: EditorStore, tab: ExportTab, choices: ExportChoices = DEFAULT_CHOICES): string {
  const doc = state.document;
  const jsonNode = jsonFilenameNode(doc, choices.jsonNode, state.selectedId);
  return renderToStaticMarkup(
    <ExportPanelView
      tab={tab}
      choices={choices}
      output={exportOutput(doc, tab, choices, jsonNode)}
      refused={refusedTabs(doc, choices, jsonNode)}
      jsonNode={jsonNode}
      nodes={tab === 'json-filename' ? nodeChoices(doc) : []}
      onTab={noop}
      onChoices={noop}
    />,
  );
}

/** The tabs of the markup: `name|aria-selected|tabindex|title`. */
function tabs(html: string): string[] {
  return [...html.matchAll(/<button([^>]*)role="tab"([^>]*)>(.*?)<\/button>/g)].map(
    ([, before = '', after = '', body = '']) => {
      const attributes = before + after;
      const name = body.replace(/<span[^>]*aria-hidden="true"[^>]*>.*?<\/span>/g, '').replace(/<[^>]+>/g, '');
      const selected = /aria-selected="(\w+)"/.exec(attributes)?.[1] ?? '';
      const index = /tabindex="(-?\d)"/.exec(attributes)?.[1] ?? '';
      const title = /title="([^"]*)"/.exec(attributes)?.[1] ?? '';
      return `${name}|${selected}|${index}|${title}`;
    },
  );
}

/** The values of the selects, by their label's text. */
function selects(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, id = '', label = ''] of html.matchAll(/<label for="([^"]+)">([^<]*)<\/label>/g)) {
    const select = new RegExp(`<select id="${id}">(.*?)</select>`).exec(html)?.[1] ?? '';
    out[label] = /<option value="([^"]*)" selected="">/.exec(select)?.[1] ?? '(first)';
  }
  return out;
}

describe('export panel with the store', () => {
  it('is a tab list of the six formats; the selected tab alone is in the Tab order and labels the panel', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const html = panel(store.getState(), 'blockdev');
    expect(html).toContain('role="tablist" aria-label="Export formats"');
    expect(tabs(html)).toEqual([
      'QMP|false|-1|',
      '-blockdev|true|0|',
      '-drive|false|-1|',
      'json:|false|-1|',
      'command line|false|-1|',
      'document|false|-1|',
    ]);
    const selectedId = /<button id="([^"]+)"[^>]*aria-selected="true"/.exec(html)?.[1];
    expect(selectedId).toBeDefined();
    expect(html).toContain(`role="tabpanel" aria-labelledby="${selectedId ?? ''}"`);
    expect(html).toContain(`aria-controls="${/id="([^"]+)" role="tabpanel"/.exec(html)?.[1] ?? 'none'}"`);
  });

  it('shows the QMP script (with its rollback) as read-only text with Copy and Download, and its options', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const html = panel(store.getState(), 'qmp');
    expect(html).toContain('data-testid="export.qmp"');
    expect(html).toContain('data-testid="export.qmp-rollback"');
    expect(html).toMatch(
      /<pre class="export-panel__script" tabindex="0" aria-label="QMP output" data-testid="export.qmp">\[/,
    );
    expect(html).toContain('&quot;execute&quot;:&quot;blockdev-add&quot;');
    expect([...html.matchAll(/aria-label="(Copy rollback|Download rollback|Download)"/g)].map((m) => m[1])).toEqual([
      'Download',
      'Copy rollback',
      'Download rollback',
    ]);
    expect(html).toContain('title="Download as graph.qmp.json"');
    expect(selects(html)).toEqual({ Layout: 'nested', Options: 'as-written', Text: 'array' });
    const flat = panel(store.getState(), 'qmp', { ...DEFAULT_CHOICES, qmpLayout: 'flat', qmpForm: 'lines' });
    expect(selects(flat)).toEqual({ Layout: 'flat', Options: 'as-written', Text: 'lines' });
    expect(flat).toContain('title="Download as graph.qmp.jsonl"');
  });

  it('gives -blockdev and the command line a JSON/dotted choice, -drive and the document none', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    expect(selects(panel(store.getState(), 'blockdev', { ...DEFAULT_CHOICES, blockdevForm: 'dotted' }))).toEqual({
      Values: 'dotted',
    });
    expect(selects(panel(store.getState(), 'cmdline'))).toEqual({ Values: 'json' });
    expect(selects(panel(store.getState(), 'drive'))).toEqual({});
    expect(selects(panel(store.getState(), 'document'))).toEqual({});
  });

  it('writes the json: filename of the selected node, and asks for a node when the document has several roots', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    store.getState().select('backing');
    const html = panel(store.getState(), 'json-filename');
    expect(selects(html)).toEqual({ Node: 'backing' });
    expect(html).toContain('json:{&quot;driver&quot;:&quot;qcow2&quot;,&quot;node-name&quot;:&quot;backing&quot;');

    const two = createStore(createEditorState(graph().node('a', 'null-co').node('b', 'null-co').build()));
    const ask = panel(two.getState(), 'json-filename');
    expect(selects(ask)).toEqual({ Node: '' });
    expect(ask).toContain('<option value="" selected="">Choose a node…</option>');
    expect(ask).toContain('<option value="a">a · null-co</option><option value="b">b · null-co</option>');
    expect(ask).toContain('choose the node whose json: filename to write');
    expect(ask).not.toContain('data-testid="export.json-filename"');
  });

  it('shows why a format refuses the document (message, node, key) instead of output, and marks that tab', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    store.getState().replaceDocument(graph().node('r', 'rbd', { pool: 'p', image: 'i', snapshot: 's1' }).build());
    const html = panel(store.getState(), 'drive');
    expect(html).not.toContain('data-testid="export.drive"');
    expect(html).toContain('-drive cannot express this document:');
    expect(html).toContain(
      '<li><span class="export-panel__site">node &#x27;r&#x27; · key snapshot: </span>&#x27;r&#x27; cannot be written as -drive: -drive keeps its top-level option &#x27;snapshot&#x27; for itself, so the node would not get it <code>E401</code></li>',
    );
    expect(tabs(html)[2]).toBe('-drive|true|0|-drive cannot express this document');
    expect(tabs(html).filter((t) => t.endsWith('cannot express this document'))).toHaveLength(1);
  });

  it('lists the notes an export makes under its output', () => {
    const store = createStore(
      createEditorState(graph().node('n', 'null-co').frontend('e0', 'nbd-export', 'n').build()),
    );
    const html = panel(store.getState(), 'blockdev');
    expect(html).toContain(
      '<ul class="export-panel__notes" aria-label="Export notes"><li>frontend &#x27;e0&#x27; (nbd-export) is not a -device: left out</li></ul>',
    );
  });

  it('renders file names as text, never as markup', () => {
    const markup = '<img src=x onerror=alert(1)>.qcow2';
    const store = createStore(createEditorState(graph().node('f', 'file', { filename: markup }).build()));
    for (const tab of ['qmp', 'blockdev', 'cmdline', 'document'] as const) {
      const html = panel(store.getState(), tab);
      expect(html, tab).not.toContain('<img');
      expect(html, tab).toContain('&lt;img src=x onerror=alert(1)&gt;.qcow2');
    }
  });
});
