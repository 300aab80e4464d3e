import { isJsonObject, type JsonObject } from '../json.ts';
import { catalogue } from '../schema/catalogue.ts';
import { parseKeyval } from './keyval.ts';
import { visitBlockdev, visitStructArgs } from '../qapi/qapiVisit.ts';
import { parseQemuOpts, type QemuOpts } from './qemuOpts.ts';
import { parseQemuJson } from '../qapi/qjson.ts';

/**
 * The parse phase of softmmu/vl.c: qemu_init — every option is parsed in command-line order
 * (and refused there if malformed); nothing is created yet.
 */
export interface ParsedArgs {
  drives: QemuOpts[];
  /** `-blockdev` arguments, already checked and typed against BlockdevOptions. */
  blockdevs: JsonObject[];
  objects: { qomType: string; id: string; json: boolean }[];
  /** `-snapshot`: snapshot=on for every drive that does not say otherwise. */
  snapshot: boolean;
  warnings: string[];
  /** Options blockgraph does not model (they do not change the block graph it predicts). */
  ignored: string[];
}

/** The parsed options, or QEMU's error for the first malformed one (with the warnings printed before it). */
export type ParseArgsResult = { ok: true; value: ParsedArgs } | { ok: false; message: string; warnings: string[] };

/** Options without an argument that blockgraph passes over. */
export const FLAGS: ReadonlySet<string> = new Set([
  '-nodefaults',
  '-S',
  '-nographic',
  '-no-reboot',
  '-no-shutdown',
  '-enable-kvm',
  '-no-user-config',
  '-daemonize',
]);

/** softmmu/vl.c: -hda…-hdd and -cdrom are drive_add(IF_DEFAULT, index, file, "media=…"). */
export const DRIVE_SHORTCUTS: Readonly<Record<string, { index: number; media: string }>> = {
  '-hda': { index: 0, media: 'disk' },
  '-hdb': { index: 1, media: 'disk' },
  '-hdc': { index: 2, media: 'disk' },
  '-hdd': { index: 3, media: 'disk' },
  '-cdrom': { index: 2, media: 'cdrom' },
};

class ArgError extends Error {}

function parseDrive(text: string, out: ParsedArgs): QemuOpts {
  const parsed = parseQemuOpts(text);
  if (!parsed.ok) throw new ArgError(parsed.message);
  const { id } = parsed.value;
  if (id !== undefined && out.drives.some((d) => d.id === id)) throw new ArgError(`Duplicate ID '${id}' for drive`);
  out.warnings.push(...parsed.value.warnings);
  return parsed.value;
}

/** softmmu/vl.c, QEMU_OPTION_blockdev: JSON when it starts with `{`, else keyval with implied `driver`. */
export function parseBlockdevArg(text: string): { ok: true; value: JsonObject } | { ok: false; message: string } {
  if (text.startsWith('{')) {
    const json = parseQemuJson(text);
    if (!json.ok) return json;
    return visitBlockdev(isJsonObject(json.value) ? json.value : {}, 'json');
  }
  const keyval = parseKeyval(text, 'driver');
  return keyval.ok ? visitBlockdev(keyval.value, 'keyval') : keyval;
}

/** softmmu/vl.c: object_option_parse — JSON through the QAPI visitor, else QemuOpts and the opts visitor. */
function parseObject(text: string, out: ParsedArgs): ParsedArgs['objects'][number] {
  const args = catalogue.commandArguments('object-add');
  if (text.startsWith('{')) {
    const json = parseQemuJson(text);
    if (!json.ok) throw new ArgError(json.message);
    const checked =
      args === undefined
        ? { ok: true as const, value: {} }
        : visitStructArgs(args, isJsonObject(json.value) ? json.value : {}, 'json');
    if (!checked.ok) throw new ArgError(checked.message);
    const { 'qom-type': qomType, id } = checked.value;
    return { qomType: typeof qomType === 'string' ? qomType : '', id: typeof id === 'string' ? id : '', json: true };
  }
  const parsed = parseQemuOpts(text, 'qom-type');
  if (!parsed.ok) throw new ArgError(parsed.message);
  const { id, opts } = parsed.value;
  if (id !== undefined && out.objects.some((o) => !o.json && o.id === id))
    throw new ArgError(`Duplicate ID '${id}' for object`);
  const qomType = opts.find((o) => o.key === 'qom-type')?.value;
  if (qomType === undefined) throw new ArgError("Parameter 'qom-type' is missing");
  const members = args?.union?.cases[qomType];
  if (members === undefined) throw new ArgError(`Parameter 'qom-type' does not accept value '${qomType}'`);
  if (id === undefined) throw new ArgError("Parameter 'id' is missing");
  const unknown = opts.find(
    (o) => o.key !== 'qom-type' && !members.some((m) => m.name === o.key && m.type.kind !== 'struct'),
  );
  if (unknown !== undefined) throw new ArgError(`Invalid parameter '${unknown.key}'`);
  return { qomType, id, json: false };
}

/** One option and its argument; returns how many words it used. */
function parseOption(args: readonly string[], i: number, out: ParsedArgs): number {
  const option = (args[i] as string).replace(/^--/, '-');
  if (option === '-snapshot') out.snapshot = true;
  if (option === '-snapshot' || FLAGS.has(option)) return 1;
  const value = args[i + 1];
  if (value === undefined) throw new ArgError('requires an argument');
  const shortcut = Object.hasOwn(DRIVE_SHORTCUTS, option) ? DRIVE_SHORTCUTS[option] : undefined;
  if (option === '-drive') out.drives.push(parseDrive(value, out));
  else if (shortcut !== undefined)
    out.drives.push({ id: undefined, opts: shortcutOpts(shortcut, value), warnings: [] });
  else if (option === '-blockdev') {
    const parsed = parseBlockdevArg(value);
    if (!parsed.ok) throw new ArgError(parsed.message);
    out.blockdevs.push(parsed.value);
  } else if (option === '-object') out.objects.push(parseObject(value, out));
  else out.ignored.push(option);
  return 2;
}

function shortcutOpts(shortcut: { index: number; media: string }, file: string): QemuOpts['opts'] {
  return [
    { key: 'media', value: shortcut.media },
    { key: 'index', value: String(shortcut.index) },
    { key: 'file', value: file },
  ];
}

/**
 * Parses a QEMU command line (without the program name) as qemu_init's option loop does.
 *
 * @example parseArgs(['-drive', 'file=a.qcow2,if=none']) // { ok: true, value: { drives: [ … ], … } }
 */
export function parseArgs(args: readonly string[]): ParseArgsResult {
  const out: ParsedArgs = { drives: [], blockdevs: [], objects: [], snapshot: false, warnings: [], ignored: [] };
  try {
    for (let i = 0; i < args.length;) {
      const arg = args[i] as string;
      if (arg.startsWith('-')) i += parseOption(args, i, out);
      else {
        // softmmu/vl.c: a word that is not an option is a disk image, as with -hda.
        out.drives.push({ id: undefined, opts: shortcutOpts({ index: 0, media: 'disk' }, arg), warnings: [] });
        i++;
      }
    }
    return { ok: true, value: out };
  } catch (err) {
    if (err instanceof ArgError) return { ok: false, message: err.message, warnings: out.warnings };
    throw err;
  }
}
