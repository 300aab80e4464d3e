import { describe, expect, it } from 'vitest';
import { importSummaries } from '../cli/qemu/compareImport.ts';
import { ACCEPTED_LINES, IMPORT_IMAGES } from '../cli/qemu/importCases.ts';
import { formatDiagnostic, resolveCommandLine, splitCommandLine, type Result } from '../model/index.ts';
import { fromCommandLine, type Imported } from './cmdlineImport.ts';
import { toQmpScript } from './qmpScript.ts';

function imported(line: string): Imported {
  const result: Result<Imported> = fromCommandLine(line, IMPORT_IMAGES);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.value;
}

function words(line: string): string[] {
  const split = splitCommandLine(line);
  if (!split.ok) throw new Error(split.error.message);
  return split.words;
}

describe('fromCommandLine resolves like the command line', () => {
  it.each(ACCEPTED_LINES)('%s', (line) => {
    expect(resolveCommandLine(words(line), IMPORT_IMAGES).error).toBeNull();
    const { commandLine, document } = importSummaries(words(line), imported(line).graph, IMPORT_IMAGES);
    expect(document).toEqual(commandLine);
  });
});

/** The diagnostics of a command line that does not import, as [code, message, line, column, path]. */
function problems(line: string): unknown[] {
  const result = fromCommandLine(line, IMPORT_IMAGES);
  if (result.ok) throw new Error('imported');
  return result.diagnostics.map((d) => [d.code, d.message, d.line, d.column, d.path]);
}

