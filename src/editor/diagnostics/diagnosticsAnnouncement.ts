import type { Diagnostic } from '../../model/index.ts';

/**
 * How a count of diagnostics reads.
 *
 * @example diagnosticsCountText(2) // '2 diagnostics'
 */
export function diagnosticsCountText(count: number): string {
  if (count === 0) return 'No diagnostics';
  return count === 1 ? '1 diagnostic' : `${String(count)} diagnostics`;
}

/** What tells two diagnostics apart: code, where, and message. */
function keyOf(d: Diagnostic): string {
  return [d.code, d.node ?? '', d.path ?? '', d.message].join('\u0000');
}

/** How many times each key occurs. */
function counts(list: readonly Diagnostic[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const d of list) map.set(keyOf(d), (map.get(keyOf(d)) ?? 0) + 1);
  return map;
}

/** The diagnostics of `current` that `previous` did not have (as many times), in order. */
export function newDiagnostics(previous: readonly Diagnostic[], current: readonly Diagnostic[]): Diagnostic[] {
  const left = counts(previous);
  return current.filter((d) => {
    const key = keyOf(d);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    return n === 0;
  });
}

/**
 * What a screen reader hears after an edit changed the diagnostics: the count and the first new
 * problem (`2 diagnostics. New: disk: … and 1 more`), or how many went away; undefined when the
 * diagnostics are the same (an edit that changed nothing QEMU would mind says nothing).
 *
 * @example diagnosticsAnnouncement([], [missingFile]) // '1 diagnostic. New: file-1: Missing required option filename'
 */
export function diagnosticsAnnouncement(
  previous: readonly Diagnostic[],
  current: readonly Diagnostic[],
): string | undefined {
  const added = newDiagnostics(previous, current);
  const gone = previous.length + added.length - current.length;
  if (added.length === 0 && gone === 0) return undefined;
  const count = diagnosticsCountText(current.length);
  const first = added[0];
  if (first === undefined) return `${count}. ${String(gone)} fixed`;
  const where = first.node === undefined ? '' : `${first.node}: `;
  const more = added.length > 1 ? ` and ${String(added.length - 1)} more` : '';
  return `${count}. New: ${where}${first.message}${more}`;
}
