import {
  emptyGraph,
  layoutLayers,
  simulateQmp,
  type BlockGraph,
  type Diagnostic,
  type ImageSource,
  type QmpCommand,
  type Result,
} from '../model/index.ts';
import { scriptRefusal } from './refusalSite.ts';

/**
 * A QMP script as a document: the state qemu-storage-daemon would end in, laid out for the canvas.
 * A command QEMU would refuse is reported (QEMU's text, at `[INDEX]` of the script) rather than
 * dropped, and the import fails, so that nothing the user wrote is lost silently.
 *
 * @example fromQmpScript([{ execute: 'blockdev-add', arguments: { driver: 'null-co', 'node-name': 'n0' } }])
 */
export function fromQmpScript(commands: readonly QmpCommand[], images?: ImageSource): Result<BlockGraph> {
  const { graph, replies } = simulateQmp(emptyGraph(), commands, images);
  const refused: Diagnostic[] = replies.flatMap((reply, i) =>
    'error' in reply ? [scriptRefusal(commands, i, reply.error.desc)] : [],
  );
  return refused.length > 0 ? { ok: false, diagnostics: refused } : { ok: true, value: layoutLayers(graph) };
}
