import {
  diagnostic,
  frontendSpec,
  isJsonObject,
  ok,
  type BlockGraph,
  type Diagnostic,
  type Frontend,
  type JsonObject,
  type JsonValue,
  type Result,
} from '../model/index.ts';
import { toQmpScript } from './qmpScript.ts';

/** How a `-blockdev` value is written: JSON (the blockdev-add arguments) or keyval (`driver=qcow2,file.driver=file`). */
export type BlockdevForm = 'json' | 'dotted';

/** How `toBlockdevArgs` writes, and where it reports what it could not write as asked. */
export interface BlockdevArgsOptions {
  form: BlockdevForm;
  /** Receives one sentence for everything the arguments leave out or write otherwise than asked. */
  notes?: string[];
}

/** A keyval key fragment (util/keyval.c: parse_qapi_name, at most 127 characters); list indices are separate. */
const KEY_FRAGMENT = /^[A-Za-z][A-Za-z0-9_-]{0,126}$/;

/**
 * The document as QEMU command-line arguments: `-object` per QOM object (always JSON, because
 * qemu-system parses non-JSON `-object` with QemuOpts, which refuses nested properties such as
 * `limits.iops-total`), then `-blockdev` per node no parent defines inline, in the order and
 * nesting of `toQmpScript`, then `-device kind,drive=<node-name>,id=<frontend id>` (QemuOpts, in
 * both forms) per guest-device frontend, after the controller its bus needs.
 *
 * Dotted form: keyval cannot say `null`, `{}` or `[]` (`"backing": null`), nor keys that are not
 * QAPI names. Such a node is written as JSON instead, and `notes` says so; the rest stay dotted.
 *
 * @example toBlockdevArgs(seedSimpleTree(), { form: 'dotted' }) // ok(['-blockdev', 'driver=qcow2,node-name=disk,file.driver=file,…', '-device', 'virtio-blk-pci,drive=disk,id=vda'])
 */
export function toBlockdevArgs(graph: BlockGraph, options: BlockdevArgsOptions): Result<string[]> {
  const script = toQmpScript(graph);
  if (!script.ok) return script;
  const notes = options.notes ?? [];
  const args = script.value.flatMap((command) => {
    const value = command.arguments ?? {};
    if (command.execute === 'object-add') return ['-object', JSON.stringify(value)];
    return ['-blockdev', options.form === 'json' ? JSON.stringify(value) : dottedOrJson(value, notes)];
  });
  const devices = deviceArgs(graph, notes);
  return devices.ok ? ok([...args, ...devices.value]) : devices;
}

function dottedOrJson(options: JsonObject, notes: string[]): string {
  const dotted = toKeyval(options);
  if (dotted.ok) return dotted.value;
  const name = options['node-name'];
  const which = typeof name === 'string' ? `'${name}'` : 'of a node without node-name';
  notes.push(`-blockdev ${which} is written as JSON: keyval cannot express ${dotted.at}`);
  return JSON.stringify(options);
}

/**
 * Options in keyval syntax (util/keyval.c), as `-blockdev` reads them: dotted keys for nested
 * objects, `key.N` for list items, `on`/`off` for booleans, `,,` for a comma inside a value. Fails
 * (naming the key) where keyval has no spelling: `null`, an empty object or list, a key that is not
 * a QAPI name.
 *
 * @example toKeyval({ driver: 'file', filename: 'a,b' }) // { ok: true, value: 'driver=file,filename=a,,b' }
 */
export function toKeyval(options: JsonObject): { ok: true; value: string } | { ok: false; at: string } {
  const items: string[] = [];
  const problem = flatten(options, '', items);
  return problem === undefined ? { ok: true, value: items.join(',') } : { ok: false, at: problem };
}

