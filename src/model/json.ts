/** A JSON value, as QMP sends and receives it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `options` with the value at `path` (`['cache', 'direct']`) replaced, or removed when
 * `value` is undefined; objects on the way are copied, never changed, and an object left empty by a
 * removal goes too. The same object when nothing changes.
 *
 * @example withValueAt({ cache: { direct: true } }, ['cache', 'direct'], undefined) // {}
 */
export function withValueAt(options: JsonObject, path: readonly string[], value: JsonValue | undefined): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined) return options;
  const current = options[head];
  let next: JsonValue | undefined;
  if (rest.length === 0) {
    next = value;
  } else {
    const inner = withValueAt(isJsonObject(current) ? current : {}, rest, value);
    next = Object.keys(inner).length === 0 ? undefined : inner;
  }
  if (next === current || (next !== undefined && JSON.stringify(next) === JSON.stringify(current))) return options;
  if (next !== undefined) return { ...options, [head]: next };
  return Object.fromEntries(Object.entries(options).filter(([key]) => key !== head));
}
