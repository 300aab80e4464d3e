import { describe, expect, it } from 'vitest';
import { catalogue } from '../../model/index.ts';
import { formatValue, isByteCount, isEditableOption, knownDefault, parseLoose, parseScalar } from './optionValue.ts';

describe('option values', () => {
  it('parses typed text for scalar fields, keeping what is not a number as text', () => {
    expect(parseScalar('int', '512')).toBe(512);
    expect(parseScalar('number', ' 1.5 ')).toBe(1.5);
    expect(parseScalar('int', '12abc')).toBe('12abc');
    expect(parseScalar('str', '42')).toBe('42');
    expect(parseScalar('str', '')).toBeUndefined();
  });

  it('parses free-form fields as JSON when they are JSON', () => {
    expect(parseLoose('[1, 2]')).toEqual([1, 2]);
    expect(parseLoose('none')).toBe('none');
    expect(parseLoose('  ')).toBeUndefined();
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatValue('<b>')).toBe('<b>');
    expect(formatValue(undefined)).toBe('');
  });

  it('leaves child links and the node-name to other parts of the inspector', () => {
    const editable = (catalogue.drivers.qcow2?.options ?? []).filter((o) => isEditableOption(o, 0)).map((o) => o.name);
    expect(editable).toContain('cache');
    expect(editable).not.toContain('file');
    expect(editable).not.toContain('backing');
    expect(editable).not.toContain('node-name');
  });
});

describe('byte counts', () => {
  const spec = (driver: string, name: string) => {
    const found = catalogue.drivers[driver]?.options.find((o) => o.name === name);
    if (found === undefined) throw new Error(`${driver} has no option ${name}`);
    return found;
  };

  it('are the int options that count bytes', () => {
    expect(isByteCount(spec('null-co', 'size'))).toBe(true);
    expect(isByteCount(spec('qcow2', 'cache-size'))).toBe(true);
    expect(isByteCount(spec('raw', 'offset'))).toBe(true);
    expect(isByteCount(spec('null-co', 'latency-ns'))).toBe(false);
    expect(isByteCount(spec('file', 'filename'))).toBe(false);
  });
});

describe("QEMU's defaults", () => {
  it("are a driver's own first, then the block layer's", () => {
    expect(knownDefault('null-co', ['size'])).toBe(1073741824);
    expect(knownDefault('qcow2', ['cache', 'direct'])).toBe(false);
    expect(knownDefault('qcow2', ['lazy-refcounts'])).toBeUndefined();
  });
});
