import { catalogue } from '../schema/catalogue.ts';
import type { OptionSpec, OptionType } from '../schema/optionTypes.ts';

/**
 * Which flat option keys a node's open consumes: the generic ones (block.c: bdrv_runtime_opts)
 * and the driver's own QAPI members, dotted into structs and lists. Whatever else is left when
 * the node is open is reported (block.c: bdrv_open_inherit, "does not support the option").
 */

/** block.c: bdrv_runtime_opts. */
export const RUNTIME_OPTIONS: ReadonlySet<string> = new Set([
  'node-name',
  'driver',
  'cache.direct',
  'cache.no-flush',
  'read-only',
  'auto-read-only',
  'detect-zeroes',
  'discard',
  'force-share',
]);

function accepts(type: OptionType, rest: readonly string[]): boolean {
  const [head, ...tail] = rest;
  switch (type.kind) {
    case 'struct': {
      if (head === undefined) return false;
      const cases = Object.values(type.struct.union?.cases ?? {}).flat();
      const member = [...type.struct.members, ...cases].find((m) => m.name === head);
      return member !== undefined && accepts(member.type, tail);
    }
    case 'array':
      return head !== undefined && /^[0-9]+$/.test(head) && accepts(type.element, tail);
    case 'alternate':
      return type.choices.some((choice) => accepts(choice, rest));
    case 'child':
      return false;
    case 'any':
      return true;
    default:
      return head === undefined;
  }
}

/** The driver's non-child options, common ones included. */
function optionsOf(driver: string): readonly OptionSpec[] {
  return catalogue.drivers[driver]?.options ?? [];
}

/**
 * True when opening a `driver` node consumes the flat option `key`.
 *
 * @example consumesOption('file', 'filename') // true
 * @example consumesOption('raw', 'serial') // false
 */
export function consumesOption(driver: string, key: string): boolean {
  if (RUNTIME_OPTIONS.has(key)) return true;
  const [head, ...tail] = key.split('.');
  const member = optionsOf(driver).find((m) => m.name === head);
  return member !== undefined && accepts(member.type, tail);
}

/** The child members of a driver, in schema order (`file`, `backing`, `data-file`, `children`…). */
export function childMembers(driver: string): readonly { name: string; required: boolean; list: boolean }[] {
  return catalogue.drivers[driver]?.children ?? [];
}
