import type { Connection, Handle, ReactFlowProps } from '@xyflow/react';
import { create } from 'zustand';
import type { BlockGraph } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import {
  applyPlan,
  judgeConnection,
  planConnection,
  type ConnectionEnds,
  type Judgement,
  type MovingLink,
} from './connectionRules.ts';
import type { FlowNode, RoleFlowEdge } from './flowTypes.ts';

/** The child link whose end is being dragged (React Flow's edge reconnection), or null. UI state only. */
export const useMovingLink = create<{ moving: MovingLink | null }>(() => ({ moving: null }));

/** The React Flow callbacks for drawing and moving edges. */
export type ConnectionHandlers = Required<
  Pick<
    ReactFlowProps<FlowNode, RoleFlowEdge>,
    'isValidConnection' | 'onConnect' | 'onConnectEnd' | 'onReconnect' | 'onReconnectStart' | 'onReconnectEnd'
  >
>;

/**
 * The connection rules while dragging: a drop is valid exactly when the model's edit accepts it
 * (`judgeConnection`); a valid drop goes through the store as one change (a new link, a moved link,
 * a frontend's root); a refused drop leaves the document alone and puts the model's reason in the
 * store's last error (shown by the error alert). The callbacks read the stores when called, so they
 * never change identity.
 */
export const CONNECTION_HANDLERS: ConnectionHandlers = {
  isValidConnection: (edge) => judged(useEditorStore.getState().document, edge)?.result.ok ?? false,
  onConnect: (connection: Connection) => {
    const plan = planConnection(useEditorStore.getState().document, connection, useMovingLink.getState().moving);
    if (plan !== undefined) applyPlan(useEditorStore.getState(), plan);
  },
  onConnectEnd: (_event, state) => {
    if (state.isValid !== false) return;
    const ends = endsOf(state);
    const judgement = ends === undefined ? undefined : judged(useEditorStore.getState().document, ends);
    // The store refuses the same plan with the same diagnostics, and shows them.
    if (judgement !== undefined && !judgement.result.ok) applyPlan(useEditorStore.getState(), judgement.plan);
  },
  onReconnectStart: (_event, edge) => {
    const kind = edge.data?.kind;
    const moving =
      kind === 'inline' || kind === 'reference' ? { parent: edge.source, role: edge.data?.role ?? '' } : null;
    useMovingLink.setState({ moving });
  },
  onReconnect: (_oldEdge, connection) => {
    const plan = planConnection(useEditorStore.getState().document, connection, useMovingLink.getState().moving);
    if (plan !== undefined) applyPlan(useEditorStore.getState(), plan);
  },
  onReconnectEnd: () => {
    useMovingLink.setState({ moving: null });
  },
};

/** The ends of a connection being drawn or dropped, whichever handle it started from; undefined without an end handle. */
export function endsOf(state: { fromHandle: Handle | null; toHandle: Handle | null }): ConnectionEnds | undefined {
  const { fromHandle, toHandle } = state;
  if (fromHandle === null || toHandle === null) return undefined;
  const [source, target] = fromHandle.type === 'source' ? [fromHandle, toHandle] : [toHandle, fromHandle];
  return {
    source: source.nodeId,
    sourceHandle: source.id ?? null,
    target: target.nodeId,
    targetHandle: target.id ?? null,
  };
}

/** The last judgement, kept while the pointer stays on one handle (React Flow asks on every pointer move). */
let last: { graph: BlockGraph; key: string; judgement: Judgement | undefined } | undefined;

/**
 * `judgeConnection` with the link being moved (if any), remembered for the last document and ends.
 *
 * @example judged(graph, { source: 'disk', sourceHandle: 'role:file', target: 'x', targetHandle: 'parent' })
 */
export function judged(graph: BlockGraph, ends: ConnectionEnds): Judgement | undefined {
  const { moving } = useMovingLink.getState();
  const key = [ends.source, ends.sourceHandle, ends.target, ends.targetHandle, moving?.parent, moving?.role].join(
    '\u0000',
  );
  if (last?.graph === graph && last.key === key) return last.judgement;
  const judgement = judgeConnection(graph, ends, moving);
  last = { graph, key, judgement };
  return judgement;
}