describe('fromCommandLine builds the document from what was written', () => {
  it('names a drive root after its drive, writes -drive defaults blockdev-add lacks, and nests the protocol child', () => {
    const { graph, notes } = imported('qemu-system-x86_64 -drive file=top.qcow2,format=qcow2,id=d0,cache=none');
    expect(graph.nodes.d0).toEqual({
      id: 'd0',
      driver: 'qcow2',
      name: 'd0',
      options: { cache: { direct: true, 'no-flush': false }, 'auto-read-only': true },
    });
    expect(graph.links).toEqual([{ parent: 'd0', role: 'file', child: 'file-1', mode: 'inline' }]);
    expect(graph.nodes['file-1']).toMatchObject({ driver: 'file', options: { filename: 'top.qcow2' } });
    expect(notes).toEqual([]);
  });

  it('keeps what the schema does not know verbatim, converts dotted values by type, and export writes them back', () => {
    const { graph } = imported(
      '-blockdev driver=null-co,node-name=n,size=0x100000,read-zeroes=on,x-unknown=on,cache.direct=yes',
    );
    expect(graph.nodes.n?.options).toEqual({
      size: 1048576,
      'read-zeroes': true,
      'x-unknown': 'on',
      cache: { direct: true },
    });
    const script = toQmpScript(graph);
    expect(script.ok ? script.value[0]?.arguments : undefined).toMatchObject({ 'x-unknown': 'on' });
  });

  it('links references by node-name and by drive id, whatever the order', () => {
    const { graph } = imported(
      '-drive if=none,id=d0,driver=null-co -drive file=top.qcow2,backing=d0 -blockdev raw,node-name=r,file=n -blockdev null-co,node-name=n',
    );
    expect(graph.links.filter((l) => l.mode === 'reference')).toEqual([
      { parent: 'r', role: 'file', child: 'n', mode: 'reference' },
      { parent: 'none1', role: 'backing', child: 'd0', mode: 'reference' },
    ]);
  });

  it('turns quorum lists into children.N and -object into document objects', () => {
    const { graph } = imported(
      '-object throttle-group,id=tg0,x-iops-total=100 -blockdev null-co,node-name=a -blockdev driver=quorum,node-name=q,vote-threshold=1,children.0=a,children.1.driver=null-co',
    );
    expect(graph.objects.tg0).toEqual({ id: 'tg0', qomType: 'throttle-group', props: { 'x-iops-total': 100 } });
    expect(graph.links.filter((l) => l.parent === 'q').map((l) => [l.role, l.mode])).toEqual([
      ['children.1', 'inline'],
      ['children.0', 'reference'],
    ]);
  });

  it('makes frontends of -device drive=… and of if=virtio|ide|scsi, with werror/rerror/write-cache as device properties', () => {
    const { graph, notes } = imported(
      '-drive file=r.raw,format=raw,if=virtio,werror=stop,cache=writethrough -drive file=r.raw,format=raw,if=none,id=d1,readonly=on -device scsi-hd,drive=d1,id=sd0,serial=x -device virtio-scsi-pci,id=scsi0',
    );
    expect(Object.values(graph.frontends)).toEqual([
      {
        id: 'virtio-blk-pci-1',
        kind: 'virtio-blk-pci',
        root: 'virtio0',
        props: { werror: 'stop', 'write-cache': 'off' },
      },
      { id: 'sd0', kind: 'scsi-hd', root: 'd1', props: { serial: 'x' } },
    ]);
    expect(notes).toEqual(['-device virtio-scsi-pci: the controller that frontends on its bus imply (export adds it)']);
  });

  it('notes every option and -drive key the document cannot say, naming it and the drive', () => {
    const { notes } = imported(
      '-m 1G -enable-kvm -snapshot -drive file=r.raw,format=raw,if=floppy,throttling.iops-total=5,copy-on-read=on -drive if=none,id=cd,media=cdrom -device ide-cd,drive=cd -device e1000',
    );
    expect(notes).toEqual([
      '-m 1G: not part of the block graph, ignored',
      '-enable-kvm: not part of the block graph, ignored',
      '-snapshot: the temporary overlays QEMU puts above every drive are not part of the document',
      "-drive 'floppy0': throttling.iops-total=5: a setting of the BlockBackend the document cannot say (a throttle node with a throttle-group would be the blockdev way)",
      "-drive 'floppy0': copy-on-read=on: copy-on-read of the BlockBackend is not part of the document (a copy-on-read filter node would be)",
      "-drive 'floppy0': if=floppy (media=disk) has no frontend kind in blockgraph: left out",
      "-drive 'cd': media=cdrom: the document has no CD-ROM device; the node is read-only",
      "-drive 'cd' has no medium: no node in the document",
      "-device ide-cd: not a frontend kind of blockgraph, ignored (drive 'cd' is imported without it)",
      '-device e1000: not a frontend kind of blockgraph, ignored',
    ]);
  });

  it('probes a -drive without format through the images, and says raw when it cannot', () => {
    expect(imported('-drive file=top.qcow2').graph.nodes.none0?.driver).toBe('qcow2');
    const blind = fromCommandLine('-drive file=top.qcow2');
    expect(blind.ok && [blind.value.graph.nodes.none0?.driver, blind.value.notes]).toEqual([
      'raw',
      [
        "-drive 'none0': no format: QEMU probes 'top.qcow2', which blockgraph cannot read here; imported as raw (write format= to be sure)",
      ],
    ]);
  });

  it("sets aio=native on the drive's host-file nodes, and -drive's values over a json: filename's top level", () => {
    const { graph, notes } = imported(
      `-drive 'file=json:{"driver":"raw",,"read-only":true,,"file":{"driver":"file",,"filename":"r.raw"}}',aio=native,cache=none`,
    );
    expect(graph.nodes.none0?.options).toEqual({
      cache: { direct: true, 'no-flush': false },
      'read-only': false,
      'auto-read-only': true,
    });
    expect(graph.nodes['file-1']?.options).toEqual({ filename: 'r.raw', aio: 'native' });
    expect(notes).toEqual(["-drive 'none0': -drive's read-only=off beats the json: filename's read-only"]);
  });

  it('keeps aio=threads as written, on the host-file nodes the drive defines (found by the round-trip test)', () => {
    // toDriveArgs writes a top-level file node's aio=threads as -drive's own aio; the default, but written.
    const { graph } = imported(
      '-drive if=none,id=d,driver=file,node-name=f,filename=a.raw,aio=threads -drive file=b.qcow2,format=qcow2,aio=threads,file.aio=native,cache=none',
    );
    expect(graph.nodes.f?.options).toEqual({ filename: 'a.raw', 'auto-read-only': true, aio: 'threads' });
    expect(graph.nodes['file-1']?.options).toEqual({ filename: 'b.qcow2', aio: 'native' });
  });

  it('gives an unnamed -blockdev a node-name, and a drive root a name no other node has', () => {
    const result = imported(
      '-blockdev \'{"driver":"null-co"}\' -blockdev null-co,node-name=none0 -drive driver=null-co',
    );
    expect(Object.values(result.graph.nodes).map((n) => n.name)).toEqual(['null-co-1', 'none0', 'none0-1']);
    expect(result.notes).toEqual(["-blockdev without node-name (QEMU requires one): named 'null-co-1'"]);
  });
});

