import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { HEADER_BYTES, type ImageSource } from '../model/index.ts';

/**
 * Image headers from the filesystem, with relative paths taken from `cwd` as QEMU takes them
 * from its working directory. Only the first HEADER_BYTES bytes of a file are read.
 */
export function fileImages(cwd: string): ImageSource {
  return {
    read(path) {
      const full = isAbsolute(path) ? path : join(cwd, path);
      try {
        if (!statSync(full).isFile()) return undefined;
        const fd = openSync(full, 'r');
        try {
          const buffer = new Uint8Array(HEADER_BYTES);
          return buffer.subarray(0, readSync(fd, buffer, 0, HEADER_BYTES, 0));
        } finally {
          closeSync(fd);
        }
      } catch {
        return undefined;
      }
    },
  };
}
