import { deflateRawSync } from 'node:zlib';
import type { BlockGraph } from '../src/model/index.ts';

/**
 * The `#doc=` fragment of a share link that opens `graph`, packed as the editor packs it
 * (src/editor/persistence/shareLink.ts: JSON, raw deflate, base64url), for journeys that start
 * from a document too large to build by hand.
 */
export function shareFragment(graph: BlockGraph): string {
  return `#doc=${deflateRawSync(Buffer.from(JSON.stringify(graph), 'utf8')).toString('base64url')}`;
}
