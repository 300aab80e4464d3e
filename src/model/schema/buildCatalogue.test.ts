import { describe, expect, it } from 'vitest';
import { DRIVERS } from '../drivers/index.ts';
import { buildCatalogue } from './buildCatalogue.ts';
import { catalogue, schemaDump } from './catalogue.ts';
import { KNOWN_DEFAULTS } from './knownDefaults.ts';
import type { OptionSpec } from './optionTypes.ts';

const option = (options: readonly OptionSpec[], name: string): OptionSpec | undefined =>
  options.find((o) => o.name === name);

describe('the catalogue derived from QEMU 7.2 query-qmp-schema', () => {
  it('comes from QEMU 7.2', () => {
    expect(catalogue.qemuVersion).toMatch(/^7\.2\./);
  });

  it('lists all 42 blockdev-add drivers of the Debian build', () => {
    const names = Object.keys(catalogue.drivers);
    expect(names).toHaveLength(42);
    expect(names).toEqual(expect.arrayContaining(['qcow2', 'raw', 'file', 'quorum', 'throttle', 'null-co', 'vvfat']));
    // libblkio drivers are not built by Debian 7.2 (qemu-block-semantics.md §1.3).
    expect(names).not.toContain('io_uring');
  });

  it('gives qcow2 the children file (required), backing (nullable) and data-file', () => {
    expect(catalogue.drivers.qcow2?.children).toEqual([
      { name: 'file', required: true, nullable: false, list: false },
      { name: 'backing', required: false, nullable: true, list: false },
      { name: 'data-file', required: false, nullable: false, list: false },
    ]);
  });

  it('gives quorum a required list of children and a required vote-threshold', () => {
    const quorum = catalogue.drivers.quorum;
    expect(quorum?.children).toEqual([{ name: 'children', required: true, nullable: false, list: true }]);
    expect(option(quorum?.options ?? [], 'vote-threshold')).toMatchObject({ required: true, type: { kind: 'int' } });
    expect(option(quorum?.options ?? [], 'read-pattern')?.type).toMatchObject({
      kind: 'enum',
      values: ['quorum', 'fifo'],
    });
  });

  it('gives protocol drivers no children and their own options with types', () => {
    expect(catalogue.drivers.file?.children).toEqual([]);
    const filename = option(catalogue.drivers.file?.options ?? [], 'filename');
    expect(filename).toMatchObject({ required: true, type: { kind: 'str' } });
    const aio = option(catalogue.drivers.file?.options ?? [], 'aio')?.type;
    expect(aio).toMatchObject({ kind: 'enum', values: ['threads', 'native', 'io_uring'] });
  });

  it('derives the common members every driver shares, with nested structs', () => {
    expect(catalogue.common.map((o) => o.name)).toEqual([
      'node-name',
      'discard',
      'cache',
      'read-only',
      'auto-read-only',
      'force-share',
      'detect-zeroes',
    ]);
    const cache = option(catalogue.common, 'cache')?.type;
    expect(cache?.kind === 'struct' && cache.struct.members.map((m) => [m.name, m.type.kind, m.required])).toEqual([
      ['direct', 'bool', false],
      ['no-flush', 'bool', false],
    ]);
    expect(option(catalogue.drivers.raw?.options ?? [], 'cache')).toBeDefined();
  });

  it('keeps flat unions with their tag and cases (qcow2 encrypt)', () => {
    const encrypt = option(catalogue.drivers.qcow2?.options ?? [], 'encrypt')?.type;
    expect(encrypt?.kind).toBe('struct');
    if (encrypt?.kind !== 'struct') return;
    expect(encrypt.struct.union?.tag).toBe('format');
    expect(Object.keys(encrypt.struct.union?.cases ?? {})).toEqual(expect.arrayContaining(['aes', 'luks']));
  });

  it('resolves other commands, e.g. the object-add properties of a throttle-group', () => {
    const objectAdd = catalogue.commandArguments('object-add');
    expect(objectAdd?.union?.tag).toBe('qom-type');
    expect(objectAdd?.union?.cases['throttle-group']?.map((m) => m.name)).toContain('limits');
    expect(catalogue.commandArguments('no-such-command')).toBeUndefined();
  });

  it('refuses a dump without blockdev-add', () => {
    expect(() => buildCatalogue({ ...schemaDump, schema: [] })).toThrow(/no blockdev-add/);
  });
});

describe('the driver tables', () => {
  it('exist for exactly the drivers of the schema', () => {
    expect(Object.keys(DRIVERS).sort()).toEqual(Object.keys(catalogue.drivers).sort());
  });

  it.each(Object.values(DRIVERS).map((spec) => [spec.name, spec] as const))(
    '%s declares a role for exactly its schema child members',
    (name, spec) => {
      const schemaChildren = catalogue.drivers[name]?.children.map((c) => c.name) ?? [];
      expect(Object.keys(spec.children).sort()).toEqual([...schemaChildren].sort());
    },
  );

  it('gives every filter exactly one filtered | primary child (block-common.h invariant)', () => {
    for (const spec of Object.values(DRIVERS).filter((d) => d.category === 'filter')) {
      const filtered = Object.values(spec.children).filter((c) => c.flags.includes('filtered'));
      expect(filtered, spec.name).toHaveLength(1);
      expect(filtered[0]?.flags, spec.name).toContain('primary');
    }
  });

  it('lets a driver have a backing child only if it supports backing files', () => {
    for (const spec of Object.values(DRIVERS)) {
      if ('backing' in spec.children) expect(spec.supportsBacking, spec.name).toBe(true);
    }
  });
});

describe('known defaults', () => {
  it('are attached to the options they belong to, nested ones included', () => {
    const cache = option(catalogue.common, 'cache')?.type;
    expect(cache?.kind === 'struct' && cache.struct.members.map((m) => [m.name, m.default])).toEqual([
      ['direct', false],
      ['no-flush', false],
    ]);
    expect(option(catalogue.drivers['null-co']?.options ?? [], 'size')?.default).toBe(1073741824);
    expect(option(catalogue.drivers.file?.options ?? [], 'filename')?.default).toBeUndefined();
  });

  it('name only drivers and options the schema has', () => {
    for (const known of KNOWN_DEFAULTS) {
      const options = known.driver === '*' ? catalogue.common : catalogue.drivers[known.driver]?.options;
      const [head, ...rest] = known.path.split('.');
      let spec = option(options ?? [], head ?? '');
      for (const part of rest) spec = spec?.type.kind === 'struct' ? option(spec.type.struct.members, part) : undefined;
      expect(spec?.default, `${known.driver} ${known.path}`).toEqual(known.value);
    }
  });
});
