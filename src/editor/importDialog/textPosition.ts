/**
 * The offset in `text` of a 1-based line and column, as the importers count them (model's
 * `lineColumn`: lines end at `\n`, columns are UTF-16 code units): where to put the caret to show
 * a diagnostic. A line or column past the end is clamped to the end of the text or of that line.
 *
 * @example offsetAt('ab\ncd', 2, 2) // 4
 */
export function offsetAt(text: string, line: number, column: number): number {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const newline = text.indexOf('\n', start);
    if (newline < 0) return text.length;
    start = newline + 1;
  }
  const end = text.indexOf('\n', start);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(start + Math.max(0, column - 1), lineEnd);
}
