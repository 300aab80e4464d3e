import { describe, expect, it } from 'vitest';
import type { InheritedOption } from '../inherit/rules.ts';
import { flatten } from './reopenOptions.ts';
import { genericOf, queueOptions, reopenedValues, type GenericDict, type GenericValue } from './reopenQueue.ts';

const dict = (entries: Partial<Record<InheritedOption, GenericValue>>): GenericDict =>
  new Map(Object.entries(entries) as [InheritedOption, GenericValue][]);
const asObject = (d: GenericDict) => Object.fromEntries(d);

describe('queueOptions (block.c: bdrv_reopen_queue_child)', () => {
  it('takes, in order: what is passed, old explicit options, what the parent dict holds, old options', () => {
    const queued = queueOptions(
      dict({ 'read-only': true }),
      {
        explicit: dict({ 'read-only': false, 'cache.direct': true }),
        options: dict({ 'read-only': false, 'cache.direct': true, 'cache.no-flush': true, 'auto-read-only': true }),
      },
      { options: dict({ 'cache.direct': false, 'cache.no-flush': false }), cow: false },
    );
    expect(asObject(queued.options)).toEqual({
      'read-only': true,
      'cache.direct': true,
      'cache.no-flush': false,
      discard: 'unmap',
      'auto-read-only': true,
    });
    expect(asObject(queued.explicit)).toEqual({ 'read-only': true, 'cache.direct': true });
  });

  it('copies only what the parent dict holds: a child given a dict starts from nothing else', () => {
    const queued = queueOptions(new Map(), undefined, { options: dict({ 'read-only': true }), cow: false });
    expect(asObject(queued.options)).toEqual({ 'read-only': true, discard: 'unmap' });
    expect(queued.explicit.size).toBe(0);
  });

  it('a COW child gets read-only on and auto-read-only off whatever the parent holds', () => {
    const parent = { options: dict({ 'read-only': false, 'auto-read-only': true, 'cache.direct': true }), cow: true };
    const queued = queueOptions(new Map(), undefined, parent);
    expect(asObject(queued.options)).toEqual({
      'read-only': true,
      'auto-read-only': false,
      'cache.direct': true,
      discard: 'unmap',
    });
  });

  it('a reopen entry (no parent, no keep_old_opts) holds exactly what it is given', () => {
    const queued = queueOptions(dict({ 'detect-zeroes': 'on' }), undefined, undefined);
    expect(asObject(queued.options)).toEqual({ 'detect-zeroes': 'on' });
  });
});

describe('reopenedValues (block.c: bdrv_reopen_prepare)', () => {
  it('turns flags the options lack off, and keeps the discard flag only when discard is not given', () => {
    expect(reopenedValues(dict({ 'cache.direct': true }), 'unmap')).toEqual({
      'cache.direct': true,
      'cache.no-flush': false,
      'read-only': false,
      'auto-read-only': false,
      'force-share': false,
      discard: 'unmap',
      'detect-zeroes': 'off',
    });
    expect(reopenedValues(dict({ discard: 'off' }), 'unmap').discard).toBe('ignore');
    expect(reopenedValues(dict({ discard: 'on' }), 'ignore').discard).toBe('unmap');
  });
});

describe('genericOf', () => {
  it('picks the generic options of a flattened entry', () => {
    const flat = flatten({ driver: 'raw', cache: { direct: true }, 'read-only': false, file: { driver: 'null-co' } });
    expect(asObject(genericOf(flat))).toEqual({ 'cache.direct': true, 'read-only': false });
  });
});
