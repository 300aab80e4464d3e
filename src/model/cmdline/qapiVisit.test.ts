import { describe, expect, it } from 'vitest';
import { parseBlockdevArg, parseArgs } from './args.ts';

describe('-blockdev through the QAPI input visitor', () => {
  it('types keyval strings by the schema, implied driver included', () => {
    expect(parseBlockdevArg('null-co,node-name=n0,read-only=on,size=0x100000,cache.direct=yes')).toEqual({
      ok: true,
      value: { driver: 'null-co', 'node-name': 'n0', cache: { direct: true }, 'read-only': true, size: 1048576 },
    });
  });

  it('keeps references and nested definitions of children', () => {
    const parsed = parseBlockdevArg('qcow2,node-name=q,file.driver=file,file.filename=a.qcow2,backing=b0');
    expect(parsed).toEqual({
      ok: true,
      value: { driver: 'qcow2', 'node-name': 'q', file: { driver: 'file', filename: 'a.qcow2' }, backing: 'b0' },
    });
  });

  it('accepts backing: null only in JSON', () => {
    const json = parseBlockdevArg('{"driver":"qcow2","node-name":"q","file":"f","backing":null}');
    expect(json.ok && json.value.backing).toBeNull();
  });

  it.each([
    ['driver=null-co,node-name=n0,read-only=maybe', "Parameter 'read-only' expects 'on' or 'off'"],
    ['driver=null-co,node-name=n0,foo=1', "Parameter 'foo' is unexpected"],
    ['driver=null-co,node-name=r,foo=1,bar=2,baz=3', "Parameter 'baz' is unexpected"],
    ['driver=null-co,node-name=r,size=abc', "Parameter 'size' expects integer"],
    ['driver=null-co,node-name=r,cache=x', "Invalid parameter type for 'cache', expected: object"],
    ['driver=null-co,node-name.x=1', "Parameters 'node-name.*' are unexpected"],
    ['driver=bogus,node-name=x', "Parameter 'driver' does not accept value 'bogus'"],
    ['node-name=x', "Parameter 'driver' is missing"],
    ['driver=raw,node-name=r', "Parameter 'file' is missing"],
    ['driver=raw,node-name=r,file.foo=1', "Parameter 'file.driver' is missing"],
    ['driver=quorum,node-name=q,vote-threshold=1,children.0.foo=1', "Parameter 'children.0.driver' is missing"],
    ['driver=quorum,node-name=q,vote-threshold=1,children=a', "Invalid parameter type for 'children', expected: array"],
    [
      '{"driver":"null-co","node-name":"n0","read-only":"on"}',
      "Invalid parameter type for 'read-only', expected: boolean",
    ],
    ['{"driver":"raw","node-name":"q","file":null}', "Invalid parameter type for 'file', expected: BlockdevRef"],
    [
      '{"driver":"qcow2","node-name":"r","file":"f","backing":5}',
      "Invalid parameter type for 'backing', expected: BlockdevRefOrNull",
    ],
    [
      '{"driver":"quorum","node-name":"q","vote-threshold":1,"children":[{"driver":"null-co","bogus":1}]}',
      "Parameter 'children[0].bogus' is unexpected",
    ],
    ['{"driver":"null-co","node-name":"n0"', 'JSON parse error, premature EOI'],
    // Bad enum values and BlockdevRef types name the bare member, as the generated visitors pass it.
    ['driver=raw,node-name=r,file.driver=nul', "Parameter 'driver' does not accept value 'nul'"],
    [
      'driver=raw,node-name=r,file.driver=null-co,file.detect-zeroes=x',
      "Parameter 'detect-zeroes' does not accept value 'x'",
    ],
    [
      'driver=quorum,node-name=q,vote-threshold=1,children.0.driver=nul',
      "Parameter 'driver' does not accept value 'nul'",
    ],
    [
      '{"driver":"raw","node-name":"r","file":{"driver":"raw","file":5}}',
      "Invalid parameter type for 'file', expected: BlockdevRef",
    ],
    [
      '{"driver":"quorum","node-name":"q","vote-threshold":1,"children":[5]}',
      "Invalid parameter type for 'null', expected: BlockdevRef",
    ],
  ])('refuses %s as QEMU 7.2 does', (text, message) => {
    expect(parseBlockdevArg(text)).toEqual({ ok: false, message });
  });
});

describe('parseArgs', () => {
  it('parses in command-line order and stops at the first malformed option', () => {
    const parsed = parseArgs([
      '-blockdev',
      'driver=null-co,node-name=a',
      '-drive',
      'if=none,id=1x',
      '-blockdev',
      'bogus',
    ]);
    expect(parsed.ok ? null : parsed.message).toMatch(/^Parameter 'id' expects an identifier/);
  });

  it('turns -hda, -cdrom and a bare image name into drives', () => {
    const parsed = parseArgs(['disk.img', '-cdrom', 'cd.iso', '-snapshot', '-m', '512']);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.drives.map((d) => d.opts.map((o) => `${o.key}=${o.value}`).join(','))).toEqual([
      'media=disk,index=0,file=disk.img',
      'media=cdrom,index=2,file=cd.iso',
    ]);
    expect(parsed.value.snapshot).toBe(true);
    expect(parsed.value.ignored).toEqual(['-m']);
  });

  it.each([
    [['-drive', 'if=none,id=d0', '-drive', 'if=none,id=d0'], "Duplicate ID 'd0' for drive"],
    [['-object', 'throttle-group,id=tg0', '-object', 'throttle-group,id=tg0'], "Duplicate ID 'tg0' for object"],
    [['-object', 'throttle-group,id=tg0,limits.iops-total=100'], "Invalid parameter 'limits.iops-total'"],
    [['-object', 'throttle-group,x-iops-total=100'], "Parameter 'id' is missing"],
    [['-object', 'bogus,id=x'], "Parameter 'qom-type' does not accept value 'bogus'"],
    [['-object', 'id=x'], "Parameter 'qom-type' is missing"],
    [['-object', '{"qom-type":"throttle-group","id":"t","bogus":1}'], "Parameter 'bogus' is unexpected"],
    [['-drive'], 'requires an argument'],
  ])('refuses %j', (args, message) => {
    const parsed = parseArgs(args);
    expect(parsed.ok ? null : parsed.message).toBe(message);
  });
});
