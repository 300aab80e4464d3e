import { describe, expect, it } from 'vitest';
import { parseKeyval } from './keyval.ts';
import { flatten } from '../open/qdict.ts';
import { lastValue, parseQemuOpts } from './qemuOpts.ts';
import { firstUnexpected, qdictFirst } from '../qapi/ghash.ts';
import { parseQemuJson } from '../qapi/qjson.ts';

describe('parseQemuOpts (util/qemu-option.c)', () => {
  it('unescapes ,, in values, keeps = in values and lets the last duplicate win', () => {
    const parsed = parseQemuOpts('file=my,,disk=1.qcow2,cache=none,cache=unsafe');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.opts.map((o) => [o.key, o.value])).toEqual([
      ['file', 'my,disk=1.qcow2'],
      ['cache', 'none'],
      ['cache', 'unsafe'],
    ]);
    expect(lastValue(parsed.value.opts, 'cache')).toBe('unsafe');
  });

  it('takes the first id (opts_parse_id), not the last', () => {
    const parsed = parseQemuOpts('if=none,id=a,id=b');
    expect(parsed.ok && parsed.value.id).toBe('a');
  });

  it('reads short-form booleans with the deprecation warning', () => {
    const parsed = parseQemuOpts('readonly,nosnapshot');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.opts).toEqual([
      { key: 'readonly', value: 'on', shortForm: true },
      { key: 'snapshot', value: 'off', shortForm: true },
    ]);
    expect(parsed.value.warnings[0]).toBe(
      "warning: short-form boolean option 'readonly' deprecated\nPlease use readonly=on instead",
    );
  });

  it('names an implied first key (-object throttle-group,…)', () => {
    const parsed = parseQemuOpts('throttle-group,id=tg0', 'qom-type');
    expect(parsed.ok && parsed.value.opts).toEqual([{ key: 'qom-type', value: 'throttle-group' }]);
  });

  it('refuses an id that is not an identifier', () => {
    expect(parseQemuOpts('id=1abc')).toEqual({
      ok: false,
      message:
        "Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.",
    });
  });
});

describe('parseKeyval (util/keyval.c)', () => {
  it('builds nested objects and lists, with an implied driver', () => {
    expect(parseKeyval('quorum,node-name=q,children.0.driver=null-co,children.1=n1,x.y=a,,b', 'driver')).toEqual({
      ok: true,
      value: { driver: 'quorum', 'node-name': 'q', children: [{ driver: 'null-co' }, 'n1'], x: { y: 'a,b' } },
    });
  });

  it.each([
    ['driver=null-co,read-only', "Expected '=' after parameter 'read-only'"],
    ['a..b=1', "Invalid parameter 'a..b'"],
    ['1x=2', "Invalid parameter '1x'"],
    ['file=x,file.driver=null-co', "Parameters 'file.*' used inconsistently"],
    ['file.driver=null-co,file=x', "Parameters 'file.*' used inconsistently"],
    ['children.1.driver=null-co', "Parameter 'children.0' missing"],
    ['children.0.driver=a,children.x.driver=b', "Parameters 'children.*' used inconsistently"],
  ])('refuses %s', (text, message) => {
    expect(parseKeyval(text, 'driver')).toEqual({ ok: false, message });
  });
});

describe('parseQemuJson (qobject/json-parser.c)', () => {
  it('accepts single-quoted strings', () => {
    expect(parseQemuJson(`{'driver': 'null-co', "n": [1, true, null]}`)).toEqual({
      ok: true,
      value: { driver: 'null-co', n: [1, true, null] },
    });
  });

  it.each([
    ['{"a":1', 'JSON parse error, premature EOI'],
    ['{"a" "b"}', 'JSON parse error, missing : in object pair'],
    ['{"a":1 "b":2}', 'JSON parse error, expected separator in dict'],
    ['{"a":n0}', "JSON parse error, invalid keyword 'n'"],
    ['{"a":1,}', 'JSON parse error, expecting value'],
    ['{1:2}', 'JSON parse error, key is not a string in object'],
    ['{"a":1} x', 'Expecting at most one JSON value'],
    ['', 'Expecting a JSON value'],
  ])("gives QEMU's error for %s", (text, message) => {
    expect(parseQemuJson(text)).toEqual({ ok: false, message });
  });
});

describe('hash orders QEMU reports in', () => {
  it('names the unknown option QDict iterates first (tdb_hash mod 512)', () => {
    // verified: -drive file=r.raw,format=raw,foo=bar,zzz=1,serial=1 → "… does not support the option 'serial'"
    expect(qdictFirst(['foo', 'zzz', 'serial'])).toBe('serial');
  });

  it('names the unexpected member GLib iterates first', () => {
    // verified: -blockdev driver=null-co,node-name=r,foo=1,bar=2,baz=3 → "Parameter 'baz' is unexpected"
    expect(firstUnexpected(['driver', 'node-name', 'foo', 'bar', 'baz'], ['driver', 'node-name'])).toBe('baz');
    expect(firstUnexpected(['driver', 'node-name', 'zeta', 'alpha'], ['driver', 'node-name'])).toBe('alpha');
  });

  it('flattens nested options into dotted keys (qdict_flatten)', () => {
    expect([...flatten({ a: { b: 1, c: [true, { d: 'x' }] } }, 'json').entries()]).toEqual([
      ['a.b', { value: 1, origin: 'json' }],
      ['a.c.0', { value: true, origin: 'json' }],
      ['a.c.1.d', { value: 'x', origin: 'json' }],
    ]);
  });
});
