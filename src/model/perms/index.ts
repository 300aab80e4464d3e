/** Block permissions as QEMU 7.2 computes them (block.c: bdrv_refresh_perms and the drivers' bdrv_child_perm). */
export type { Perm, PermBits, PermPair, EdgePerms } from './perm.ts';
export { permText, toBits, toPerms } from './perm.ts';
export type { ChildPermInput } from './defaultPerms.ts';
export { defaultPerms } from './defaultPerms.ts';
export type { ChildPermRule, ChildRuleInput, RoleVariant } from './rules.ts';
export { CHILD_PERM_RULES, ROLE_VARIANTS } from './rules.ts';
export { edgeKey } from './edgeSpecs.ts';
export type { Party } from './messages.ts';
export { nodeNamer } from './messages.ts';
export type { PermissionError, PermissionOptions, PermissionUser, Permissions } from './computePermissions.ts';
export { computePermissions } from './computePermissions.ts';
export { USER_RULES, frontendUsers } from './users.ts';
