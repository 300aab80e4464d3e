/**
 * QEMU 7.2's texts for what the block layer refuses while it opens a node, the same whether the
 * node comes from blockdev-add, -blockdev or -drive (checked against qemu-storage-daemon and
 * qemu-system-x86_64).
 */
export const OPEN_TEXT = {
  // blockdev.c: qmp_blockdev_add (and -blockdev)
  rootNodeName: () => "'node-name' must be specified for the root node",
  // block.c: bdrv_open_inherit, bdrv_open_backing_file, bdrv_lookup_bs
  backingOpen: (problem: string) => `Could not open backing file: ${problem}`,
  cannotFind: (ref: string) => `Cannot find device='${ref}' nor node-name='${ref}'`,
  // not QEMU's: QEMU 7.2 has no loop check (a writable image fails on its own image lock, a read-only one never opens)
  backingLoop: (file: string) =>
    `Backing file loop: '${file}' is its own backing file, directly or through others (QEMU 7.2 fails to lock a writable image and never finishes opening a read-only one)`,
  // block.c: bdrv_open_common, bdrv_assign_node_name
  forceShare: () => 'force-share=on can only be used with read-only images',
  detectZeroesUnmap: () => 'setting detect-zeroes to unmap is not allowed without setting discard operation to unmap',
  invalidNodeName: (name: string) => `Invalid node-name: '${name}'`,
  duplicateNodeName: (name: string) => `Duplicate nodes with node-name='${name}'`,
  nodeNameTooLong: () => 'Node name too long',
  // block/file-posix.c: raw_open_common
  noSuchFile: (filename: string) => `Could not open '${filename}': No such file or directory`,
  // block/throttle.c: throttle_parse_options
  noThrottleGroup: (group: string) => `Throttle group '${group}' does not exist`,
} as const;
