/**
 * Where `resolveCommandLine` reads image headers from. The model is pure, so the caller supplies
 * the bytes: the CLI from the filesystem, the editor from files the user dropped.
 */
export interface ImageSource {
  /**
   * The first HEADER_BYTES bytes (fewer for a smaller file) of the file QEMU would open as `path`,
   * or undefined when there is no such file. `path` is exactly what QEMU passes to open(2):
   * relative paths are relative to QEMU's working directory.
   */
  read(path: string): Uint8Array | undefined;
}

/** `a/./b//c` → `a/b/c`: the spellings open(2) treats as one file (`..` is kept). */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return (absolute ? '/' : '') + parts.join('/');
}

/**
 * An ImageSource over a fixed set of files keyed by path, for tests and for the editor.
 *
 * @example imagesFrom({ 'base.qcow2': headerBytes }).read('./base.qcow2') // headerBytes
 */
export function imagesFrom(files: Readonly<Record<string, Uint8Array>>): ImageSource {
  const byPath = new Map(Object.entries(files).map(([path, bytes]) => [normalizePath(path), bytes]));
  return { read: (path) => byPath.get(normalizePath(path)) };
}
