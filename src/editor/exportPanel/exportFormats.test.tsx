import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { documentText, importText } from '../../export/index.ts';
import { parseQmpScript } from '../../model/index.ts';
import { generateNodes, graph, seedSimpleTree } from '../../model/fixtures/index.ts';
import { createEditorState } from '../store/editorStore.ts';
import {
  DEFAULT_CHOICES,
  EAGER_EXPORT_LIMIT,
  EXPORT_TABS,
  computeExportOutput,
  exportOutput,
  jsonFilenameNode,
  refusedTabs,
  type ExportOutput,
} from './exportFormats.ts';
import { tabAfterKey } from './tabKeys.ts';

/** The output's text, failing the test when the tab shows anything else. */
function textOf(output: ExportOutput): string {
  if (output.kind !== 'text') throw new Error(`expected a text, got ${JSON.stringify(output)}`);
  return output.output.text;
}

/** A document -drive cannot express: rbd's `snapshot` is a -drive option of its own at the top level. */
const rbdWithSnapshot = () => graph().node('r', 'rbd', { pool: 'p', image: 'i', snapshot: 's1' }).build();

describe('export outputs of the document in the store', () => {
  it('every tab of the seed document has text, and each text reads back as the same graph', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const doc = store.getState().document;
    for (const { id } of EXPORT_TABS) {
      const text = textOf(exportOutput(doc, id, DEFAULT_CHOICES, jsonFilenameNode(doc, null, null)));
      expect(text.trim(), id).not.toBe('');
      // Every format is one blockgraph imports; a json: filename is written shell-quoted (one word).
      const input = id === 'json-filename' ? text.trim().replace(/^'|'$/g, '') : text;
      const imported = importText(input);
      expect(imported.ok, `${id}: ${JSON.stringify(imported)}`).toBe(true);
      if (imported.ok) expect(Object.keys(imported.graph.nodes).length).toBeGreaterThan(0);
    }
  });

  it('follows the document: an edit through the store gives a new output, the same document the same one', () => {
    const store = createStore(createEditorState(seedSimpleTree()));
    const before = exportOutput(store.getState().document, 'qmp', DEFAULT_CHOICES, undefined);
    expect(exportOutput(store.getState().document, 'qmp', { ...DEFAULT_CHOICES }, undefined)).toBe(before);
    // Choices of other tabs do not make the QMP output new.
    expect(
      exportOutput(store.getState().document, 'qmp', { ...DEFAULT_CHOICES, cmdlineForm: 'dotted' }, undefined),
    ).toBe(before);
    store.getState().addNode({ driver: 'null-co', name: 'extra' });
    const after = exportOutput(store.getState().document, 'qmp', DEFAULT_CHOICES, undefined);
    expect(after).not.toBe(before);
    expect(textOf(after)).toContain('"node-name":"extra"');
    expect(textOf(before)).not.toContain('"node-name":"extra"');
  });

  it('QMP: the array is one JSON value, lines one command per line; flat adds every node on its own', () => {
    const doc = seedSimpleTree();
    const nested = exportOutput(doc, 'qmp', DEFAULT_CHOICES, undefined);
    const commands = JSON.parse(textOf(nested)) as { execute: string }[];
    expect(commands.map((c) => c.execute)).toEqual(['blockdev-add']);
    if (nested.kind !== 'text') return;
    expect(nested.output.file).toEqual({ name: 'graph.qmp.json', type: 'application/json' });
    expect(nested.rollback?.text).toContain('"blockdev-del"');

    const flatLines = exportOutput(doc, 'qmp', { ...DEFAULT_CHOICES, qmpLayout: 'flat', qmpForm: 'lines' }, undefined);
    const lines = textOf(flatLines).trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { execute: string }).execute)).toEqual(
      Object.keys(doc.nodes).map(() => 'blockdev-add'),
    );
    if (flatLines.kind !== 'text') return;
    expect(flatLines.output.file.name).toBe('graph.qmp.jsonl');
    expect(flatLines.rollback?.file.name).toBe('graph.rollback.qmp.jsonl');
    // The rollback deletes what the script adds, last added first.
    const added = lines.map(
      (line) => (JSON.parse(line) as { arguments: { 'node-name': string } }).arguments['node-name'],
    );
    const deleted = (flatLines.rollback?.text ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { arguments: { 'node-name': string } }).arguments['node-name']);
    expect(deleted).toEqual([...added].reverse());
  });

  it('QMP option styles: explicit writes every generic option, minimal only what inheritance would not give', () => {
    const doc = seedSimpleTree();
    const count = (style: 'minimal' | 'explicit' | 'as-written') =>
      (
        textOf(exportOutput(doc, 'qmp', { ...DEFAULT_CHOICES, qmpOptions: style }, undefined)).match(/"read-only"/g) ??
        []
      ).length;
    expect(count('explicit')).toBe(Object.keys(doc.nodes).length);
    expect(count('minimal')).toBeLessThan(count('explicit'));
  });

  it('-blockdev and the command line: JSON or dotted values; the command line is a .sh file', () => {
    const doc = seedSimpleTree();
    const json = textOf(exportOutput(doc, 'blockdev', DEFAULT_CHOICES, undefined));
    const dotted = textOf(exportOutput(doc, 'blockdev', { ...DEFAULT_CHOICES, blockdevForm: 'dotted' }, undefined));
    expect(json).toContain(`-blockdev '{"driver":"qcow2"`);
    expect(dotted).toContain('-blockdev driver=qcow2,node-name=disk,file.driver=file');
    const cmdline = exportOutput(doc, 'cmdline', { ...DEFAULT_CHOICES, cmdlineForm: 'dotted' }, undefined);
    expect(textOf(cmdline).startsWith('qemu-system-x86_64 \\\n')).toBe(true);
    expect(textOf(cmdline)).toContain('-blockdev driver=qcow2');
    if (cmdline.kind === 'text') expect(cmdline.output.file.name).toBe('graph.sh');
  });

  it('the document tab is what Save writes', () => {
    const doc = seedSimpleTree();
    const output = exportOutput(doc, 'document', DEFAULT_CHOICES, undefined);
    expect(textOf(output)).toBe(documentText(doc));
    if (output.kind === 'text') expect(output.output.file.name).toBe('graph.blockgraph.json');
  });

  it('a format that cannot express the document refuses it with node and key, and only that tab is marked', () => {
    const doc = rbdWithSnapshot();
    const drive = exportOutput(doc, 'drive', DEFAULT_CHOICES, undefined);
    expect(drive.kind).toBe('refused');
    if (drive.kind === 'refused') {
      expect(drive.diagnostics.map((d) => [d.code, d.node, d.path])).toEqual([['E401', 'r', 'snapshot']]);
    }
    expect([...refusedTabs(doc, DEFAULT_CHOICES, 'r')]).toEqual(['drive']);
    expect([...refusedTabs(seedSimpleTree(), DEFAULT_CHOICES, 'disk')]).toEqual([]);
  });

  it('returns the notes an export makes (a frontend -drive cannot write)', () => {
    const doc = graph().node('n', 'null-co').frontend('e0', 'nbd-export', 'n').build();
    const output = exportOutput(doc, 'drive', DEFAULT_CHOICES, undefined);
    expect(output.kind === 'text' ? output.notes : []).toContain(
      "frontend 'e0' (nbd-export) is not a -device: left out",
    );
    // -blockdev writes no -drive, so it has no note about a BlockBackend; the export is still noted.
    const blockdev = exportOutput(doc, 'blockdev', DEFAULT_CHOICES, undefined);
    expect(blockdev.kind === 'text' ? blockdev.notes : []).toEqual([
      "frontend 'e0' (nbd-export) is not a -device: left out",
    ]);
  });

  it('marks no tab of a document above the eager limit (only the visible tab is computed)', () => {
    const big = generateNodes(EAGER_EXPORT_LIMIT + 10);
    expect(refusedTabs(big, DEFAULT_CHOICES, undefined).size).toBe(0);
  });
});

