import { describe, expect, it } from 'vitest';
import { firstUnexpected, gStrHash, qdictOrder, tdbHash } from './ghash.ts';

describe('GLib and QDict ordering', () => {
  it('hashes like g_str_hash and tdb_hash', () => {
    expect(gStrHash('')).toBe(5381);
    expect(gStrHash('a')).toBe(5381 * 33 + 97);
    // Bytes above 127 are signed chars in g_str_hash.
    expect(gStrHash('é')).toBe(((5381 * 33 - 61) * 33 - 87) >>> 0);
    expect(tdbHash('')).toBe(12345);
  });

  it('orders a QDict by bucket, newest first within a bucket', () => {
    const keys = ['driver', 'node-name', 'xx', 'yy'];
    expect([...qdictOrder(keys)].sort()).toEqual([...keys].sort());
    expect(qdictOrder(['a'])).toEqual(['a']);
  });

  it('names the key QEMU 7.2 names (checked against qemu-storage-daemon)', () => {
    const consumed = ['driver', 'node-name'];
    expect(firstUnexpected(['driver', 'node-name', 'xx', 'yy'], consumed)).toBe('yy');
    const many = ['aa', 'bb', 'cc', 'dd', 'ee', 'ff', 'gg', 'hh', 'ii'];
    expect(firstUnexpected(['driver', 'node-name', ...many], consumed)).toBe('ff');
  });

  it('reports nothing when every key was consumed', () => {
    expect(firstUnexpected(['a', 'b'], ['b', 'a'])).toBeUndefined();
    expect(firstUnexpected([], [])).toBeUndefined();
  });
});
