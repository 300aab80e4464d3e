import { describe, expect, it } from 'vitest';
import { driveSpec, type DriveAddress, type DriveSpec } from './driveArgs.ts';
import { parseQemuOpts } from './qemuOpts.ts';

function spec(text: string, taken: readonly DriveAddress[] = [], snapshot = false): DriveSpec {
  const parsed = parseQemuOpts(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const result = driveSpec(parsed.value, taken, snapshot);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function refusal(text: string, taken: readonly DriveAddress[] = []): string | undefined {
  const parsed = parseQemuOpts(text);
  if (!parsed.ok) return parsed.message;
  const result = driveSpec(parsed.value, taken, false);
  return result.ok ? undefined : result.message;
}

const values = (s: DriveSpec) =>
  Object.fromEntries([...s.options].map(([key, entry]) => [key, `${String(entry.value)} (${entry.origin})`]));

describe('driveSpec (blockdev.c: drive_new, blockdev_init)', () => {
  it.each([
    ['writeback', true, 'off', 'off'],
    ['none', true, 'on', 'off'],
    ['off', true, 'on', 'off'],
    ['writethrough', false, 'off', 'off'],
    ['directsync', false, 'on', 'off'],
    ['unsafe', true, 'off', 'on'],
  ])('expands cache=%s (bdrv_parse_cache_mode)', (mode, writeback, direct, noFlush) => {
    const s = spec(`file=a.qcow2,cache=${mode}`);
    expect(s.writeback).toBe(writeback);
    expect(s.options.get('cache.direct')).toEqual({ value: direct, origin: 'explicit' });
    expect(s.options.get('cache.no-flush')).toEqual({ value: noFlush, origin: 'explicit' });
  });

  it('lets cache.* override the cache= shortcut', () => {
    const s = spec('file=a.qcow2,cache=unsafe,cache.no-flush=off,cache.writeback=off');
    expect([s.writeback, s.options.get('cache.no-flush')?.value]).toEqual([false, 'off']);
  });

  it('injects -drive defaults into the top node and keeps the drive-layer options out', () => {
    const s = spec('file=a.qcow2,format=qcow2,node-name=top,aio=native,detect-zeroes=on,werror=stop,iops=5');
    expect(values(s)).toEqual({
      'node-name': 'top (explicit)',
      driver: 'qcow2 (explicit)',
      'cache.direct': 'off (drive)',
      'cache.no-flush': 'off (drive)',
      'read-only': 'off (drive)',
      'auto-read-only': 'on (drive)',
    });
    expect([s.id, s.filename, s.nativeAio, s.detectZeroes]).toEqual([
      'none0',
      'a.qcow2',
      true,
      { value: 'on', explicit: true },
    ]);
  });

  it('reads readonly (renamed to read-only) and media=cdrom as read-only', () => {
    expect(spec('file=a,readonly=on').options.get('read-only')).toEqual({ value: 'on', origin: 'explicit' });
    expect(spec('file=a,media=cdrom').options.get('read-only')).toEqual({ value: 'on', origin: 'drive' });
  });

  it('makes an empty BlockBackend when there is neither file nor node option', () => {
    expect(spec('if=none,readonly=on,snapshot=on').empty).toBe(true);
    expect(spec('if=none,node-name=x').empty).toBe(false);
  });

  it('names drives by interface, bus and unit', () => {
    expect(spec('if=none').id).toBe('none0');
    expect(spec('if=none', [{ ifType: 'none', bus: 0, unit: 0 }]).id).toBe('none1');
    expect(spec('if=none,index=5').id).toBe('none5');
    expect(spec('if=ide,media=cdrom,index=3').id).toBe('ide1-cd1');
    expect(spec('if=scsi').id).toBe('scsi0-hd0');
  });

  it('applies -snapshot unless the drive says snapshot=off', () => {
    expect(spec('file=a', [], true).snapshot).toBe(true);
    expect(spec('file=a,snapshot=off', [], true).snapshot).toBe(false);
  });

  it.each([
    ['file=a,format=raw,driver=raw', "Cannot specify both 'driver' and 'format'"],
    ['file=a,readonly=on,read-only=on', "'read-only' and its alias 'readonly' can't be used at the same time"],
    [
      'file=a,iops=1,throttling.iops-total=2',
      "'throttling.iops-total' and its alias 'iops' can't be used at the same time",
    ],
    ['file=a,cache=bogus', 'invalid cache option'],
    ['file=a,aio=bogus', 'invalid aio option'],
    ['file=a,detect-zeroes=x', 'invalid parameter value: x'],
    ['file=a,media=floppy', "'floppy' invalid media"],
    ['if=bogus', "unsupported bus type 'bogus'"],
    ['if=none,bus=x', "Parameter 'bus' expects a number"],
    ['if=none,snapshot=maybe', "Parameter 'snapshot' expects 'on' or 'off'"],
    ['if=none,index=1,unit=1', 'index cannot be used with bus and unit'],
    ['if=ide,unit=2', 'unit 2 too big (max is 1)'],
    ['if=floppy,werror=stop', 'werror is not supported by this bus type'],
    ['file=a,werror=x', "'x' invalid write error action"],
    ['file=a,rerror=enospc', "'enospc' invalid read error action"],
    ['if=none,stats-intervals.x=60', 'Invalid option stats-intervals.x'],
  ])('refuses %s', (text, message) => {
    expect(refusal(text)).toBe(message);
  });

  it('refuses a unit that is taken', () => {
    expect(refusal('if=none,index=1', [{ ifType: 'none', bus: 0, unit: 1 }])).toBe(
      'drive with bus=0, unit=1 (index=1) exists',
    );
  });

  it('warns when copy-on-read meets a read-only drive', () => {
    expect(spec('file=a,copy-on-read=on,readonly=on').warnings).toEqual([
      'warning: disabling copy-on-read on read-only drive',
    ]);
  });
});
