import { qcow2Header } from '../../model/fixtures/index.ts';
import { imagesFrom } from '../../model/index.ts';

/**
 * Command lines for the importer's tests: each is accepted by qemu-system-x86_64 (on `-machine pc`
 * when it has devices) and reads the images below from QEMU's working directory.
 */

/** Image headers as QEMU's working directory would hold them (see drive.differential.test.ts for the real files). */
export const IMPORT_IMAGES = imagesFrom({
  'r.raw': new Uint8Array(512),
  'base.qcow2': qcow2Header(),
  'top.qcow2': qcow2Header('base.qcow2', 'qcow2'),
  'sub/base.qcow2': qcow2Header(),
  'sub/mid.qcow2': qcow2Header('base.qcow2', 'qcow2'),
  'top3.qcow2': qcow2Header('sub/mid.qcow2', 'qcow2'),
  'nofmt.qcow2': qcow2Header('base.qcow2'),
  'a b,c.qcow2': qcow2Header(),
  'jt.qcow2': qcow2Header('json:{"driver":"qcow2","file":{"driver":"file","filename":"base.qcow2"}}', 'qcow2'),
});

/** Command lines qemu-system-x86_64 accepts (without the devices, which -machine none lacks a bus for). */
export const ACCEPTED_LINES: readonly string[] = [
  // every -drive cache mode, and cache.* beside them
  '-drive file=top.qcow2',
  '-drive file=top.qcow2,cache=writeback',
  '-drive file=top.qcow2,cache=writethrough',
  '-drive file=top.qcow2,if=none,id=d0,cache=none',
  '-drive file=top.qcow2,cache=off',
  '-drive file=top3.qcow2,cache=directsync',
  '-drive file=top.qcow2,cache=unsafe',
  '-drive file=top.qcow2,cache=none,cache.direct=off',
  '-drive file=top.qcow2,cache=unsafe,cache.no-flush=off,cache.writeback=off',
  // read-only, CD-ROMs, shortcuts, probing
  '-drive file=top.qcow2,readonly=on',
  '-drive file=r.raw,format=raw,readonly',
  '-drive file=r.raw,format=raw,media=cdrom',
  '-cdrom r.raw',
  '-hda r.raw',
  'r.raw',
  '-drive file=nofmt.qcow2',
  '-drive file=r.raw',
  '-drive file=top.qcow2,force-share=on,readonly=on',
  // format/file dotted keys, node-names, header backing files given options
  '-drive file=./sub/mid.qcow2,node-name=m,file.node-name=mf,backing.node-name=mb',
  '-drive file=file:sub/mid.qcow2',
  '-drive file=top.qcow2,format=qcow2,backing.read-only=off,backing.file.cache.no-flush=on',
  '-drive file=top3.qcow2,backing.backing.cache.direct=on,backing.node-name=mid',
  '-drive driver=raw,file.driver=null-co,file.detect-zeroes=on',
  '-drive driver=qcow2,file.driver=file,file.filename=top.qcow2,file.locking=off',
  '-drive file=top.qcow2,file.node-name=tf,node-name=tn',
  '-drive file=null-co://',
  '-drive driver=null-co,cache=unsafe',
  '-drive file=r.raw,format=raw,discard=unmap,detect-zeroes=unmap',
  '-drive file=top.qcow2,detect-zeroes=on',
  '-drive file=top.qcow2,aio=native,cache.direct=on',
  '-drive file=r.raw,format=raw,copy-on-read=on,readonly=on',
  // blockdev.c: blockdev_init — copy-on-read=on is BDRV_O_COPY_ON_READ on the node, no filter node in 7.2
  '-drive file=r.raw,format=raw,copy-on-read=on',
  '-drive file=r.raw,format=raw,throttling.iops-total=100,werror=stop,rerror=report',
  // json: filenames, in -drive and in an image header
  `-drive 'file=json:{"driver":"raw",,"cache":{"direct":true},,"read-only":true,,"detect-zeroes":"on",,"file":{"driver":"file",,"filename":"r.raw",,"cache":{"direct":true}}}'`,
  `-drive 'file=json:{"driver":"qcow2",,"file":{"driver":"file",,"filename":"sub/mid.qcow2"}}',cache=none`,
  '-drive file=jt.qcow2,cache=unsafe',
  // -blockdev in JSON and dotted, references between them and from -drive
  '-blockdev driver=qcow2,node-name=b0,file.driver=file,file.filename=base.qcow2 -drive file=top.qcow2,backing=b0',
  '-drive file=top.qcow2,backing=b0,cache=none -blockdev qcow2,node-name=b0,file.driver=file,file.filename=base.qcow2',
  `-blockdev '{"driver":"qcow2","node-name":"q","cache":{"no-flush":true},"file":{"driver":"file","filename":"top.qcow2"}}'`,
  '-blockdev driver=file,node-name=f,filename=top.qcow2 -blockdev driver=qcow2,node-name=q,file=f,cache.direct=on',
  '-blockdev driver=null-co,node-name=n,size=1048576,read-zeroes=on,read-only=on,force-share=on',
  '-drive if=none,id=d0,driver=null-co -drive file=top.qcow2,backing=d0',
  // quorum, throttle and its group
  '-blockdev null-co,node-name=n1 -blockdev driver=quorum,node-name=qu,vote-threshold=1,children.0.driver=null-co,children.1=n1',
  `-blockdev '{"driver":"quorum","node-name":"qj","vote-threshold":2,"read-only":true,"children":[{"driver":"null-co"},{"driver":"raw","file":{"driver":"null-co"}}]}'`,
  '-object throttle-group,id=tg0,x-iops-total=100 -blockdev driver=throttle,node-name=t,throttle-group=tg0,file.driver=null-co',
  `-object '{"qom-type":"throttle-group","id":"tg1","limits":{"iops-total":50}}' -drive driver=throttle,throttle-group=tg1,file.driver=null-co,if=none,id=th`,
  // devices (resolveCommandLine does not model them) and a pasted invocation
  '-drive file=r.raw,format=raw,if=none,id=d0 -device virtio-blk-pci,drive=d0,id=vda',
  '-blockdev driver=raw,node-name=r,file.driver=file,file.filename=r.raw -device virtio-scsi-pci -device scsi-hd,drive=r',
  '-drive file=r.raw,format=raw,if=none,id=d1,cache=directsync -device ide-hd,drive=d1,id=disk1',
  "qemu-system-x86_64 \\\n  -machine pc -m 512 -enable-kvm \\\n  -drive 'file=a b,,c.qcow2',if=none,id=x \\\n  -display none",
];