/** Appends `key=value` items for `value` under `key`; returns a description of what cannot be written, if anything. */
function flatten(value: JsonValue, key: string, items: string[]): string | undefined {
  const where = key === '' ? 'the top level' : `'${key}'`;
  if (value === null) return `null at ${where}`;
  if (!Array.isArray(value) && !isJsonObject(value)) {
    items.push(`${key}=${escapeOptionValue(scalarText(value))}`);
    return undefined;
  }
  const entries: [string, JsonValue][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  if (entries.length === 0) return `an empty ${Array.isArray(value) ? 'list' : 'object'} at ${where}`;
  for (const [fragment, item] of entries) {
    const path = key === '' ? fragment : `${key}.${fragment}`;
    if (!Array.isArray(value) && !KEY_FRAGMENT.test(fragment)) return `the key '${path}'`;
    const problem = flatten(item, path, items);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** A scalar as QemuOpts and keyval spell it: booleans `on`/`off`, numbers in decimal, strings as they are. */
export function scalarText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return String(value);
}

/**
 * A value inside a comma-separated option string (QemuOpts or keyval): each `,` doubled, nothing
 * else changes (`a,b` → `a,,b`). Shell quoting is a separate, later step (`shellQuote`).
 */
export function escapeOptionValue(value: string): string {
  return value.replaceAll(',', ',,');
}

/**
 * What a frontend's `-device …,drive=` names: its root's node-name under `-blockdev`, a
 * BlockBackend id under `-drive`; a Diagnostic when there is nothing to name.
 */
export type DriveOf = (frontend: Frontend, root: string) => string | Diagnostic;

/** `drive=<node-name>` of the frontend's root, as `-blockdev` arguments name it (E205 when unnamed). */
function nodeNameOf(graph: BlockGraph): DriveOf {
  return (frontend, root) =>
    graph.nodes[root]?.name ?? diagnostic('E205', { child: root }, { node: frontend.id, path: 'root' });
}

/**
 * `-device <kind>,drive=<driveOf(frontend)>,id=<frontend id>,<props>` for every guest-device
 * frontend, in document order, each needed controller first. Exports (`block-export-add`) and
 * unconnected frontends are left out with a note.
 */
export function deviceArgs(graph: BlockGraph, notes: string[], driveOf: DriveOf = nodeNameOf(graph)): Result<string[]> {
  const args: string[] = [];
  const problems: Diagnostic[] = [];
  const controllers = new Set<string>();
  for (const frontend of Object.values(graph.frontends)) {
    const spec = frontendSpec(frontend.kind);
    if (spec?.via !== 'device') {
      notes.push(`frontend '${frontend.id}' (${frontend.kind}) is not a -device: left out`);
      continue;
    }
    if (frontend.root === null) {
      notes.push(`frontend '${frontend.id}' is not connected to a node: left out`);
      continue;
    }
    const name = driveOf(frontend, frontend.root);
    if (typeof name !== 'string') {
      problems.push(name);
      continue;
    }
    const controller = frontendSpec(frontend.kind)?.controller;
    if (controller !== undefined && !controllers.has(controller)) {
      controllers.add(controller);
      args.push('-device', controller);
    }
    args.push('-device', deviceOptions(frontend, name, problems));
  }
  return problems.length > 0 ? { ok: false, diagnostics: problems } : ok(args);
}

/** One `-device` value in QemuOpts syntax; a non-scalar property is reported, since qdev properties are flat. */
function deviceOptions(frontend: Frontend, nodeName: string, problems: Diagnostic[]): string {
  const items = [frontend.kind, `drive=${escapeOptionValue(nodeName)}`, `id=${escapeOptionValue(frontend.id)}`];
  for (const [key, value] of Object.entries(frontend.props)) {
    if (value === null || typeof value === 'object') {
      const expected = 'a string, number or boolean';
      problems.push(diagnostic('E302', { option: key, expected }, { node: frontend.id, path: `props.${key}` }));
      continue;
    }
    items.push(`${key}=${escapeOptionValue(scalarText(value))}`);
  }
  return items.join(',');
}
