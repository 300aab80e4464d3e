import { describe, expect, it } from 'vitest';
import { byteCountText, parseByteCount } from './sizes.ts';

describe('byte counts', () => {
  it("take QEMU's size suffixes, in powers of 1,024", () => {
    expect(parseByteCount('512')).toBe(512);
    expect(parseByteCount('64M')).toBe(64 * 1024 ** 2);
    expect(parseByteCount('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseByteCount('2T')).toBe(2 * 1024 ** 4);
    expect(parseByteCount('0x10')).toBe(16);
    expect(parseByteCount('16b')).toBe(16);
    // A fraction needs a unit, and anything else is not a size (the model then says why).
    expect(parseByteCount('1.5')).toBeUndefined();
    expect(parseByteCount('64MB')).toBeUndefined();
    expect(parseByteCount('-1K')).toBeUndefined();
    expect(parseByteCount('2 T')).toBeUndefined();
  });

  it('show in the largest binary unit they fill', () => {
    expect(byteCountText(1073741824)).toBe('1 GiB');
    expect(byteCountText(1536)).toBe('1.5 KiB');
    expect(byteCountText(1000)).toBe('1000 bytes');
  });
});
