import { describe, expect, it } from 'vitest';
import type { Provenance } from '../../model/index.ts';
import { effectiveValueText, provenancePhrase } from './provenancePhrase.ts';

describe('provenancePhrase', () => {
  it.each<[Provenance, string]>([
    [{ kind: 'explicit' }, 'set here'],
    [{ kind: 'json-filename' }, 'from a json: filename'],
    [{ kind: 'inherited', from: 'disk0', role: 'file' }, 'inherited from disk0 via file'],
    [
      { kind: 'forced', role: 'backing', reason: 'a backing child is opened read-only' },
      'forced by backing: a backing child is opened read-only',
    ],
    [{ kind: 'default' }, 'QEMU default'],
    [{ kind: 'default', by: '-drive' }, 'default of -drive'],
  ])('says where %j comes from', (origin, phrase) => {
    expect(provenancePhrase(origin)).toBe(phrase);
  });

  it('shows booleans and enum values as QAPI spells them', () => {
    expect(effectiveValueText({ value: true, origin: { kind: 'explicit' } })).toBe('true');
    expect(effectiveValueText({ value: false, origin: { kind: 'default' } })).toBe('false');
    expect(effectiveValueText({ value: 'unmap', origin: { kind: 'default' } })).toBe('unmap');
  });
});
