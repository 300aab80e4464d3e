/**
 * What QEMU knows about a driver that its QAPI schema does not say. Option names, types, enums and
 * required-ness come from the schema (`catalogue`); this table adds the kind of node and the role
 * each child plays. Shared code asks these structural questions and never tests a driver's name.
 */
export type DriverCategory = 'protocol' | 'format' | 'filter' | 'other';

/**
 * QEMU's `BdrvChildRole` bits (include/block/block-common.h). `image` is QEMU's
 * BDRV_CHILD_IMAGE = data | metadata | primary.
 */
export type RoleFlag = 'data' | 'metadata' | 'filtered' | 'cow' | 'primary';

/** The role a child member plays for its parent (block.c: bdrv_open_file_child and the drivers' open functions). */
export interface ChildRoleSpec {
  flags: readonly RoleFlag[];
  /** When the flags depend on the parent's options, what changes them (raw's offset/size, qcow2's data-file). */
  variesWith?: string;
}

export interface DriverSpec {
  /** QEMU's name (`BlockdevDriver` enum). */
  name: string;
  category: DriverCategory;
  /** One line for the palette and inspector. */
  summary: string;
  /** Keyed by QAPI member name; must list exactly the schema's child-link members. */
  children: Readonly<Record<string, ChildRoleSpec>>;
  /** `BlockDriver.supports_backing`: may be the overlay of a backing chain. */
  supportsBacking: boolean;
  /** Refuses read-write opening ("Image is read-only", curl's "does not support writes"). */
  readOnly: boolean;
  /**
   * The list child that `x-blockdev-change` adds to and removes from at run time
   * (`BlockDriver.bdrv_add_child`/`bdrv_del_child`); only quorum has one in QEMU 7.2.
   */
  changeableChildren?: string;
  /**
   * The option naming the host file whose byte-range locks the node takes, one per permission it
   * holds and one per permission it does not share, unless its `locking` option is off
   * (block/file-posix.c: raw_apply_lock_bytes, raw_check_lock_bytes).
   */
  locksFileNamedBy?: string;
}

type DriverInput = Omit<DriverSpec, 'supportsBacking' | 'readOnly' | 'children'> &
  Partial<Pick<DriverSpec, 'supportsBacking' | 'readOnly' | 'children'>>;

/** Declares a driver table with the usual defaults (no children, no backing, writable). */
export function defineDriver<const T extends DriverInput>(input: T): DriverSpec & { name: T['name'] } {
  return { children: {}, supportsBacking: false, readOnly: false, ...input };
}

/** BDRV_CHILD_IMAGE: the `file` child of a format driver. */
export const IMAGE: readonly RoleFlag[] = ['data', 'metadata', 'primary'];
/** FILTERED | PRIMARY: the one child of a filter. */
export const FILTERED_PRIMARY: readonly RoleFlag[] = ['filtered', 'primary'];
/** BDRV_CHILD_COW: a backing child. */
export const COW: readonly RoleFlag[] = ['cow'];
/** BDRV_CHILD_DATA. */
export const DATA: readonly RoleFlag[] = ['data'];
