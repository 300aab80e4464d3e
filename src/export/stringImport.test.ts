import { describe, expect, it } from 'vitest';
import { IMPORT_IMAGES } from '../cli/qemu/importCases.ts';
import type { Result } from '../model/index.ts';
import type { Imported } from './importGraph.ts';
import { fromBlockdevString, fromDriveString, fromJsonFilename } from './stringImport.ts';

function nodes(result: Result<Imported>): unknown[] {
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return Object.values(result.value.graph.nodes).map((n) => [n.id, n.driver, n.name, n.options]);
}

function problems(result: Result<Imported>): unknown[] {
  if (result.ok) throw new Error('imported');
  return result.diagnostics.map((d) => [d.code, d.message, d.line, d.column, d.path]);
}

describe('fromDriveString', () => {
  it('reads a -drive value with or without the leading -drive (then as shell words)', () => {
    const expected = [
      ['file-1', 'file', undefined, { filename: 'a b.qcow2' }],
      ['none0', 'qcow2', 'none0', { cache: { direct: true, 'no-flush': false }, 'auto-read-only': true }],
    ];
    expect(nodes(fromDriveString('file=a b.qcow2,format=qcow2,cache=none\n'))).toEqual(expected);
    expect(nodes(fromDriveString("-drive 'file=a b.qcow2',format=qcow2,cache=none"))).toEqual(expected);
  });
  it('names the error in the value at its line and column', () => {
    expect(problems(fromDriveString('\n  file=r.raw,cache=bogus'))).toEqual([
      ['E412', 'invalid cache option', 2, 3, 'cache'],
    ]);
  });
});

describe('fromBlockdevString', () => {
  it('reads JSON and dotted values, typing dotted values as the keyval visitor does', () => {
    expect(nodes(fromBlockdevString('{"driver":"null-co","node-name":"n0","size":1024}'))).toEqual([
      ['n0', 'null-co', 'n0', { size: 1024 }],
    ]);
    expect(nodes(fromBlockdevString('null-co,node-name=n0,size=1024,read-zeroes=off'))).toEqual([
      ['n0', 'null-co', 'n0', { size: 1024, 'read-zeroes': false }],
    ]);
    expect(nodes(fromBlockdevString('-blockdev \'{"driver":"null-co","node-name":"n0"}\''))).toEqual([
      ['n0', 'null-co', 'n0', {}],
    ]);
  });
  it('names a JSON syntax error at its line and column in the text (E001)', () => {
    expect(problems(fromBlockdevString('{"driver": "null-co",\n "node-name": "n",}'))).toEqual([
      ['E001', 'Not valid JSON: JSON parse error, expecting value', 2, 19, undefined],
    ]);
  });
  it('names a missing driver by key path (E412)', () => {
    expect(problems(fromBlockdevString('{"driver":"raw","node-name":"r","file":{}}'))).toEqual([
      ['E412', "Parameter 'file.driver' is missing", 1, 1, 'file.driver'],
    ]);
  });
});

describe('fromJsonFilename', () => {
  it('opens the dict as bdrv_open does: the driver as given, or probed through the file child', () => {
    expect(nodes(fromJsonFilename('json:{"driver":"raw","file":{"driver":"null-co"}}'))).toEqual([
      ['null-co-1', 'null-co', undefined, {}],
      ['raw-1', 'raw', 'raw-1', {}],
    ]);
    const probed = fromJsonFilename(
      'json:{"file":{"driver":"file","filename":"top.qcow2"},"cache":{"direct":true}}',
      IMPORT_IMAGES,
    );
    expect(nodes(probed)).toEqual([
      ['file-1', 'file', undefined, { filename: 'top.qcow2' }],
      ['qcow2-1', 'qcow2', 'qcow2-1', { cache: { direct: true } }],
    ]);
    expect(probed.ok && probed.value.notes).toEqual([
      "json: filename: no format: QEMU probes 'top.qcow2' and finds qcow2; the document says driver qcow2",
      "json: filename: its top node has no node-name; the document names it 'qcow2-1'",
    ]);
  });
  it('refuses what is no json: filename, and names JSON syntax errors at their line and column (E413, E001, E412)', () => {
    expect(problems(fromJsonFilename('file:x'))).toEqual([
      ['E413', 'Cannot import: a json: filename starts with "json:"', 1, 1, undefined],
    ]);
    expect(problems(fromJsonFilename('  json:{"driver":"raw",\n"file":}'))).toEqual([
      ['E001', 'Not valid JSON: JSON parse error, expecting value', 2, 8, undefined],
    ]);
    expect(problems(fromJsonFilename('json:[1]'))).toEqual([['E412', 'Invalid JSON object given', 1, 1, undefined]]);
  });
});
