import { OPEN_TEXT } from '../open/openText.ts';
import { QAPI_TEXT } from '../qapi/messages.ts';

/**
 * QEMU 7.2's error texts for the QMP commands blockgraph simulates, each checked against
 * qemu-storage-daemon (see src/cli/qemu/qmp.differential.test.ts). The `desc` of an error reply.
 */
export const QEMU_TEXT = {
  ...QAPI_TEXT,
  ...OPEN_TEXT,
  // QMP dispatcher (qapi/qmp-dispatch.c)
  commandNotFound: (command: string) => `The command ${command} has not been found`,
  alreadyNegotiated: () => 'Capabilities negotiation is already complete, command ignored',
  // blockdev.c: qmp_blockdev_add, qmp_blockdev_del
  nodeNotFound: (name: string) => `Failed to find node with node-name='${name}'`,
  nodeInUseByBackend: (name: string) => `Node ${name} is in use`,
  notMonitorOwned: (name: string) => `Node ${name} is not owned by the monitor`,
  blockDeviceInUse: (name: string) => `Block device ${name} is in use`,
  busyAsBacking: (name: string, parent: string) => `Node '${name}' is busy: node is used as backing hd of '${parent}'`,
  // block/quorum.c: quorum_open, quorum_valid_threshold
  quorumNoChildren: () => 'Number of provided children must be 1 or more',
  quorumThresholdLow: () => "Parameter 'vote-threshold' expects a value >= 1",
  quorumThresholdHigh: () => 'threshold may not exceed children count',
  quorumBlkverify: () => 'blkverify=on can only be set if there are exactly two files and vote-threshold is 2',
  sectorCountEio: () => 'Could not refresh total sector count: Input/output error',
  quorumRewrite: () => 'rewrite-corrupted=on cannot be used with blkverify=on',
  // qom/object_interfaces.c: user_creatable_add_type, user_creatable_del; qom/object.c
  notAnIdentifier: () => "Parameter 'id' expects an identifier",
  duplicateObject: (id: string) => `attempt to add duplicate property '${id}' to object (type 'container')`,
  objectNotFound: (id: string) => `object '${id}' not found`,
  objectInUse: (id: string) => `object '${id}' is in use, can not be deleted`,
  // crypto/secret.c, crypto/secret_common.c, util/base64.c
  secretBoth: () => "'file' and 'data' are mutually exclusive",
  secretNeither: () => "Either 'file' or 'data' must be provided",
  base64Invalid: () => 'Base64 data contains invalid characters',
  // blockdev.c: external_snapshot_prepare
  overlayInUse: () => 'The overlay is already in use',
  overlayIsFilter: () => 'Filters cannot be used as overlays',
  overlayHasBacking: () => 'The overlay already has a backing image',
  overlayNoBacking: () => 'The overlay does not support backing images',
  // block.c: bdrv_attach_child_noperm
  // blockdev.c: qmp_blockdev_reopen; block.c: bdrv_reopen_prepare, bdrv_reset_options_allowed,
  // bdrv_reopen_parse_file_or_backing, bdrv_set_file_or_backing_noperm; block/throttle.c
  readOnlyUsers: (node: string) => `Read-only block node '${node}' cannot support read-write users`,
  reopenNoNodeName: () => 'node-name not specified',
  cannotReset: (option: string) => `Option '${option}' cannot be reset to its default value`,
  cannotReopen: (driver: string, node: string) =>
    `Block format '${driver}' used by node '${node}' does not support reopening files`,
  cannotChange: (option: string) => `Cannot change the option '${option}'`,
  backingMissing: (node: string) => `backing is missing for '${node}'`,
  reopenNotFound: (ref: string) => `Cannot find device='' nor node-name='${ref}'`,
  fileToFormat: () => 'Cannot set file child to format node without file child',
  noThrottleGroup: (group: string) => `Throttle group '${group}' does not exist`,
  // blockdev.c: qmp_x_blockdev_change; block.c: bdrv_add_child, bdrv_del_child; block/quorum.c
  changeEither: () => 'Either child or node must be specified',
  changeConflict: () => 'The parameters child and node are in conflict',
  changeNodeNotFound: (name: string) => `Node '${name}' not found`,
  changeNoAdd: (name: string) => `The node ${name} does not support adding a child`,
  changeNoDel: (name: string) => `The node ${name} does not support removing a child`,
  changeHasParent: (name: string) => `The node ${name} already has a parent`,
  changeNoChild: (parent: string, child: string) => `Node '${parent}' does not have child '${child}'`,
  changeBlkverify: () => 'Cannot add a child to a quorum in blkverify mode',
  changeBelowThreshold: (threshold: number) =>
    `The number of children cannot be lower than the vote threshold ${String(threshold)}`,
  cycle: (child: string, role: string, parent: string) =>
    `Making '${child}' a ${role} child of '${parent}' would create a cycle`,
} as const;
