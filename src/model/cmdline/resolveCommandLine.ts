import { DOCUMENT_VERSION, type BlockGraph, type BlockNode } from '../document.ts';
import { resolveOptions, type EffectiveOptions } from '../inherit/resolveOptions.ts';
import { toResolvedNode, type ResolvedEdge, type ResolvedNode } from '../resolve/resolveDocument.ts';
import { parseArgs, type ParsedArgs } from './args.ts';
import { driveSpec, type DriveAddress } from './driveArgs.ts';
import { givenOptions } from '../open/given.ts';
import type { ImageSource } from '../open/imageSource.ts';
import { openBlockdev, openDrive } from './openBackends.ts';
import { addWarning, newOpenState, OpenError, type OpenState } from '../open/openState.ts';

/** A BlockBackend of a `-drive`, as x-debug-query-block-graph lists it. */
export interface ResolvedBackend {
  'node-name': string;
  type: 'block-backend';
}

/**
 * What QEMU builds from a command line, in the shape of resolveDocument's `Resolved`, plus the
 * BlockBackends (with `root` edges) and what blockgraph noticed on the way.
 */
export interface CommandLineResolved {
  /** QEMU's start-up error (without the `program: -option value: ` prefix), or null. */
  error: string | null;
  nodes: (ResolvedNode | ResolvedBackend)[];
  edges: ResolvedEdge[];
  /** Warnings QEMU prints and starts anyway (short-form booleans…). */
  warnings: string[];
  /** Options and features blockgraph passed over or cannot predict exactly. */
  notes: string[];
}

/** softmmu/vl.c: drive_check_orphaned — drives no device claims (machine `none` claims none). */
function orphans(addresses: readonly DriveAddress[]): string | undefined {
  const unclaimed = addresses.filter((d) => d.ifType !== 'none' && d.ifType !== 'virtio');
  if (unclaimed.length > 0) {
    return unclaimed
      .map((d) => `machine type does not support if=${d.ifType},bus=${String(d.bus)},unit=${String(d.unit)}`)
      .join('\n');
  }
  return addresses.some((d) => d.ifType === 'virtio') ? "No 'PCI' bus found for device 'virtio-blk-pci'" : undefined;
}

/**
 * softmmu/vl.c: qemu_create_early_backends, configure_blockdev (all -blockdev, then all -drive).
 * Returns the structural error that stopped QEMU, if any.
 */
function create(st: OpenState, parsed: ParsedArgs): string | undefined {
  for (const object of parsed.objects) {
    if (st.objects.has(object.id))
      return `attempt to add duplicate property '${object.id}' to object (type 'container')`;
    st.objects.set(object.id, object.qomType);
  }
  try {
    for (const args of parsed.blockdevs) openBlockdev(st, args);
    const addresses: DriveAddress[] = [];
    for (const opts of parsed.drives) {
      const spec = driveSpec(opts, addresses, parsed.snapshot);
      if (!spec.ok) return spec.message;
      addresses.push(spec.value);
      for (const warning of spec.value.warnings) addWarning(st, warning);
      openDrive(st, spec.value);
    }
    return orphans(addresses);
  } catch (err) {
    if (err instanceof OpenError) return err.message;
    throw err;
  }
}

function toGraph(st: OpenState): BlockGraph {
  const nodes: Record<string, BlockNode> = {};
  for (const node of st.nodes.values()) {
    nodes[node.id] = {
      id: node.id,
      driver: node.driver,
      ...(node.nodeName === undefined ? {} : { name: node.nodeName }),
      options: {},
    };
  }
  return {
    blockgraph: DOCUMENT_VERSION,
    nodes,
    links: st.links,
    objects: {},
    frontends: {},
    layout: { positions: {} },
  };
}

function output(
  st: OpenState,
  effective: ReadonlyMap<string, EffectiveOptions>,
): Pick<CommandLineResolved, 'nodes' | 'edges'> {
  const nodes: CommandLineResolved['nodes'] = [...st.nodes.values()].map((n) =>
    toResolvedNode(n.id, n.driver, effective.get(n.id)),
  );
  const edges: ResolvedEdge[] = st.links.map((l) => ({ parent: l.parent, child: l.child, name: l.role }));
  for (const [name, root] of st.backends) {
    nodes.push({ 'node-name': name, type: 'block-backend' });
    if (root !== undefined) edges.push({ parent: name, child: root, name: 'root' });
  }
  return { nodes, edges };
}

interface Simulation {
  st: OpenState;
  effective: ReadonlyMap<string, EffectiveOptions>;
  failure: string | undefined;
  parsed: ParsedArgs;
}

/** Parses and opens everything, then resolves every node's options (resolveOptions). */
function simulate(parsed: ParsedArgs, images: ImageSource): Simulation {
  const st = newOpenState(images);
  const failure = create(st, parsed);
  const effective = resolveOptions(toGraph(st), givenOptions(st.nodes));
  return { st, effective, failure, parsed };
}

/**
 * The effective generic options of every node a command line opens, keyed by the node names
 * resolveCommandLine uses, each with its provenance (explicit, json-filename, inherited, forced,
 * default by -drive or snapshot=on). Empty when the command line does not parse.
 *
 * @example commandLineOptions(['-drive', 'file=a.qcow2,cache=none'], images).get('#none0/root/file')?.['cache.direct']
 *   // { value: true, origin: { kind: 'inherited', from: '#none0/root', role: 'file' } }
 */
export function commandLineOptions(
  args: readonly string[],
  images: ImageSource,
): ReadonlyMap<string, EffectiveOptions> {
  const parsed = parseArgs(args);
  return parsed.ok ? simulate(parsed.value, images).effective : new Map();
}

/**
 * Predicts what `qemu-system-x86_64 -machine none -nodefaults …args` builds: every node with its
 * effective options (through resolveOptions, fed with the explicit, json: and -drive values of
 * each node), every edge, and a BlockBackend per `-drive`; or QEMU's start-up error.
 * Unnamed nodes are called `#PARENT/ROLE`, a drive's root `#DRIVE/root`.
 *
 * @example resolveCommandLine(['-drive', 'file=top.qcow2,if=none,cache=none'], images)
 */
export function resolveCommandLine(args: readonly string[], images: ImageSource): CommandLineResolved {
  const parsed = parseArgs(args);
  if (!parsed.ok) return { error: parsed.message, nodes: [], edges: [], warnings: parsed.warnings, notes: [] };
  const { st, effective, failure } = simulate(parsed.value, images);
  const warnings = [...parsed.value.warnings];
  const notes = [...parsed.value.ignored.map((option) => `${option} is not modelled`), ...st.notes];
  for (const event of [...st.events, { kind: 'error' as const, run: () => failure }]) {
    const text = event.run(effective);
    if (text === undefined) continue;
    if (event.kind === 'warning') warnings.push(text);
    else return { error: text, nodes: [], edges: [], warnings, notes };
  }
  return { error: null, ...output(st, effective), warnings, notes };
}
