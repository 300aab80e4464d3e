import type { JsonObject, JsonValue } from '../json.ts';

/** One QMP command as sent on the wire (`id` and `qmp_capabilities` are dropped by the parser). */
export interface QmpCommand {
  execute: string;
  arguments?: JsonObject;
}

/** QEMU's `error` member: `class` is `GenericError` for nearly everything. */
export interface QmpError {
  class: string;
  desc: string;
}

/** A QMP reply, as QEMU sends it. */
export type QmpReply = { return: unknown } | { error: QmpError };

/** A simulated command's outcome: the new state, or QEMU's error (then nothing changed). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: QmpError };

/** A GenericError reply with QEMU's `desc`. */
export function genericError<T = never>(desc: string): Outcome<T> {
  return { ok: false, error: { class: 'GenericError', desc } };
}

/** A string argument that the QAPI visitor has already checked (empty if absent). */
export function stringArg(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}
