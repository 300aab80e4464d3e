import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { formatCommandLine, toCommandLine } from '../../export/index.ts';
import { lineColumn } from '../../model/index.ts';
import { qcow2Header, seedSimpleTree } from '../../model/fixtures/index.ts';
import { createEditorState } from '../store/editorStore.ts';
import { isTextFile } from './droppedFiles.ts';
import { wrappedFocus } from './focusTrap.ts';
import { ImportDialogView, type ShownPreview } from './ImportDialog.tsx';
import { createImportDialogState } from './importDialogStore.ts';
import { applyImport, importPreview, summaryOf, summaryText } from './importPreview.ts';
import { pastedImportText, type PasteTarget } from './pasteImport.ts';
import { offsetAt } from './textPosition.ts';

const COMMAND_LINE = [
  'qemu-system-x86_64 -m 1G \\',
  '  -drive file=a.qcow2,if=none,id=d0,format=qcow2 \\',
  '  -drive file=b.raw,format=raw,if=none,id=d1 \\',
  '  -device virtio-blk-pci,drive=d0',
].join('\n');

/** A command line whose second line names a driver QEMU does not have. */
const BROKEN = 'qemu-system-x86_64 \\\n  -drive file=a.qcow2,format=qcow3';

const noop = () => undefined;

function dialog(text: string, preview: ShownPreview = importPreview(text, {}), source: string | null = null): string {
  return renderToStaticMarkup(
    <ImportDialogView
      text={text}
      source={source}
      preview={preview}
      onText={noop}
      onImport={noop}
      onClose={noop}
      onShowPosition={noop}
    />,
  );
}

describe('import preview', () => {
  it('detects a command line, says which, and counts what it imports with the importer’s notes', () => {
    const preview = importPreview(COMMAND_LINE, {});
    expect(preview.kind).toBe('ready');
    if (preview.kind !== 'ready') return;
    expect(preview.detected).toBe('QEMU command line (2 -drive, 1 -device)');
    expect(preview.form).toBe('cmdline');
    expect(preview.summary).toEqual({
      nodes: Object.keys(preview.graph.nodes).length,
      links: preview.graph.links.length,
      objects: 0,
      frontends: 1,
    });
    expect(preview.summary.nodes).toBe(4);
    expect(preview.notes).toEqual(['-m 1G: not part of the block graph, ignored']);
    expect(summaryText(preview.summary, preview.notes.length)).toBe('4 nodes, 2 links, 1 frontend, 1 note');
  });

  it('locates a command line’s problem by line and column', () => {
    const preview = importPreview(BROKEN, {});
    expect(preview.kind).toBe('refused');
    if (preview.kind !== 'refused') return;
    expect(preview.detected).toBe('QEMU command line (1 -drive)');
    const [problem] = preview.problems;
    expect(problem).toMatchObject({ message: "Unknown driver 'qcow3' [E412]", line: 2 });
    // The position is the start of the -drive's value, on the second line.
    const at = offsetAt(BROKEN, problem?.line ?? 0, problem?.column ?? 0);
    expect(BROKEN.slice(at)).toBe('file=a.qcow2,format=qcow3');
    expect(problem?.where).toMatch(/^line 2, column \d+/);
  });

  it('locates a document’s and a QMP script’s problems by key path', () => {
    const doc = importPreview('{"blockgraph": 1, "nodes": {"a": {"driver": 3}}}', {});
    expect(doc.kind === 'refused' ? doc.problems.map((p) => [p.where, p.message, p.line]) : []).toEqual([
      ['at nodes.a.driver', 'Expected a string [E002]', undefined],
    ]);
    const qmp = importPreview(
      '[{"execute":"blockdev-add","arguments":{"driver":"qcow2","node-name":"x","file":{"driver":"file"}}}]',
      {},
    );
    expect(qmp.kind === 'refused' ? [qmp.detected, qmp.problems[0]?.where] : []).toEqual([
      'QMP script (1 command)',
      'at [0].arguments.file.filename',
    ]);
  });

  it('has nothing to say about an empty text, and offers no import of a text without block devices', () => {
    expect(importPreview('  \n', {})).toEqual({ kind: 'empty' });
    expect(importPreview('qemu-system-x86_64 -m 1G', {})).toEqual({
      kind: 'nothing',
      form: 'cmdline',
      detected: 'QEMU command line (no block options)',
      notes: ['-m 1G: not part of the block graph, ignored'],
    });
    const html = dialog('qemu-system-x86_64 -m 1G');
    expect(html).toContain('Nothing to import: the text has no block node, object or frontend.');
    expect(html).toContain('<li>-m 1G: not part of the block graph, ignored</li>');
    expect(html).toMatch(/<button type="button" class="import-dialog__primary" disabled="">Import<\/button>/);
  });

  it('locates a problem of a JSON text by line and column', () => {
    const preview = importPreview('[\n  42]', {});
    expect(preview.kind === 'refused' ? [preview.detected, preview.problems[0]?.where] : []).toEqual([
      'QMP script',
      'line 2, column 3',
    ]);
  });

  it('reads dropped image headers as QEMU’s working directory (a qcow2 header is probed)', () => {
    const images = { 'disk.qcow2': qcow2Header() };
    const preview = importPreview('-drive file=disk.qcow2,if=none,id=d0', images);
    expect(preview.kind).toBe('ready');
    if (preview.kind !== 'ready') return;
    expect(Object.values(preview.graph.nodes).map((n) => n.driver)).toContain('qcow2');
  });

  it('reads back what the command line tab exports, in both value forms', () => {
    for (const form of ['json', 'dotted'] as const) {
      const argv = toCommandLine(seedSimpleTree(), { form });
      expect(argv.ok).toBe(true);
      const preview = importPreview(argv.ok ? formatCommandLine(argv.value) : '', {});
      expect(preview.kind === 'ready' ? preview.summary : preview).toEqual(summaryOf(seedSimpleTree()));
    }
  });
});

