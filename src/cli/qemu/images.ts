import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { parentLinks, type BlockGraph } from '../../model/index.ts';

const run = promisify(execFile);

/** Drivers whose option names a local image file, and that option (`file` → `filename`). */
const LOCAL_IMAGE_OPTION: Readonly<Record<string, string>> = { file: 'filename' };

/** The child role through which a format driver reads its image. */
const IMAGE_ROLE = 'file';

/** Formats `qemu-img create -f` can make; any other parent gets a raw image. */
const CREATABLE_FORMATS: ReadonlySet<string> = new Set([
  'qcow2',
  'qcow',
  'qed',
  'vmdk',
  'vdi',
  'vhdx',
  'vpc',
  'parallels',
  'raw',
]);

const FALLBACK_FORMAT = 'raw';
const DEFAULT_SIZE = '64M';

/** One image a document needs: its path relative to the image directory and its format. */
export interface ImagePlan {
  name: string;
  fmt: string;
}

export interface CreateImageOptions {
  /** Backing file, as it will be written into the header (relative to the new image's directory). */
  backing?: string;
  /** Format of the backing file; qemu-img 7.2 refuses `-b` without it. */
  backingFmt?: string;
  /** Virtual size; defaults to 64M (with a backing file qemu-img could also take the backing's size). */
  size?: string;
  /** `-u`: write the backing name without opening the backing file (which may be missing or mistyped). */
  unchecked?: boolean;
}

/**
 * The images a document opens: one per local-image protocol node (`file`) with a relative path,
 * in the format of the format node that reads it as its `file` child when `qemu-img` can create
 * that format, else raw. Absolute paths are left alone. A path named twice is planned once.
 */
export function planImages(graph: BlockGraph): ImagePlan[] {
  const plans = new Map<string, string>();
  for (const node of Object.values(graph.nodes)) {
    const option = LOCAL_IMAGE_OPTION[node.driver];
    const name = option === undefined ? undefined : node.options[option];
    if (typeof name !== 'string' || isAbsolute(name) || plans.has(name)) continue;
    plans.set(name, imageFormat(graph, node.id));
  }
  return [...plans].map(([name, fmt]) => ({ name, fmt }));
}

function imageFormat(graph: BlockGraph, id: string): string {
  for (const link of parentLinks(graph, id)) {
    const driver = graph.nodes[link.parent]?.driver;
    if (link.role === IMAGE_ROLE && driver !== undefined && CREATABLE_FORMATS.has(driver)) return driver;
  }
  return FALLBACK_FORMAT;
}

/**
 * Creates, in `dir`, every image `planImages` lists (`qemu-img create -f FMT NAME 64M`).
 * @returns the plans it carried out.
 */
export async function prepareImages(graph: BlockGraph, dir: string): Promise<ImagePlan[]> {
  const plans = planImages(graph);
  await Promise.all(plans.map((plan) => createImage(dir, plan.name, plan.fmt)));
  return plans;
}

/**
 * Creates one image with `qemu-img create`, run in `dir` so that relative names and backing paths
 * mean what they mean to QEMU started there. Rejects with qemu-img's stderr on failure.
 *
 * @example await createImage(dir, 'top.qcow2', 'qcow2', { backing: 'base.qcow2', backingFmt: 'qcow2' })
 */
export async function createImage(
  dir: string,
  name: string,
  fmt: string,
  opts: CreateImageOptions = {},
): Promise<void> {
  const path = normalize(name);
  if (isAbsolute(path) || path.startsWith('..'))
    throw new Error(`createImage: '${name}' is not inside the image directory`);
  await mkdir(join(dir, dirname(path)), { recursive: true });
  const backing = opts.backing === undefined ? [] : ['-b', opts.backing];
  const backingFmt = opts.backingFmt === undefined ? [] : ['-F', opts.backingFmt];
  const unchecked = opts.unchecked === true ? ['-u'] : [];
  const args = ['create', '-q', '-f', fmt, ...unchecked, ...backing, ...backingFmt, path, opts.size ?? DEFAULT_SIZE];
  try {
    await run('qemu-img', args, { cwd: dir });
  } catch (err) {
    const stderr = (err as { stderr?: unknown }).stderr;
    throw new Error(`qemu-img ${args.join(' ')}: ${typeof stderr === 'string' ? stderr.trim() : String(err)}`, {
      cause: err,
    });
  }
}

/**
 * Drops the backing-format header extension of the qcow2 image `name` in `dir`, so that QEMU probes
 * its backing file (qemu-img 7.2 refuses to create such an image).
 */
export function forgetBackingFormat(dir: string, name: string): void {
  const bytes = readFileSync(join(dir, name));
  const at = bytes.indexOf(Buffer.from([0xe2, 0x79, 0x2a, 0xca]));
  if (at < 0) throw new Error(`forgetBackingFormat: ${name} records no backing format`);
  bytes.writeUInt32BE(0x12345678, at);
  writeFileSync(join(dir, name), bytes);
}
