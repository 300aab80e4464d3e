import { diagnostic } from '../diagnostics.ts';
import type { BlockGraph } from '../document.ts';
import { isJsonObject, withValueAt, type JsonObject, type JsonValue } from '../json.ts';
import { fail, ok, type Result } from '../result.ts';
import { catalogue } from '../schema/catalogue.ts';
import { checkValue, membersOf } from '../schema/checkValue.ts';
import type { OptionType, StructSpec } from '../schema/optionTypes.ts';

export interface SetOptionArgs {
  node: string;
  /** Option path as QAPI nests it: `['cache', 'direct']`, `['filename']`. */
  path: readonly string[];
  /** The new value, or undefined to remove the option (QEMU's default then applies). */
  value: JsonValue | undefined;
}

/**
 * Sets or clears one option of a node, checked against the driver's QAPI schema.
 * Returns the same document when nothing changes.
 *
 * @example setOption(graph, { node: 'disk0', path: ['cache', 'direct'], value: true })
 */
export function setOption(graph: BlockGraph, args: SetOptionArgs): Result<BlockGraph> {
  const node = graph.nodes[args.node];
  if (node === undefined) return fail(diagnostic('E103', { id: args.node }, { path: 'node' }));
  const driver = catalogue.drivers[node.driver];
  if (driver === undefined) return fail(diagnostic('E101', { driver: node.driver }, { node: args.node }));
  const dotted = args.path.join('.');
  const type = optionType({ members: driver.options }, node.options, args.path);
  if (type === undefined) {
    return fail(diagnostic('E301', { option: dotted }, { node: args.node, path: dotted }));
  }
  if (type.kind === 'child' && args.value !== null) {
    return fail(diagnostic('E303', { option: dotted }, { node: args.node, path: dotted }));
  }
  if (args.value !== undefined) {
    const problems = checkValue(type, args.value, { node: args.node, driver: node.driver, path: dotted });
    if (problems.length > 0) return { ok: false, diagnostics: problems };
  }
  const options = withValueAt(node.options, args.path, args.value);
  if (options === node.options) return ok(graph);
  return ok({ ...graph, nodes: { ...graph.nodes, [args.node]: { ...node, options } } });
}

/** Follows a path through nested structs (and the union case their tags select). */
function optionType(struct: StructSpec, value: JsonObject, path: readonly string[]): OptionType | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const member = membersOf(struct, value).find((m) => m.name === head);
  if (member === undefined || rest.length === 0) return member?.type;
  if (member.type.kind !== 'struct') return undefined;
  const inner = value[head];
  return optionType(member.type.struct, isJsonObject(inner) ? inner : {}, rest);
}
