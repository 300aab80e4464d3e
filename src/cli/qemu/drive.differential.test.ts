import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectDriveLineAgrees, makeDriveImages, removeDriveImages } from './driveFixture.ts';

/** -drive / -blockdev command lines, each run by qemu-system-x86_64 and predicted by resolveCommandLine. */
const CASES: readonly string[] = [
  // cache modes, read-only, cdrom, probing, chains of 1-3 backing files with relative names
  '-drive file=top.qcow2',
  '-drive file=top.qcow2,cache=writeback',
  '-drive file=top.qcow2,cache=writethrough',
  '-drive file=top3.qcow2,if=none,id=d0,cache=none',
  '-drive file=top.qcow2,cache=off',
  '-drive file=t3.qcow2,cache=directsync',
  '-drive file=t4.qcow2,cache=unsafe',
  '-drive file=top.qcow2,cache=none,cache.direct=off',
  '-drive file=top.qcow2,cache=unsafe,cache.no-flush=off,cache.writeback=off',
  '-drive file=top.qcow2,readonly=on',
  '-drive file=r.raw,format=raw,readonly',
  '-drive file=r.raw,format=raw,media=cdrom',
  '-cdrom r.raw',
  '-drive file=r.raw,if=none',
  '-drive file=./sub/mid.qcow2,node-name=m,file.node-name=mf,backing.node-name=mb',
  '-drive file=file:sub/mid.qcow2',
  '-drive file=vchild.vmdk,cache=none',
  '-drive file=q.qed,if=none',
  '-drive file=vd.vdi,format=vdi',
  '-drive file=nofmt.qcow2',
  '-drive file=rawback.qcow2,cache=directsync',
  // an external data file is opened by its name as written, relative to QEMU's cwd
  '-drive file=dfile.qcow2,cache=none',
  '-drive file=sub/sd.qcow2',
  '-drive file=top.qcow2,data-file.driver=null-co',
  // snapshot=on: a temporary overlay above a read-only original
  '-drive file=r.raw,format=raw,snapshot=on,node-name=orig',
  '-drive file=top.qcow2,cache=none,snapshot=on,detect-zeroes=on',
  '-drive file=top.qcow2,readonly=on,snapshot=on',
  '-snapshot -drive file=r.raw,format=raw',
  '-snapshot -drive file=r.raw,format=raw,snapshot=off',
  '-drive file=r.raw,format=raw,snapshot=on,aio=native,cache.direct=on',
  // the original is read-only while it opens (bdrv_open_inherit applies the COW defaults first)
  '-drive file=r.raw,format=raw,snapshot=on,force-share=on',
  '-drive file=r.raw,snapshot=on,force-share=on,backing.cache.direct=off',
  // json: backing names and json: filenames
  '-drive file=top2.qcow2,cache.direct=on',
  '-drive file=top2.qcow2,cache.direct=on,backing.cache.direct=on',
  '-drive file=sub/jt.qcow2,cache=unsafe',
  `-drive 'file=json:{"driver":"raw",,"cache":{"direct":true},,"read-only":true,,"detect-zeroes":"on",,"file":{"driver":"file",,"filename":"r.raw",,"cache":{"direct":true}}}'`,
  `-drive 'file=json:{"driver":"qcow2",,"file":{"driver":"file",,"filename":"sub/mid.qcow2"}}',cache=none`,
  // detect-zeroes on the top node only; explicit children options
  '-drive file=top.qcow2,detect-zeroes=on',
  '-drive file=r.raw,format=raw,discard=off,detect-zeroes=unmap',
  '-drive file=top.qcow2,backing.read-only=off,backing.file.cache.no-flush=on',
  '-drive file=top.qcow2,force-share=on,readonly=on',
  '-drive driver=raw,file.driver=null-co,file.detect-zeroes=on',
  '-drive file=null-co://',
  '-drive driver=null-co,cache=unsafe',
  '-drive if=none,id=cd0,media=cdrom',
  // semantics doc §4.1 says the last duplicate wins; for id QEMU takes the first (BlockBackend 'a')
  '-drive if=none,id=a,id=b,driver=null-co',
  '-drive file=r.raw,format=raw,copy-on-read=on,readonly=on',
  '-drive file=sub/broken.qcow2,backing=',
  '-hda r.raw',
  // -blockdev, and -drive backing=<node>
  '-blockdev driver=qcow2,node-name=b0,file.driver=file,file.filename=base.qcow2 -drive file=top.qcow2,backing=b0',
  '-drive file=top.qcow2,backing=b0,cache=none -blockdev qcow2,node-name=b0,file.driver=file,file.filename=base.qcow2',
  `-blockdev '{"driver":"qcow2","node-name":"q","cache":{"no-flush":true},"file":{"driver":"file","filename":"top.qcow2"}}'`,
  '-blockdev driver=file,node-name=f,filename=top.qcow2 -blockdev driver=qcow2,node-name=q,file=f,cache.direct=on',
  '-drive if=none,id=d0,driver=null-co -drive file=top.qcow2,backing=d0',
  '-object throttle-group,id=tg0,x-iops-total=100 -blockdev driver=throttle,node-name=t,throttle-group=tg0,file.driver=null-co',
  // rejected
  '-drive file=r.raw,format=raw,aio=native',
  '-drive file=top3.qcow2,backing.backing.file.aio=native',
  '-drive file=r.raw,format=raw,foo=bar',
  '-drive file=r.raw,format=raw,foo=bar,zzz=1,serial=1',
  '-drive file=r.raw,foo=bar',
  '-drive file=r.raw,format=raw,readonly,file.foo=bar',
  '-drive file=r.raw,format=raw,driver=raw',
  '-drive file=r.raw,format=raw,readonly=on,read-only=on',
  '-drive file=missing.qcow2,if=none',
  '-drive file=sub/broken.qcow2',
  '-drive file=sub/jt.qcow2,file.filename=sub/jt.qcow2',
  '-drive file=r.raw,format=qcow2',
  '-drive file=top.qcow2,format=vmdk',
  '-drive file=r.raw,format=raw,cache=bogus',
  '-drive file=r.raw,format=raw,id=1abc',
  '-drive if=none,id=d0 -drive if=none,id=d0',
  '-drive file=top.qcow2,backing=nope',
  '-drive file=top.qcow2,backing=b0,backing.cache.direct=on -blockdev driver=null-co,node-name=b0',
  '-drive file=r.raw,format=raw,force-share=on',
  '-drive file=r.raw,format=raw,file.detect-zeroes=unmap,file.discard=off',
  '-drive file=r.raw,format=raw,node-name=none0',
  '-drive file=top.qcow2,file.node-name=x,backing.node-name=x',
  '-drive id=x,cache=none',
  '-drive file=null-co://x,format=raw',
  `-drive 'file=json:{"driver":"qcow2",,"file":{"driver":"file",,"filename":"sub/mid.qcow2"}'`,
  '-drive if=ide,driver=null-co',
  '-drive if=scsi,driver=null-co -drive if=floppy,driver=null-co',
  '-drive if=virtio,driver=null-co',
  '-drive file=top.qcow2,backing.backing.node-name=x',
  '-drive driver=throttle,file.filename=top.qcow2',
  '-drive driver=qcow2,file.driver=file,file.filename=top.qcow2,file.locking=maybe',
  '-drive file=r.raw,format=raw,copy-on-read=on,readonly=on,foo=bar',
  '-drive file=sub/jt.qcow2,if=none -drive file=sub/broken.qcow2,backing=,foo=bar',
  '-blockdev driver=null-co,node-name=r,foo=1,bar=2,baz=3',
  '-blockdev driver=quorum,node-name=q,vote-threshold=1,children.1.driver=null-co',
  `-blockdev '{"driver":"null-co","node-name":"n0","read-only":"on"}'`,
  '-blockdev driver=raw,node-name=r,file.driver=null-co,file=x',
  '-blockdev driver=null-co,node-name=n0 -drive if=none,id=n0,driver=null-co',
];

let dir = '';

beforeAll(async () => {
  dir = await makeDriveImages();
});

afterAll(async () => {
  await removeDriveImages(dir);
});

describe.each(CASES)('%s', (line) => {
  it('is accepted or refused as QEMU does, and builds what QEMU builds', async () => {
    await expectDriveLineAgrees(line, dir);
  });
});
