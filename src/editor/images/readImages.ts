import { HEADER_BYTES } from '../../model/index.ts';

/**
 * Reads only the first `HEADER_BYTES` of each file (all `probeImage` and the open simulation need),
 * keyed by the file's name: dropped files count as sitting in QEMU's working directory.
 */
export async function readImageHeaders(files: Iterable<File>): Promise<Record<string, Uint8Array>> {
  const entries = await Promise.all(
    Array.from(
      files,
      async (file) => [file.name, new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer())] as const,
    ),
  );
  return Object.fromEntries(entries);
}
