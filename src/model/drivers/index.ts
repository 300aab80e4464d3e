/** Every blockdev-add driver of QEMU 7.2, one table per file (see defineDriver.ts). */
import { blkdebug } from './blkdebug.ts';
import { blklogwrites } from './blklogwrites.ts';
import { blkreplay } from './blkreplay.ts';
import { blkverify } from './blkverify.ts';
import { bochs } from './bochs.ts';
import { cloop } from './cloop.ts';
import { compress } from './compress.ts';
import { copyBeforeWrite } from './copy-before-write.ts';
import { copyOnRead } from './copy-on-read.ts';
import { dmg } from './dmg.ts';
import { file } from './file.ts';
import { ftp } from './ftp.ts';
import { ftps } from './ftps.ts';
import { gluster } from './gluster.ts';
import { hostCdrom } from './host_cdrom.ts';
import { hostDevice } from './host_device.ts';
import { http } from './http.ts';
import { https } from './https.ts';
import { iscsi } from './iscsi.ts';
import { luks } from './luks.ts';
import { nbd } from './nbd.ts';
import { nfs } from './nfs.ts';
import { nullAio } from './null-aio.ts';
import { nullCo } from './null-co.ts';
import { nvme } from './nvme.ts';
import { parallels } from './parallels.ts';
import { preallocate } from './preallocate.ts';
import { qcow } from './qcow.ts';
import { qcow2 } from './qcow2.ts';
import { qed } from './qed.ts';
import { quorum } from './quorum.ts';
import { raw } from './raw.ts';
import { rbd } from './rbd.ts';
import { replication } from './replication.ts';
import { snapshotAccess } from './snapshot-access.ts';
import { ssh } from './ssh.ts';
import { throttle } from './throttle.ts';
import { vdi } from './vdi.ts';
import { vhdx } from './vhdx.ts';
import { vmdk } from './vmdk.ts';
import { vpc } from './vpc.ts';
import { vvfat } from './vvfat.ts';
import type { DriverSpec } from './defineDriver.ts';

export const DRIVERS = {
  blkdebug,
  blklogwrites,
  blkreplay,
  blkverify,
  bochs,
  cloop,
  compress,
  'copy-before-write': copyBeforeWrite,
  'copy-on-read': copyOnRead,
  dmg,
  file,
  ftp,
  ftps,
  gluster,
  host_cdrom: hostCdrom,
  host_device: hostDevice,
  http,
  https,
  iscsi,
  luks,
  nbd,
  nfs,
  'null-aio': nullAio,
  'null-co': nullCo,
  nvme,
  parallels,
  preallocate,
  qcow,
  qcow2,
  qed,
  quorum,
  raw,
  rbd,
  replication,
  'snapshot-access': snapshotAccess,
  ssh,
  throttle,
  vdi,
  vhdx,
  vmdk,
  vpc,
  vvfat,
} satisfies Record<string, DriverSpec>;

/** A driver name blockgraph knows. */
export type DriverName = keyof typeof DRIVERS;

/** The table of a driver, or undefined for a name QEMU 7.2 does not know. */
export function driverSpec(name: string): DriverSpec | undefined {
  return Object.hasOwn(DRIVERS, name) ? DRIVERS[name as DriverName] : undefined;
}
