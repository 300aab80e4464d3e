/** Sizes as QEMU reads and people write them. */

const UNITS = ['', 'k', 'm', 'g', 't', 'p', 'e'] as const;

/**
 * A byte count typed as QEMU reads sizes (util/cutils.c: qemu_strtosz, as `qemu-img create` takes
 * them): digits, or `0x` hex digits, after optional leading spaces; a suffix `b`, `k`, `M`, `G`,
 * `T`, `P` or `E` in any case, powers of 1,024; a fraction only before a suffix other than `b`.
 * Undefined for anything else (the field then keeps the text and the model says what is wrong).
 *
 * @example parseByteCount('64M') // 67108864
 */
export function parseByteCount(text: string): number | undefined {
  const hex = /^\s*0x([0-9a-f]+)$/i.exec(text);
  if (hex !== null) return Number.parseInt(hex[1] ?? '', 16);
  const match = /^\s*(\d+(?:\.\d+)?)([bkmgtpe]?)$/i.exec(text);
  if (match === null) return undefined;
  const [, digits = '', suffix = ''] = match;
  const unit = suffix.toLowerCase();
  if (digits.includes('.') && (unit === '' || unit === 'b')) return undefined;
  const bytes = Number(digits) * 1024 ** UNITS.indexOf(unit === 'b' ? '' : (unit as (typeof UNITS)[number]));
  return Number.isSafeInteger(Math.round(bytes)) ? Math.round(bytes) : undefined;
}

/**
 * A byte count in the largest binary unit it fills, for the hint beside a size field.
 *
 * @example byteCountText(1073741824) // '1 GiB'
 */
export function byteCountText(bytes: number): string {
  const names = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let unit = 0;
  let value = bytes;
  while (Math.abs(value) >= 1024 && unit < names.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, '');
  return `${shown} ${names[unit] ?? 'bytes'}`;
}
