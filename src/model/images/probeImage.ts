/**
 * Reads what QEMU reads from the first bytes of an image: its format (block.c: find_image_format,
 * which asks every driver's bdrv_probe and takes the highest score) and, for formats with a
 * backing file, the backing file name and format and qcow2's external data file. Pure: the caller
 * supplies the bytes (the CLI from the filesystem, the editor from a dropped file).
 */
export interface ImageHeader {
  /** The driver QEMU's probing picks; `raw` when no format claims the image. */
  format: string;
  backingFile?: string;
  /** Recorded backing format; absent means QEMU probes the backing file too. */
  backingFormat?: string;
  /** qcow2 external data file (header extension 0x44415441). */
  dataFile?: string;
}

/** How many leading bytes `probeImage` needs at most (the vmdk descriptor of a sparse image ends below 64 KiB). */
export const HEADER_BYTES = 65536;

interface Prober {
  format: string;
  /** bdrv_probe's score: 100 for a magic match, 1 for raw (block/raw-format.c: raw_probe). */
  score: (bytes: Uint8Array, filename: string) => number;
  read?: (bytes: Uint8Array) => Omit<ImageHeader, 'format'>;
}

const text = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(from + length, bytes.length)));
const magic = (bytes: Uint8Array, value: string, at = 0): boolean => text(bytes, at, value.length) === value;
const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const u32be = (bytes: Uint8Array, at: number): number => (at + 4 <= bytes.length ? view(bytes).getUint32(at) : 0);
const u32le = (bytes: Uint8Array, at: number): number => (at + 4 <= bytes.length ? view(bytes).getUint32(at, true) : 0);
const u64be = (bytes: Uint8Array, at: number): number =>
  at + 8 <= bytes.length ? Number(view(bytes).getBigUint64(at)) : 0;
const u64le = (bytes: Uint8Array, at: number): number =>
  at + 8 <= bytes.length ? Number(view(bytes).getBigUint64(at, true)) : 0;
/** UTF-8 text (file names may be non-ASCII); TextDecoder is a host API the pure model does without. */
function utf8(bytes: Uint8Array, from: number, length: number): string {
  const slice = bytes.subarray(from, Math.min(from + length, bytes.length));
  let out = '';
  for (let i = 0; i < slice.length;) {
    const first = slice[i] ?? 0;
    const extra = first >= 0xf0 ? 3 : first >= 0xe0 ? 2 : first >= 0xc0 ? 1 : 0;
    let code = extra === 0 ? first : first & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) code = (code << 6) | ((slice[i + k] ?? 0) & 0x3f);
    out += String.fromCodePoint(code);
    i += extra + 1;
  }
  return out;
}

/** block/qcow2.c: qcow2_read_extensions — backing format and data file live in header extensions. */
function readQcow2(bytes: Uint8Array): Omit<ImageHeader, 'format'> {
  const header: Omit<ImageHeader, 'format'> = {};
  const backingOffset = u64be(bytes, 8);
  const backingSize = u32be(bytes, 16);
  if (backingOffset > 0 && backingSize > 0) header.backingFile = utf8(bytes, backingOffset, backingSize);
  const version = u32be(bytes, 4);
  let at = version >= 3 ? u32be(bytes, 100) : 72;
  const end = backingOffset > 0 ? backingOffset : bytes.length;
  while (at + 8 <= end) {
    const type = u32be(bytes, at);
    const length = u32be(bytes, at + 4);
    if (type === 0) break;
    if (type === 0xe2792aca) header.backingFormat = utf8(bytes, at + 8, length);
    if (type === 0x44415441) header.dataFile = utf8(bytes, at + 8, length);
    at += 8 + Math.ceil(length / 8) * 8;
  }
  return header;
}

/** block/qcow.c: qcow_open — version 1 has the backing name but never its format. */
function readQcow(bytes: Uint8Array): Omit<ImageHeader, 'format'> {
  const offset = u64be(bytes, 8);
  const size = u32be(bytes, 16);
  return offset > 0 && size > 0 ? { backingFile: utf8(bytes, offset, size) } : {};
}

/** block/qed.c: bdrv_qed_do_open — little-endian header; the no-probe feature bit means a raw backing file. */
function readQed(bytes: Uint8Array): Omit<ImageHeader, 'format'> {
  const features = u64le(bytes, 16);
  const offset = u32le(bytes, 56);
  const size = u32le(bytes, 60);
  if (!(features & 0x1) || size === 0) return {};
  return { backingFile: utf8(bytes, offset, size), ...(features & 0x4 ? { backingFormat: 'raw' } : {}) };
}

/** block/vmdk.c: vmdk_open — parentFileNameHint in the descriptor; a vmdk backing file is always vmdk. */
function readVmdk(bytes: Uint8Array): Omit<ImageHeader, 'format'> {
  const descriptorAt = magic(bytes, 'KDMV') ? u64le(bytes, 28) * 512 : 0;
  const descriptor = text(bytes, descriptorAt, 8192);
  const hint = /parentFileNameHint="([^"]*)"/.exec(descriptor)?.[1];
  return hint === undefined ? {} : { backingFile: hint, backingFormat: 'vmdk' };
}

const vmdkDescriptor = (bytes: Uint8Array): boolean => /^# Disk DescriptorFile/m.test(text(bytes, 0, 4096));

const PROBERS: readonly Prober[] = [
  { format: 'qcow2', score: (b) => (magic(b, 'QFI\xfb') && u32be(b, 4) >= 2 ? 100 : 0), read: readQcow2 },
  { format: 'qcow', score: (b) => (magic(b, 'QFI\xfb') && u32be(b, 4) === 1 ? 100 : 0), read: readQcow },
  { format: 'qed', score: (b) => (magic(b, 'QED\0') ? 100 : 0), read: readQed },
  { format: 'vmdk', score: (b) => (magic(b, 'KDMV') || vmdkDescriptor(b) ? 100 : 0), read: readVmdk },
  { format: 'vdi', score: (b) => (u32le(b, 0x40) === 0xbeda107f ? 100 : 0) },
  { format: 'vpc', score: (b) => (magic(b, 'conectix') ? 100 : 0) },
  { format: 'vhdx', score: (b) => (magic(b, 'vhdxfile') ? 100 : 0) },
  { format: 'luks', score: (b) => (magic(b, 'LUKS\xba\xbe') ? 100 : 0) },
  { format: 'parallels', score: (b) => (magic(b, 'WithoutFreeSpace') || magic(b, 'WithouFreSpacExt') ? 100 : 0) },
  { format: 'bochs', score: (b) => (magic(b, 'Bochs Virtual HD Image') ? 100 : 0) },
  { format: 'dmg', score: (_b, filename) => (filename.endsWith('.dmg') ? 2 : 0) },
  { format: 'raw', score: () => 1 },
];

/**
 * Probes an image as QEMU does when no format is given, and reads its backing information.
 *
 * @example probeImage(await readFirstBytes('top.qcow2'), 'top.qcow2') // { format: 'qcow2', backingFile: 'base.qcow2', backingFormat: 'qcow2' }
 */
export function probeImage(bytes: Uint8Array, filename = ''): ImageHeader {
  let best: Prober | undefined;
  let bestScore = 0;
  for (const prober of PROBERS) {
    const score = bytes.length === 0 ? (prober.format === 'raw' ? 1 : 0) : prober.score(bytes, filename);
    if (score > bestScore) [best, bestScore] = [prober, score];
  }
  const format = best?.format ?? 'raw';
  return { format, ...(best?.read?.(bytes) ?? {}) };
}