describe('the json: tab’s node', () => {
  const twoRoots = () => graph().node('a', 'null-co').node('b', 'null-co').build();

  it('is the chosen node, else the selected block node, else the only root, else none (choose)', () => {
    const seed = seedSimpleTree();
    expect(jsonFilenameNode(seed, null, null)).toBe('disk');
    expect(jsonFilenameNode(seed, null, 'backing')).toBe('backing');
    // A frontend is not a block node: the only root stays.
    expect(jsonFilenameNode(seed, null, 'vda')).toBe('disk');
    expect(jsonFilenameNode(seed, 'disk-file', 'backing')).toBe('disk-file');
    // A chosen node that is gone falls back.
    expect(jsonFilenameNode(seed, 'gone', null)).toBe('disk');
    expect(jsonFilenameNode(twoRoots(), null, null)).toBeUndefined();
    expect(exportOutput(twoRoots(), 'json-filename', DEFAULT_CHOICES, undefined)).toEqual({ kind: 'choose-node' });
  });

  it('writes the subtree of that node as one shell word', () => {
    const text = textOf(exportOutput(seedSimpleTree(), 'json-filename', DEFAULT_CHOICES, 'backing'));
    expect(text).toMatch(/^'json:\{"driver":"qcow2","node-name":"backing",.*\}'\n$/);
    expect(text).not.toContain('"node-name":"disk"');
  });
});

describe('tab keys', () => {
  const tabs = EXPORT_TABS.map((t) => t.id);

  it('move right and left with wrapping, Home and End to the ends, other keys nowhere', () => {
    expect(tabAfterKey(tabs, 'qmp', 'ArrowRight')).toBe('blockdev');
    expect(tabAfterKey(tabs, 'qmp', 'ArrowLeft')).toBe('document');
    expect(tabAfterKey(tabs, 'document', 'ArrowRight')).toBe('qmp');
    expect(tabAfterKey(tabs, 'drive', 'Home')).toBe('qmp');
    expect(tabAfterKey(tabs, 'drive', 'End')).toBe('document');
    expect(tabAfterKey(tabs, 'drive', 'Enter')).toBeUndefined();
  });

  it('visit every tab once going round with one arrow (fast-check)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tabs), fc.constantFrom('ArrowRight', 'ArrowLeft'), (start, key) => {
        const seen = new Set<string>();
        let at = start;
        for (let i = 0; i < tabs.length; i++) {
          seen.add(at);
          at = tabAfterKey(tabs, at, key) ?? at;
        }
        return seen.size === tabs.length && at === start;
      }),
      { seed: 4104, numRuns: 50 },
    );
  });
});

describe('outputs are what the codecs give', () => {
  it('QMP text parses back to the commands of the script (random options, fast-check)', () => {
    const doc = seedSimpleTree();
    fc.assert(
      fc.property(
        fc.constantFrom('nested' as const, 'flat' as const),
        fc.constantFrom('as-written' as const, 'minimal' as const, 'explicit' as const),
        fc.constantFrom('array' as const, 'lines' as const),
        (qmpLayout, qmpOptions, qmpForm) => {
          const choices = { ...DEFAULT_CHOICES, qmpLayout, qmpOptions, qmpForm };
          const parsed = parseQmpScript(textOf(computeExportOutput(doc, 'qmp', choices, undefined)));
          return parsed.ok && parsed.value.every((c) => c.execute === 'blockdev-add');
        },
      ),
      { seed: 4105, numRuns: 30 },
    );
  });
});
