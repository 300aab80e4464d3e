import {
  emptyGraph,
  resolveDocument,
  simulateQmp,
  validateDocument,
  type BlockGraph,
  type Diagnostic,
  type ImageSource,
  type QmpCommand,
  type QmpReply,
  type Resolved,
} from '../model/index.ts';
import { toQmpScript } from './qmpScript.ts';
import { refusalDiagnostic } from './refusalSite.ts';

/** What QEMU does with a QMP script: its reply to each command, and the graph it ends with. */
export interface Verdict {
  commands: QmpCommand[];
  replies: QmpReply[];
  /** The state after the last command, as `blockgraph resolve` prints it. */
  resolved: Resolved;
}

/**
 * Runs a QMP script through the simulation of qemu-storage-daemon. As in QMP, a refused command
 * changes nothing and later ones still run; `resolved.error` is the first refusal's text. With
 * `images` (what the daemon's working directory holds), drivers read their images and backing
 * files named in image headers are opened and resolved too.
 */
export function judgeScript(commands: readonly QmpCommand[], images?: ImageSource): Verdict {
  const { graph, replies, given } = simulateQmp(emptyGraph(), commands, images);
  const resolved = resolveDocument(graph, given);
  const refused = replies.find((reply) => 'error' in reply);
  return {
    commands: [...commands],
    replies,
    resolved: { ...resolved, error: refused?.error.desc ?? null },
  };
}

/**
 * Everything wrong with a document, as the schema and QEMU see it: the schema checks of
 * `validateDocument`, then QEMU's refusal of any command of its exported script (message in QEMU's
 * words, code E500), pinned to the node and option it is about (refusalDiagnostic).
 */
export function checkDocument(graph: BlockGraph): Diagnostic[] {
  const schema = validateDocument(graph);
  if (schema.length > 0) return schema;
  const script = toQmpScript(graph);
  if (!script.ok) return script.diagnostics;
  const { replies } = simulateQmp(emptyGraph(), script.value);
  return replies.flatMap((reply, i) => {
    const command = script.value[i];
    return 'error' in reply && command !== undefined ? [refusalDiagnostic(graph, command, reply.error.desc)] : [];
  });
}