describe('fromCommandLine errors name the line and column of the word, and the key path', () => {
  it('reports what the shell cannot split (E410)', () => {
    expect(problems("-S \\\n -drive 'file=a")).toEqual([
      ['E410', 'Cannot split the command line: unterminated single quote', 2, 9, undefined],
    ]);
  });
  it('reports an option without its argument (E411)', () => {
    expect(problems('-drive file=r.raw \\\n  -blockdev')).toEqual([
      ['E411', '-blockdev: requires an argument', 2, 3, undefined],
    ]);
  });
  it("reports QemuOpts' refusals (E412)", () => {
    expect(problems('-m 1G -drive id=1abc,driver=null-co')).toEqual([
      [
        'E412',
        "Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.",
        1,
        14,
        'id',
      ],
    ]);
  });
  it("reports keyval's refusals with the key (E412)", () => {
    expect(problems('-S \\\n  -blockdev driver=null-co,node-name=n,a..b=1')).toEqual([
      ['E412', "Invalid parameter 'a..b'", 2, 13, 'a..b'],
    ]);
  });
  it('reports JSON QEMU cannot parse, and JSON without a member QEMU needs (E412)', () => {
    expect(problems(`-blockdev '{"driver":"raw",}'`)).toEqual([
      ['E412', 'JSON parse error, expecting value', 1, 11, undefined],
    ]);
    expect(problems(`-object '{"id":"t"}'`)).toEqual([['E412', "Parameter 'qom-type' is missing", 1, 9, 'qom-type']]);
  });
  it("reports -drive's refusals with the key they are about (E412)", () => {
    expect(problems('-drive file=r.raw,cache=bogus')).toEqual([['E412', 'invalid cache option', 1, 8, 'cache']]);
    expect(problems('-drive file=r.raw,readonly=maybe')).toEqual([
      ['E412', "Parameter 'read-only' expects 'on' or 'off'", 1, 8, 'read-only'],
    ]);
    expect(problems('-drive file=foo:bar,format=raw')).toEqual([['E412', "Unknown protocol 'foo'", 1, 8, 'file']]);
    expect(problems('-drive driver=file,file=r.raw,filename=r.raw')).toEqual([
      ['E412', "Can't specify 'file' and 'filename' options at the same time", 1, 8, 'filename'],
    ]);
    expect(problems(`-drive 'file=json:{"driver":'`)).toEqual([
      ['E412', 'Could not parse the JSON options: JSON parse error, premature EOI', 1, 8, 'file'],
    ]);
  });
  it('reports a node without a driver, an unknown driver and a bad node-name at their key path (E412)', () => {
    expect(problems(`-blockdev '{"driver":"raw","node-name":"r","file":{"filename":"x"}}'`)).toEqual([
      ['E412', "Parameter 'file.driver' is missing", 1, 11, 'file.driver'],
    ]);
    expect(problems('-blockdev raw,node-name=r,file.driver=nope')).toEqual([
      ['E412', "Parameter 'driver' does not accept value 'nope'", 1, 11, 'file.driver'],
    ]);
    expect(problems('-blockdev null-co,node-name=a -blockdev null-co,node-name=a')).toEqual([
      ['E412', "Duplicate nodes with node-name='a'", 1, 41, 'node-name'],
    ]);
    expect(problems('-drive driver=null-co,node-name=1x')).toEqual([
      ['E412', "Invalid node-name: '1x'", 1, 8, 'node-name'],
    ]);
  });
  it('reports a reference to no node, and a cycle of references (E412, E203)', () => {
    expect(problems('-drive file=top.qcow2,backing=nope')).toEqual([
      ['E412', "Could not open backing file: Cannot find device='nope' nor node-name='nope'", 1, 8, 'backing'],
    ]);
    expect(problems('-blockdev raw,node-name=a,file=b -blockdev raw,node-name=b,file=a')).toEqual([
      ['E203', "Connecting 'b' below 'a' would create a cycle", undefined, undefined, undefined],
    ]);
  });
  it("reports -object's and -device's refusals (E412, E413)", () => {
    expect(problems('-object throttle-group,x-iops-total=1')).toEqual([
      ['E412', "Parameter 'id' is missing", 1, 9, 'id'],
    ]);
    expect(problems('-object throttle-group,id=t -object throttle-group,id=t')).toEqual([
      ['E412', "Duplicate ID 't' for object", 1, 37, 'id'],
    ]);
    expect(problems('-device virtio-blk-pci,drive=nothere')).toEqual([
      ['E413', "Cannot import: -device virtio-blk-pci: no -drive id or node-name 'nothere' for drive=", 1, 9, 'drive'],
    ]);
  });
});
