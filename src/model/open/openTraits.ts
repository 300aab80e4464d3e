import { OPEN_TEXT } from './openText.ts';

/**
 * What a driver's open function does that the driver tables (src/model/drivers) do not say:
 * legacy filename parsing, whether a file name is required, and the error a format driver
 * gives for an image in another format. Data keyed by driver, like the driver tables; every
 * entry was checked against QEMU 7.2 (`-drive file=r.raw,format=X` on a raw image).
 */
export interface OpenTraits {
  /** BlockDriver.bdrv_needs_filename: "The 'file' block driver requires a file name". */
  needsFilename?: true;
  /** BlockDriver.bdrv_parse_filename of a legacy filename: the filename kept (none: dropped), or an error. */
  legacyFilename?: (filename: string) => { filename: string | undefined } | { error: string };
  /** The error of the driver's open function for an image that is not in its format. */
  notInFormat?: (bytes: Uint8Array, filename: string) => string;
  /** blockgraph cannot predict how QEMU opens this driver from a legacy filename (network URLs). */
  unsupportedFilename?: true;
  /** block/file-posix.c: opens a host file (which must exist) and honours aio=native. */
  hostFile?: true;
  /** An option naming a QOM object: QEMU's error when it is absent, and when the object does not exist. */
  objectOption?: { option: string; absent: string; missing: (id: string) => string };
  /** What the driver prints when probing chose it for a writable node (block/raw-format.c: raw_open). */
  probedWarning?: (filename: string) => string;
  /** BlockDriverState.filename of a node opened without one (block/null.c: null_refresh_filename). */
  canonicalFilename?: string;
}

/** block.c: path_has_protocol — a `:` before any `/`. */
export function pathHasProtocol(path: string): boolean {
  const cut = path.search(/[:/]/);
  return cut >= 0 && path[cut] === ':';
}

/** block.c: bdrv_parse_filename_strip_prefix — `file:x` → `x` (`./x` when `x` would look like a protocol). */
function stripPrefix(prefix: string) {
  return (filename: string): { filename: string } => {
    if (!filename.startsWith(prefix)) return { filename };
    const rest = filename.slice(prefix.length);
    return { filename: pathHasProtocol(rest) ? `./${rest}` : rest };
  };
}

/** block/null.c: null_co_parse_filename / null_aio_parse_filename. */
function onlyFilename(allowed: string) {
  return (filename: string): { filename: undefined } | { error: string } =>
    filename === allowed
      ? { filename: undefined }
      : { error: `The only allowed filename for this driver is '${allowed}'` };
}

const u32le = (b: Uint8Array, at: number): number =>
  at + 4 <= b.length ? new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true) : 0;

const network: OpenTraits = { unsupportedFilename: true };

/** The traits of the drivers that have any, keyed by driver name. */
export const OPEN_TRAITS: Readonly<Record<string, OpenTraits>> = {
  file: { needsFilename: true, hostFile: true, legacyFilename: stripPrefix('file:') },
  host_device: { needsFilename: true, hostFile: true, legacyFilename: stripPrefix('host_device:') },
  host_cdrom: { needsFilename: true, hostFile: true, legacyFilename: stripPrefix('host_cdrom:') },
  'null-co': { legacyFilename: onlyFilename('null-co://'), canonicalFilename: 'null-co://' },
  'null-aio': { legacyFilename: onlyFilename('null-aio://'), canonicalFilename: 'null-aio://' },
  raw: {
    probedWarning: (filename) =>
      `WARNING: Image format was not specified for '${filename}' and probing guessed raw.\n` +
      '         Automatically detecting the format is dangerous for raw images, write operations on block 0 will be restricted.\n' +
      "         Specify the 'raw' format explicitly to remove the restrictions.",
  },
  nbd: network,
  iscsi: network,
  nfs: network,
  ssh: network,
  http: network,
  https: network,
  ftp: network,
  ftps: network,
  gluster: network,
  rbd: network,
  nvme: network,
  vvfat: network,
  blkdebug: network,
  blkverify: network,
  qcow2: { notInFormat: () => 'Image is not in qcow2 format' },
  qcow: { notInFormat: () => 'Image not in qcow format' },
  qed: { notInFormat: () => 'Image not in QED format' },
  vdi: {
    notInFormat: (b) => `Image not in VDI format (bad signature ${u32le(b, 0x40).toString(16).padStart(8, '0')})`,
  },
  vmdk: { notInFormat: () => 'invalid VMDK image descriptor' },
  vpc: { notInFormat: () => 'invalid VPC image' },
  vhdx: { notInFormat: (_b, filename) => `Could not open '${filename}': Invalid argument` },
  parallels: { notInFormat: () => 'Image not in Parallels format' },
  bochs: { notInFormat: () => 'Image not in Bochs format' },
  throttle: {
    objectOption: {
      option: 'throttle-group',
      absent: 'Please specify a throttle group',
      missing: OPEN_TEXT.noThrottleGroup,
    },
  },
};

/** The traits of a driver (none for most). */
export function openTraits(driver: string): OpenTraits {
  return Object.hasOwn(OPEN_TRAITS, driver) ? (OPEN_TRAITS[driver] as OpenTraits) : {};
}

/** block.c: bdrv_find_protocol — the `protocol_name` of every protocol driver of QEMU 7.2. */
export const PROTOCOL_PREFIXES: Readonly<Record<string, string>> = {
  file: 'file',
  host_device: 'host_device',
  host_cdrom: 'host_cdrom',
  nbd: 'nbd',
  'nbd+tcp': 'nbd',
  'nbd+unix': 'nbd',
  iscsi: 'iscsi',
  iser: 'iscsi',
  nfs: 'nfs',
  ssh: 'ssh',
  http: 'http',
  https: 'https',
  ftp: 'ftp',
  ftps: 'ftps',
  gluster: 'gluster',
  'gluster+tcp': 'gluster',
  'gluster+unix': 'gluster',
  'gluster+rdma': 'gluster',
  rbd: 'rbd',
  'null-co': 'null-co',
  'null-aio': 'null-aio',
  nvme: 'nvme',
  fat: 'vvfat',
  blkdebug: 'blkdebug',
  blkverify: 'blkverify',
};

/**
 * block.c: bdrv_find_protocol — the protocol driver for a filename: the `xxx:` prefix when
 * prefixes are honoured (a legacy filename), else `file`. Host device detection is not modelled.
 */
export function findProtocol(filename: string, allowPrefix: boolean): { driver: string } | { error: string } {
  if (!allowPrefix || !pathHasProtocol(filename)) return { driver: 'file' };
  const prefix = filename.slice(0, filename.indexOf(':')).slice(0, 127);
  const driver = Object.hasOwn(PROTOCOL_PREFIXES, prefix) ? PROTOCOL_PREFIXES[prefix] : undefined;
  return driver === undefined ? { error: `Unknown protocol '${prefix}'` } : { driver };
}
