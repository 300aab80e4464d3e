import { describe, expect, it } from 'vitest';
import { catalogue } from '../../model/index.ts';
import { formatValue, isEditableOption, parseLoose, parseScalar } from './optionValue.ts';

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
