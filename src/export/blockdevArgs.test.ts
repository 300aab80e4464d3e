import { describe, expect, it } from 'vitest';
import { graph, quorumOfThree, seedSimpleTree, throttleWithGroup } from '../model/fixtures/index.ts';
import type { BlockGraph } from '../model/index.ts';
import { escapeOptionValue, toBlockdevArgs, toKeyval, type BlockdevForm } from './blockdevArgs.ts';

function args(doc: BlockGraph, form: BlockdevForm, notes: string[] = []): string[] {
  const result = toBlockdevArgs(doc, { form, notes });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return result.value;
}

describe('toBlockdevArgs', () => {
  it('writes each top-level node as the blockdev-add arguments, then the device', () => {
    expect(args(seedSimpleTree(), 'json')).toMatchInlineSnapshot(`
      [
        "-blockdev",
        "{"driver":"qcow2","node-name":"disk","file":{"driver":"file","node-name":"disk-file","filename":"disk.qcow2"},"backing":{"driver":"qcow2","node-name":"backing","file":{"driver":"file","node-name":"backing-file","filename":"backing.qcow2"}}}",
        "-device",
        "virtio-blk-pci,drive=disk,id=vda",
      ]
    `);
  });

  it('writes the same in keyval with --dotted', () => {
    expect(args(seedSimpleTree(), 'dotted')).toMatchInlineSnapshot(`
      [
        "-blockdev",
        "driver=qcow2,node-name=disk,file.driver=file,file.node-name=disk-file,file.filename=disk.qcow2,backing.driver=qcow2,backing.node-name=backing,backing.file.driver=file,backing.file.node-name=backing-file,backing.file.filename=backing.qcow2",
        "-device",
        "virtio-blk-pci,drive=disk,id=vda",
      ]
    `);
  });

  it('writes objects as JSON in both forms, before the nodes, and references as node-names', () => {
    expect(args(throttleWithGroup(), 'dotted')).toMatchInlineSnapshot(`
      [
        "-object",
        "{"qom-type":"throttle-group","id":"tg0","limits":{"iops-total":1000}}",
        "-blockdev",
        "driver=qcow2,node-name=disk0,file.driver=file,file.node-name=disk0-file,file.filename=disk0.qcow2",
        "-blockdev",
        "driver=throttle,node-name=throttle0,throttle-group=tg0,file=disk0",
        "-device",
        "virtio-blk-pci,drive=throttle0,id=vda",
      ]
    `);
  });

  it('numbers list children and mixes definitions with references', () => {
    const raw = args(quorumOfThree(), 'dotted').find((arg) => arg.startsWith('driver=raw'));
    expect(raw?.split(',').filter((item) => item.includes('children.'))).toEqual([
      'file.children.0.driver=qcow2',
      'file.children.0.node-name=qc0',
      'file.children.0.file=file0',
      'file.children.0.backing=back0',
      'file.children.1=qc1',
      'file.children.2=qc2',
    ]);
  });

  it('doubles commas and spells booleans on/off', () => {
    const doc = graph()
      .node('r', 'raw', { 'read-only': true, 'force-share': true })
      .node('f', 'file', { filename: 'a,b c.raw', locking: 'off' }, { name: null })
      .child('r', 'file', 'f')
      .build();
    expect(args(doc, 'dotted')[1]).toBe(
      'driver=raw,node-name=r,read-only=on,force-share=on,file.driver=file,file.filename=a,,b c.raw,file.locking=off',
    );
  });

  it('falls back to JSON for the one node that needs null, and says so', () => {
    const doc = graph()
      .node('n', 'null-co')
      .node('q', 'qcow2', { backing: null })
      .node('q-file', 'file', { filename: 'q.qcow2' }, { name: null })
      .child('q', 'file', 'q-file')
      .build();
    const notes: string[] = [];
    expect(args(doc, 'dotted', notes)).toEqual([
      '-blockdev',
      'driver=null-co,node-name=n',
      '-blockdev',
      '{"driver":"qcow2","node-name":"q","backing":null,"file":{"driver":"file","filename":"q.qcow2"}}',
    ]);
    expect(notes).toEqual(["-blockdev 'q' is written as JSON: keyval cannot express null at 'backing'"]);
  });

  it('passes on the QMP script’s refusals', () => {
    const doc = seedSimpleTree();
    const cyclic = {
      ...doc,
      links: [...doc.links, { parent: 'backing', role: 'backing', child: 'disk', mode: 'reference' as const }],
    };
    expect(toBlockdevArgs(cyclic, { form: 'json' })).toMatchObject({ ok: false, diagnostics: [{ code: 'E203' }] });
  });
});

describe('toBlockdevArgs devices', () => {
  const base = () => graph().node('d', 'null-co').node('e', 'null-co', { size: 1024 });

  it('adds one SCSI controller before the first scsi-hd and writes props in QemuOpts syntax', () => {
    const doc = base()
      .frontend('sd0', 'scsi-hd', 'd', { serial: 'a,b', 'share-rw': true })
      .frontend('sd1', 'scsi-hd', 'e')
      .build();
    expect(args(doc, 'json').slice(4)).toEqual([
      '-device',
      'virtio-scsi-pci',
      '-device',
      'scsi-hd,drive=d,id=sd0,serial=a,,b,share-rw=on',
      '-device',
      'scsi-hd,drive=e,id=sd1',
    ]);
  });

  it('leaves out exports and unconnected frontends with a note', () => {
    const doc = base().frontend('exp0', 'nbd-export', 'd').frontend('vdb', 'virtio-blk-pci', null).build();
    const notes: string[] = [];
    expect(args(doc, 'json', notes).filter((arg) => arg === '-device')).toEqual([]);
    expect(notes).toEqual([
      "frontend 'exp0' (nbd-export) is not a -device: left out",
      "frontend 'vdb' is not connected to a node: left out",
    ]);
  });

  it('refuses a device on a node without node-name, and a nested property', () => {
    const doc = graph()
      .node('r', 'raw')
      .node('n', 'null-co', {}, { name: null })
      .child('r', 'file', 'n')
      .frontend('vda', 'virtio-blk-pci', 'n')
      .frontend('vdb', 'virtio-blk-pci', 'r', { x: { y: 1 } })
      .build();
    const result = toBlockdevArgs(doc, { form: 'json' });
    expect(result.ok ? [] : result.diagnostics.map((d) => [d.code, d.node, d.path])).toEqual([
      ['E205', 'vda', 'root'],
      ['E302', 'vdb', 'props.x'],
    ]);
  });
});

describe('toKeyval', () => {
  it('names what keyval cannot write', () => {
    expect(toKeyval({ driver: 'x', cache: {} })).toEqual({ ok: false, at: "an empty object at 'cache'" });
    expect(toKeyval({ driver: 'x', l: [] })).toEqual({ ok: false, at: "an empty list at 'l'" });
    expect(toKeyval({ driver: 'x', 'a.b': 1 })).toEqual({ ok: false, at: "the key 'a.b'" });
    expect(toKeyval({ driver: 'x', l: [{ a: 1.5 }, 'r'] })).toEqual({ ok: true, value: 'driver=x,l.0.a=1.5,l.1=r' });
  });

  it('escapes only commas', () => {
    expect(escapeOptionValue(`a,,b=c d'"$`)).toBe(`a,,,,b=c d'"$`);
  });
});
