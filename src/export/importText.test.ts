import { describe, expect, it } from 'vitest';
import { IMPORT_IMAGES } from '../cli/qemu/importCases.ts';
import { seedSimpleTree } from '../model/fixtures/index.ts';
import { detectForm, importText } from './importText.ts';

describe('detectForm', () => {
  it.each([
    [JSON.stringify(seedSimpleTree()), 'document', 'blockgraph document (4 nodes)'],
    ['{"blockgraph": 1, "nodes": {"a": {"driver": "file",}}}', 'document', 'blockgraph document'],
    [
      '[{"execute":"qmp_capabilities"},{"execute":"blockdev-add","arguments":{"driver":"null-co","node-name":"a"}}]',
      'qmp',
      'QMP script (1 command)',
    ],
    [
      '{"execute":"blockdev-add","arguments":{"driver":"null-co","node-name":"a"}}\n{"execute":"query-block"}',
      'qmp',
      'QMP script (2 commands)',
    ],
    ['[]', 'qmp', 'QMP script (0 commands)'],
    ['{"return": [{"node-name": "a", "drv": "null-co"}]}', 'query', 'QEMU query replies'],
    ['{"nodes": [], "edges": []}', 'query', 'QEMU query replies'],
    ['{"driver": "null-co", "node-name": "n"}', 'blockdev', '-blockdev value (JSON)'],
    ["{'driver': 'null-co'}", 'blockdev', '-blockdev value (JSON)'],
    ['json:{"driver":"null-co"}', 'json-filename', 'json: filename'],
    [
      'qemu-system-x86_64 -drive file=a.qcow2 -drive file=b.qcow2 \\\n -device virtio-blk-pci,drive=none0',
      'cmdline',
      'QEMU command line (2 -drive, 1 -device)',
    ],
    [
      '-blockdev null-co,node-name=n -object throttle-group,id=t',
      'cmdline',
      'QEMU command line (1 -blockdev, 1 -object)',
    ],
    ['/usr/bin/qemu-kvm -m 1G', 'cmdline', 'QEMU command line (no block options)'],
    ['file=a.qcow2,format=qcow2,cache=none', 'drive', '-drive value'],
    ['driver=qcow2,node-name=d,file.driver=file,file.filename=a.qcow2', 'blockdev', '-blockdev value (dotted)'],
    ['qcow2,node-name=d,file=f', 'blockdev', '-blockdev value (dotted)'],
    ['{"x": 1}', undefined, 'JSON of no form blockgraph reads'],
    ['  \n', undefined, 'empty input'],
  ] as const)('%s', (text, form, detected) => {
    expect(detectForm(text)).toEqual({ form, detected });
  });
});

describe('importText', () => {
  it('imports every form and says which it read', () => {
    const read = (text: string) => {
      const result = importText(text, IMPORT_IMAGES);
      return [result.form, result.ok ? Object.keys(result.graph.nodes).length : result.diagnostics];
    };
    expect(read(JSON.stringify(seedSimpleTree()))).toEqual(['document', 4]);
    expect(read('{"execute":"blockdev-add","arguments":{"driver":"null-co","node-name":"a"}}')).toEqual(['qmp', 1]);
    expect(read('qemu-system-x86_64 -drive file=top.qcow2,format=qcow2')).toEqual(['cmdline', 2]);
    expect(read('file=top.qcow2,format=qcow2')).toEqual(['drive', 2]);
    expect(read('{"driver":"null-co","node-name":"n"}')).toEqual(['blockdev', 1]);
    expect(read('json:{"driver":"raw","file":{"driver":"null-co"}}')).toEqual(['json-filename', 2]);
  });

  it('reads a -blockdev look-alike as the -drive it is when it does not import as a -blockdev', () => {
    const result = importText('driver=qcow2,node-name=d,file=top.qcow2', IMPORT_IMAGES);
    expect(result.ok && [result.form, result.detected, result.graph.nodes['file-1']?.options]).toEqual([
      'drive',
      '-drive value',
      { filename: 'top.qcow2' },
    ]);
  });

  it("reports the form's own errors and an unknown form (E413), and reads QEMU's query replies", () => {
    const broken = importText('{"blockgraph": 1,\n "nodes": {"a": {"driver": "file",}}}');
    expect(broken).toMatchObject({ ok: false, form: 'document', diagnostics: [{ code: 'E001', line: 2, column: 35 }] });
    const unknown = importText('{"x": 1}');
    expect(unknown).toMatchObject({ ok: false, form: undefined, diagnostics: [{ code: 'E413', line: 1, column: 1 }] });
    const query = importText('{"return": {"nodes": [{"id": 1, "type": "block-driver", "name": "n0"}], "edges": []}}');
    expect(query).toMatchObject({ ok: true, form: 'query', detected: 'QEMU query replies' });
    expect(query.ok && Object.keys(query.graph.nodes)).toEqual(['n0']);
  });
});