describe('import into the store', () => {
  it('replaces the document as one undoable change and leaves the notes in the notice', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const before = store.getState().document;
    const preview = importPreview(COMMAND_LINE, {});
    expect(applyImport(store, preview, 'the clipboard')).toBe(true);
    const state = store.getState();
    expect(preview.kind === 'ready' ? state.document : undefined).toBe(preview.kind === 'ready' ? preview.graph : 0);
    expect(state.notice).toEqual({
      tone: 'info',
      text: 'Imported QEMU command line (2 -drive, 1 -device) from the clipboard: 4 nodes, 2 links, 1 frontend. Undo brings back your previous work.',
      details: ['-m 1G: not part of the block graph, ignored'],
    });
    expect(state.undo()).toBe(true);
    expect(store.getState().document).toBe(before);
  });

  it('changes nothing for a text that does not import', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const before = store.getState();
    expect(applyImport(store, importPreview(BROKEN, {}), null)).toBe(false);
    expect(applyImport(store, importPreview('', {}), null)).toBe(false);
    expect(store.getState().document).toBe(before.document);
    expect(store.getState().history).toBe(before.history);
    expect(store.getState().notice).toBeNull();
  });

  it('keeps the dialog’s text apart from the document until the import', () => {
    const dialogStore = createStore(createImportDialogState());
    dialogStore.getState().openImport('-drive file=a.raw', 'a.txt');
    expect(dialogStore.getState()).toMatchObject({ open: true, text: '-drive file=a.raw', source: 'a.txt' });
    dialogStore.getState().setText('x');
    dialogStore.getState().closeImport();
    expect(dialogStore.getState()).toMatchObject({ open: false, text: '', source: null });
  });
});

describe('import dialog', () => {
  it('is a labelled modal dialog with a labelled text area, the detected form and the summary', () => {
    const html = dialog(COMMAND_LINE, importPreview(COMMAND_LINE, {}), 'the clipboard');
    const titleId = /aria-labelledby="([^"]+)"/.exec(html)?.[1] ?? 'none';
    expect(html).toContain('role="dialog" aria-modal="true"');
    expect(html).toContain(`<h2 id="${titleId}" class="import-dialog__title">Import</h2>`);
    const fieldId = /<textarea id="([^"]+)"/.exec(html)?.[1] ?? 'none';
    expect(html).toContain(
      `<label for="${fieldId}" class="import-dialog__label">Text to import (from the clipboard)</label>`,
    );
    expect(html).toContain('<p class="import-dialog__detected">Detected: QEMU command line (2 -drive, 1 -device)</p>');
    expect(html).toContain('Imports 4 nodes, 2 links, 1 frontend, 1 note.');
    expect(html).toContain('<li>-m 1G: not part of the block graph, ignored</li>');
    expect(html).toMatch(/<button type="button" class="import-dialog__primary">Import<\/button>/);
  });

  it('lists problems, a located one as a button that shows its line and column, and cannot import', () => {
    const html = dialog(BROKEN);
    expect(html).toContain('Detected: QEMU command line (1 -drive)');
    expect(html).toMatch(
      /<li><button type="button" class="import-dialog__where" title="Move the caret there">line 2, column \d+ · at driver<\/button> Unknown driver &#x27;qcow3&#x27; \[E412\]<\/li>/,
    );
    expect(html).toMatch(/<button type="button" class="import-dialog__primary" disabled="">Import<\/button>/);
    const unlocated = dialog('{"blockgraph": 1, "nodes": {"a": {"driver": 3}}}');
    expect(unlocated).toContain('<span class="import-dialog__where">at nodes.a.driver</span> Expected a string [E002]');
  });

  it('keeps showing the last preview, without importing, while a newer text is previewed', () => {
    const html = dialog(COMMAND_LINE + ' ', { kind: 'pending', preview: importPreview(COMMAND_LINE, {}) });
    expect(html).toContain('Detected: QEMU command line (2 -drive, 1 -device)');
    expect(html).toMatch(/<button type="button" class="import-dialog__primary">Import<\/button>/);
  });

  it('shows imported text as text, never as markup', () => {
    const text = '-drive file=<img src=x onerror=alert(1)>.raw,format=raw';
    const html = dialog(text);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('caret positions', () => {
  it('turns a line and column into an offset, clamping past the ends', () => {
    expect(offsetAt('ab\ncd', 1, 1)).toBe(0);
    expect(offsetAt('ab\ncd', 2, 2)).toBe(4);
    expect(offsetAt('ab\ncd', 1, 9)).toBe(2);
    expect(offsetAt('ab\ncd', 7, 1)).toBe(5);
  });

  it('is the inverse of the importers’ lineColumn (fast-check)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: fc.constantFrom('a', 'é', '\n', '\r', ' ', '😀') })
          .chain((text) => fc.tuple(fc.constant(text), fc.nat({ max: text.length }))),
        ([text, offset]) => {
          const { line, column } = lineColumn(text, offset);
          return offsetAt(text, line, column) === offset;
        },
      ),
      { seed: 4107, numRuns: 300 },
    );
  });
});

