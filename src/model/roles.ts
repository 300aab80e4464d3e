import { catalogue } from './schema/catalogue.ts';
import type { ChildMemberSpec } from './schema/buildCatalogue.ts';
import { driverSpec } from './drivers/index.ts';
import type { ChildRoleSpec } from './drivers/defineDriver.ts';

/** A child role split into the driver's QAPI member and, for lists, the index (`children.2`). */
export interface RoleRef {
  member: string;
  index: number | undefined;
}

/** Splits QEMU's edge name: `children.2` → `{member: 'children', index: 2}`, `file` → `{member: 'file'}`. */
export function parseRole(role: string): RoleRef {
  // Most roles (`file`, `backing`) have no index: no need for the pattern.
  if (!role.includes('.')) return { member: role, index: undefined };
  const match = /^(.+)\.(0|[1-9][0-9]*)$/.exec(role);
  if (match?.[1] !== undefined && match[2] !== undefined) return { member: match[1], index: Number(match[2]) };
  return { member: role, index: undefined };
}

/** The QAPI child member behind a role of `driver`, or undefined if the driver has no such child. */
export function childMemberOf(driver: string, role: string): ChildMemberSpec | undefined {
  const { member, index } = parseRole(role);
  const spec = catalogue.drivers[driver]?.children.find((c) => c.name === member);
  if (spec === undefined || spec.list !== (index !== undefined)) return undefined;
  return spec;
}

/** The semantic role (QEMU's BdrvChildRole bits) of a child role of `driver`. */
export function childRoleOf(driver: string, role: string): ChildRoleSpec | undefined {
  return driverSpec(driver)?.children[parseRole(role).member];
}
