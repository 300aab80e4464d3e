import type { Diagnostic } from './diagnostics.ts';

/** The outcome of an edit or a parse: a value, or the diagnostics that explain why not. */
export type Result<T> = { ok: true; value: T } | { ok: false; diagnostics: Diagnostic[] };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(...diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}
