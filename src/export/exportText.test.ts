import { describe, expect, it } from 'vitest';
import { EXAMPLES, seedSimpleTree } from '../model/fixtures/index.ts';
import { loadDocumentText, parseQmpScript } from '../model/index.ts';
import { EXPORT_FORMATS, exportText, rootNodes } from './exportText.ts';
import { importText } from './importText.ts';

describe('exportText', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    'writes %s in every format, each text read back by importText',
    (_id, example) => {
      const doc = example.build();
      for (const format of EXPORT_FORMATS) {
        const [root] = rootNodes(doc);
        const written = exportText(doc, format, root === undefined ? {} : { node: root });
        // A json: filename can only define children inline: a root with references is refused (E401).
        if (!written.ok && format === 'json-filename' && written.diagnostics.every((d) => d.code === 'E401')) continue;
        if (!written.ok) throw new Error(`${format}: ${written.diagnostics.map((d) => d.message).join('; ')}`);
        expect(written.value.text.endsWith('\n')).toBe(true);
        // json: names one subtree and argument words need a program to be a command line, so both
        // are read back as what they are: a json: filename, -blockdev/-drive arguments.
        const text = format === 'json-filename' ? written.value.text.trim().replace(/^'|'$/g, '') : written.value.text;
        expect(importText(text).ok, `${format}:\n${text}`).toBe(true);
      }
    },
  );

  it('writes the QMP script as an array or as lines, and its rollback', () => {
    const doc = seedSimpleTree();
    const lines = exportText(doc, 'qmp', { lines: true });
    const rollback = exportText(doc, 'qmp', { rollback: true });
    expect(lines.ok && lines.value.text.trim().split('\n').length).toBe(1);
    const undo = rollback.ok ? parseQmpScript(rollback.value.text) : undefined;
    expect(undo?.ok && undo.value.map((c) => c.execute)).toEqual(['blockdev-del']);
  });

  it('writes the document as its file holds it, and refuses a json: filename without a node', () => {
    const doc = seedSimpleTree();
    const written = exportText(doc, 'document');
    expect(written.ok && loadDocumentText(written.value.text)).toEqual({ ok: true, value: doc });
    expect(exportText(doc, 'json-filename')).toMatchObject({ ok: false, diagnostics: [{ code: 'E103' }] });
  });
});
