import { judgeScript, toQmpScript } from '../../export/index.ts';
import {
  formatDiagnostic,
  resolveCommandLine,
  type BlockGraph,
  type CommandLineResolved,
  type ImageSource,
  type Resolved,
} from '../../model/index.ts';

/**
 * The part of what QEMU builds that an imported command line must keep: every block node's
 * effective options (drv, ro, cache.direct, cache.no-flush, detect_zeroes) and every edge between
 * block nodes, with node names made comparable: an unnamed `-drive` root is `#ID/root` for
 * resolveCommandLine and `ID` in the imported document (which names it after its drive), so
 * `#ID/root/file` there is `#ID/file` here.
 */
export interface GraphSummary {
  error: string | null;
  nodes: Record<string, string>;
  edges: string[];
}

function nodeText(node: Resolved['nodes'][number]): string {
  return `${node.drv} ro=${String(node.ro)} direct=${String(node.cache.direct)} no-flush=${String(node.cache['no-flush'])} dz=${node.detect_zeroes}`;
}

function summary(error: string | null, resolved: Pick<Resolved, 'nodes' | 'edges'>, rename = (n: string) => n) {
  const nodes: Record<string, string> = {};
  for (const node of resolved.nodes) nodes[rename(node['node-name'])] = nodeText(node);
  const edges = resolved.edges
    .map((e) => `${rename(e.parent)} -${e.name}-> ${rename(e.child)}`)
    .sort((a, b) => a.localeCompare(b));
  return { error, nodes, edges };
}

/** resolveCommandLine's view without BlockBackends and their `root` edges, drive roots renamed. */
export function commandLineSummary(resolved: CommandLineResolved): GraphSummary {
  const backends = new Set(resolved.nodes.filter((n) => n.type === 'block-backend').map((n) => n['node-name']));
  const rename = (name: string): string => {
    const match = /^#([^/]+)\/root(\/.*)?$/.exec(name);
    if (match?.[1] === undefined || !backends.has(match[1])) return name;
    return match[2] === undefined ? match[1] : `#${match[1]}${match[2]}`;
  };
  const nodes = resolved.nodes.filter((n): n is Resolved['nodes'][number] => n.type === 'block-driver');
  const edges = resolved.edges.filter((e) => !backends.has(e.parent));
  return summary(resolved.error, { nodes, edges }, rename);
}

/**
 * What the imported document resolves to: its QMP script run by the simulated
 * qemu-storage-daemon over `images` (so that backing files named in image headers are opened as
 * for the command line), then resolveDocument.
 */
export function documentSummary(doc: BlockGraph, images: ImageSource): GraphSummary {
  const script = toQmpScript(doc);
  if (!script.ok) return { error: script.diagnostics.map(formatDiagnostic).join('\n'), nodes: {}, edges: [] };
  const { resolved } = judgeScript(script.value, images);
  return summary(resolved.error, resolved);
}

/** Both views of one command line and its import, for `expect(document).toEqual(commandLine)`. */
export function importSummaries(
  words: readonly string[],
  doc: BlockGraph,
  images: ImageSource,
): { commandLine: GraphSummary; document: GraphSummary } {
  return { commandLine: commandLineSummary(resolveCommandLine(words, images)), document: documentSummary(doc, images) };
}
