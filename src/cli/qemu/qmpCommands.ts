import type { JsonObject, JsonValue, QmpCommand } from '../../model/index.ts';

/** Builders for the QMP scripts of the differential suites (commands, and blockdev-add options). */
export const add = (args: JsonObject): QmpCommand => ({ execute: 'blockdev-add', arguments: args });
export const del = (name: string): QmpCommand => ({ execute: 'blockdev-del', arguments: { 'node-name': name } });
export const reopen = (...options: JsonObject[]): QmpCommand => ({
  execute: 'blockdev-reopen',
  arguments: { options },
});

/** Options of a null-co node. */
export const nul = (name: string, extra: JsonObject = {}): JsonObject => ({
  driver: 'null-co',
  'node-name': name,
  ...extra,
});
/** Options of a raw node over `file` (a reference or inline options). */
export const raw = (name: string, file: JsonValue, extra: JsonObject = {}): JsonObject => ({
  driver: 'raw',
  'node-name': name,
  file,
  ...extra,
});
/** Options of a file protocol node. */
export const file = (name: string, image: string, extra: JsonObject = {}): JsonObject => ({
  driver: 'file',
  'node-name': name,
  filename: image,
  ...extra,
});
/** Options of a qcow2 node over `fileChild`. */
export const qcow2 = (name: string, fileChild: JsonValue, extra: JsonObject = {}): JsonObject => ({
  driver: 'qcow2',
  'node-name': name,
  file: fileChild,
  ...extra,
});
