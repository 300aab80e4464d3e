import { describe, expect, it } from 'vitest';
import { graph, rawOverNullCo, seedSimpleTree } from '../model/fixtures/index.ts';
import { MACHINE_ARGS, QEMU_SYSTEM_BINARY, toCommandLine } from './commandLine.ts';
import { formatCommandLine } from './shellQuote.ts';

describe('toCommandLine', () => {
  it('starts the emulator on a stopped PC without defaults, then objects, nodes and devices', () => {
    const argv = toCommandLine(seedSimpleTree());
    if (!argv.ok) throw new Error('refused');
    expect(formatCommandLine(argv.value)).toMatchInlineSnapshot(`
      "qemu-system-x86_64 \\
        -nodefaults \\
        -machine pc \\
        -S \\
        -display none \\
        -blockdev '{"driver":"qcow2","node-name":"disk","file":{"driver":"file","node-name":"disk-file","filename":"disk.qcow2"},"backing":{"driver":"qcow2","node-name":"backing","file":{"driver":"file","node-name":"backing-file","filename":"backing.qcow2"}}}' \\
        -device virtio-blk-pci,drive=disk,id=vda"
    `);
  });

  it('writes -blockdev in keyval when asked, and hands notes on', () => {
    const notes: string[] = [];
    const doc = graph()
      .node('r', 'raw')
      .node('n', 'null-co')
      .ref('r', 'file', 'n')
      .frontend('e', 'nbd-export', 'r')
      .build();
    expect(toCommandLine(doc, { form: 'dotted', notes })).toEqual({
      ok: true,
      value: [
        QEMU_SYSTEM_BINARY,
        ...MACHINE_ARGS,
        '-blockdev',
        'driver=null-co,node-name=n',
        '-blockdev',
        'driver=raw,node-name=r,file=n',
      ],
    });
    expect(notes).toEqual(["frontend 'e' (nbd-export) is not a -device: left out"]);
  });

  it('passes refusals on', () => {
    const doc = rawOverNullCo();
    const unnamed = { ...doc, frontends: { vda: { id: 'vda', kind: 'virtio-blk-pci', root: 'null0', props: {} } } };
    expect(toCommandLine(unnamed)).toMatchObject({ ok: false, diagnostics: [{ code: 'E205', node: 'vda' }] });
  });
});
