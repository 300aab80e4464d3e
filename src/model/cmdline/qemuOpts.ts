import { isWellFormedId } from '../names.ts';

/**
 * QEMU's QemuOpts syntax (util/qemu-option.c), used by `-drive` and `-object`: `key=value`
 * items separated by `,`, where `,,` in a value is a literal comma.
 */

/** One `key=value` item, in command-line order. */
export interface QemuOpt {
  key: string;
  value: string;
  /** Written as a short-form boolean (`readonly`, `noreadonly`), deprecated since QEMU 6.0. */
  shortForm?: true;
}

/** What `parseQemuOpts` found: the options in order, the `id` (first occurrence) and warnings. */
export interface QemuOpts {
  id: string | undefined;
  opts: QemuOpt[];
  warnings: string[];
}

/** The parsed options, or QEMU's error. */
export type QemuOptsResult = { ok: true; value: QemuOpts } | { ok: false; message: string };

const ID_HINT = "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.";

/** util/qemu-option.c: get_opt_value — the value up to a single comma, `,,` unescaped. */
function optValue(text: string, from: number): { value: string; next: number } {
  let value = '';
  let at = from;
  while (at < text.length) {
    const ch = text[at] as string;
    if (ch === ',') {
      if (text[at + 1] !== ',') break;
      at++;
    }
    value += ch;
    at++;
  }
  return { value, next: at < text.length ? at + 1 : at };
}

/** util/qemu-option.c: get_opt_name_value for one item; `implied` names a value-only first item. */
function nameValue(text: string, from: number, implied: string | undefined): { opt: QemuOpt; next: number } {
  const rest = text.slice(from);
  const len = rest.search(/[=,]/) < 0 ? rest.length : rest.search(/[=,]/);
  if (rest[len] === '=') {
    const { value, next } = optValue(text, from + len + 1);
    return { opt: { key: rest.slice(0, len), value }, next };
  }
  if (implied !== undefined) {
    const { value, next } = optValue(text, from);
    return { opt: { key: implied, value }, next };
  }
  const name = rest.slice(0, len);
  const next = from + len + (rest[len] === ',' ? 1 : 0);
  if (name.startsWith('no')) return { opt: { key: name.slice(2), value: 'off', shortForm: true }, next };
  return { opt: { key: name, value: 'on', shortForm: true }, next };
}

/**
 * Parses a QemuOpts string. The `id` key is taken out (its first occurrence, as
 * util/qemu-option.c: opts_parse_id does) and checked; every other item is kept in order, so
 * that a caller can let the last duplicate win (qemu_opt_get finds the last one).
 *
 * The semantics doc (§4.1) says the last duplicate wins; for `id` QEMU 7.2 takes the first:
 * `-drive if=none,id=a,id=b,driver=null-co` creates BlockBackend `a` (drive.differential.test.ts).
 *
 * @example parseQemuOpts('file=my,,disk.qcow2,if=none,readonly')
 *   // ok: opts file='my,disk.qcow2', if='none', readonly='on' (short form, warning)
 */
export function parseQemuOpts(text: string, impliedKey?: string): QemuOptsResult {
  const opts: QemuOpt[] = [];
  const warnings: string[] = [];
  let id: string | undefined;
  for (let at = 0, first = true; at < text.length; first = false) {
    const { opt, next } = nameValue(text, at, first ? impliedKey : undefined);
    at = next;
    if (opt.key === 'id') {
      id ??= opt.value;
      continue;
    }
    if (opt.shortForm) warnings.push(shortFormWarning(opt));
    opts.push(opt);
  }
  if (id !== undefined && !isWellFormedId(id)) {
    return { ok: false, message: `Parameter 'id' expects an identifier\n${ID_HINT}` };
  }
  return { ok: true, value: { id, opts, warnings } };
}

function shortFormWarning(opt: QemuOpt): string {
  const prefix = opt.value === 'off' ? 'no' : '';
  return `warning: short-form boolean option '${prefix}${opt.key}' deprecated\nPlease use ${opt.key}=${opt.value} instead`;
}

/** The value QemuOpts returns for `key`: the last occurrence wins. */
export function lastValue(opts: readonly QemuOpt[], key: string): string | undefined {
  for (let i = opts.length - 1; i >= 0; i--) if (opts[i]?.key === key) return opts[i]?.value;
  return undefined;
}

/** qapi/qapi-util.c: qapi_bool_parse — undefined when `value` is not a boolean word. */
export function parseBool(value: string): boolean | undefined {
  if (['on', 'yes', 'true', 'y'].includes(value)) return true;
  if (['off', 'no', 'false', 'n'].includes(value)) return false;
  return undefined;
}

/** The error QemuOpts and the keyval visitor give for a bad boolean. */
export function boolError(key: string): string {
  return `Parameter '${key}' expects 'on' or 'off'`;
}
