import { describe, expect, it } from 'vitest';
import { catalogue } from '../model/index.ts';
import { convertMembers, crumpleEntries } from './importOptions.ts';

describe('convertMembers', () => {
  it('converts strings by member type as the keyval visitor does, through structs and lists', () => {
    const qcow2 = catalogue.drivers.qcow2?.options ?? [];
    expect(
      convertMembers(qcow2, {
        'read-only': 'on',
        'l2-cache-size': '0x10000',
        cache: { direct: 'yes', 'no-flush': 'n' },
        discard: 'unmap',
        'overlap-check': 'none',
      }),
    ).toEqual({
      'read-only': true,
      'l2-cache-size': 65536,
      cache: { direct: true, 'no-flush': false },
      discard: 'unmap',
      'overlap-check': 'none',
    });
  });

  it('keeps unknown keys and values the visitor refuses as written, and typed values untouched', () => {
    const file = catalogue.drivers.file?.options ?? [];
    expect(convertMembers(file, { 'x-new': 'on', 'read-only': 'maybe', locking: 'auto', 'force-share': true })).toEqual(
      {
        'x-new': 'on',
        'read-only': 'maybe',
        locking: 'auto',
        'force-share': true,
      },
    );
  });
});

describe('crumpleEntries', () => {
  it('nests dotted keys, turns 0…N-1 into lists and keeps odd keys as own properties', () => {
    const value = crumpleEntries([
      ['children.1.driver', 'null-co'],
      ['children.0', 'a'],
      ['cache.direct', 'on'],
      ['__proto__.x', '1'],
    ]);
    expect(value).toEqual({
      children: ['a', { driver: 'null-co' }],
      cache: { direct: 'on' },
      ['__proto__']: { x: '1' },
    });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
  });
});
