/**
 * Users of a block node that are not nodes: guest devices and exports. In QEMU each owns a
 * BlockBackend whose edge to the node is named `root`. Data, like the driver tables.
 */
export interface FrontendSpec {
  kind: string;
  /** How QEMU creates it: a `-device` / `device_add`, or a `block-export-add`. */
  via: 'device' | 'export';
  /** The device that provides its bus, when a plain PC has none (`No 'SCSI' bus found for device 'scsi-hd'`). */
  controller?: string;
  summary: string;
}

export const FRONTENDS = {
  'virtio-blk-pci': { kind: 'virtio-blk-pci', via: 'device', summary: 'virtio block device (PCI)' },
  'scsi-hd': {
    kind: 'scsi-hd',
    via: 'device',
    summary: 'SCSI disk on a SCSI controller',
    controller: 'virtio-scsi-pci',
  },
  'ide-hd': { kind: 'ide-hd', via: 'device', summary: 'IDE disk' },
  'nbd-export': { kind: 'nbd-export', via: 'export', summary: 'NBD export of a node (block-export-add)' },
} as const satisfies Record<string, FrontendSpec>;

export type FrontendKind = keyof typeof FRONTENDS;

export function frontendSpec(kind: string): FrontendSpec | undefined {
  return Object.hasOwn(FRONTENDS, kind) ? FRONTENDS[kind as FrontendKind] : undefined;
}

/** QOM object types the editor offers; their properties come from QEMU's `object-add` schema. */
export const OBJECT_TYPES = ['throttle-group', 'secret'] as const;
