import ELK from 'elkjs/lib/elk.bundled.js';
import { positionsOf } from './elkGraph.ts';
import type { LayoutReply, LayoutRequest } from './layoutProtocol.ts';

/** The parts of a dedicated worker's global scope this worker uses (the app is typed with the DOM's, not the worker's, lib). */
interface WorkerScope {
  onmessage: unknown;
  addEventListener: (type: 'message', listener: (event: MessageEvent<LayoutRequest>) => void) => void;
  postMessage: (reply: LayoutReply) => void;
}

const scope = globalThis as unknown as WorkerScope;
// ELK's bundle, loaded in a worker, answers ELK's own messages on `onmessage`: this worker speaks its own protocol instead.
scope.onmessage = null;

const elk = new ELK();

/** Lays out each graph the page sends with ELK, off the page's thread, and answers with the node positions. */
scope.addEventListener('message', (event) => {
  const { id, graph } = event.data;
  elk.layout(graph).then(
    (laid) => {
      scope.postMessage({ id, ok: true, positions: positionsOf(laid) });
    },
    (error: unknown) => {
      scope.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
    },
  );
});