describe('focus trap', () => {
  it('wraps Tab from the last to the first and Shift+Tab from the first to the last, and brings outside focus in', () => {
    expect(wrappedFocus(4, 3, false)).toBe(0);
    expect(wrappedFocus(4, 0, true)).toBe(3);
    expect(wrappedFocus(4, 1, false)).toBeUndefined();
    expect(wrappedFocus(4, 2, true)).toBeUndefined();
    expect(wrappedFocus(4, -1, false)).toBe(0);
    expect(wrappedFocus(4, -1, true)).toBe(3);
    expect(wrappedFocus(0, -1, false)).toBeUndefined();
  });
});

describe('paste on the canvas', () => {
  /** A target inside (or outside) the canvas section. */
  const element = (tagName: string, inCanvas: boolean, type?: string): PasteTarget => ({
    tagName,
    ...(type === undefined ? {} : { type }),
    closest: (selector: string) => (inCanvas && selector.includes('Canvas') ? {} : null),
  });

  it('opens the dialog for foreign text with the canvas or the page focused', () => {
    expect(pastedImportText({ defaultPrevented: false, target: element('DIV', true), text: '-drive file=a' })).toBe(
      '-drive file=a',
    );
    expect(pastedImportText({ defaultPrevented: false, target: element('BODY', false), text: 'x' })).toBe('x');
  });

  it('leaves alone what the clipboard handler took, fields, other panels and empty text', () => {
    expect(pastedImportText({ defaultPrevented: true, target: element('DIV', true), text: 'x' })).toBeUndefined();
    expect(
      pastedImportText({ defaultPrevented: false, target: element('INPUT', true, 'text'), text: 'x' }),
    ).toBeUndefined();
    expect(
      pastedImportText({ defaultPrevented: false, target: element('TEXTAREA', false), text: 'x' }),
    ).toBeUndefined();
    expect(pastedImportText({ defaultPrevented: false, target: element('BUTTON', false), text: 'x' })).toBeUndefined();
    expect(pastedImportText({ defaultPrevented: false, target: element('DIV', true), text: ' \n' })).toBeUndefined();
    expect(pastedImportText({ defaultPrevented: false, target: null, text: 'x' })).toBeUndefined();
  });
});

describe('dropped files', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('are text by their extension, images by theirs, whatever the bytes', () => {
    for (const name of ['a.json', 'a.JSONL', 'run.sh', 'notes.txt'])
      expect(isTextFile(name, new Uint8Array([0, 1])), name).toBe(true);
    for (const name of ['disk.qcow2', 'disk.img', 'disk.raw', 'x.vmdk'])
      expect(isTextFile(name, utf8('-drive')), name).toBe(false);
  });

  it('are otherwise text when their first bytes are UTF-8 without NUL, and images else', () => {
    expect(isTextFile('qemu-args', utf8('qemu-system-x86_64 -drive file=a.raw'))).toBe(true);
    expect(isTextFile('données', utf8('-drive file=é.raw'))).toBe(true);
    // A multi-byte character cut at the end of the header is still text.
    expect(isTextFile('cut', utf8('-drive file=é').slice(0, -1))).toBe(true);
    expect(isTextFile('disk', qcow2Header())).toBe(false);
    expect(isTextFile('latin1', new Uint8Array([0x2d, 0xe9, 0x2d]))).toBe(false);
    expect(isTextFile('empty', new Uint8Array())).toBe(false);
  });
});
