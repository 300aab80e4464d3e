import type { Dimensions, NodeChange, XYPosition } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { FlowNode } from './flowTypes.ts';

/** What React Flow measures or moves before the document knows: sizes, and positions during a drag. */
interface Overlay {
  measured: Readonly<Record<string, Dimensions>>;
  dragging: Readonly<Record<string, XYPosition>>;
}

const EMPTY: Overlay = { measured: {}, dragging: {} };

/** The derived nodes with UI-only state laid over them, and a reducer for React Flow's node changes. */
export interface NodeOverlay {
  nodes: FlowNode[];
  /** Applies size and in-drag position changes; returns the changes it leaves to the caller. */
  applyChanges: (changes: NodeChange<FlowNode>[]) => NodeChange<FlowNode>[];
  /** Forgets in-drag positions once the document holds the final ones. */
  endDrag: (ids: readonly string[]) => void;
}

/**
 * Keeps node sizes and in-drag positions as canvas UI state, so the document is only written when a
 * drag ends, and lays them and the selection over the nodes derived from the document. A node whose
 * result equals the last one keeps its object, so React Flow re-renders only the nodes an edit or a
 * selection change touched.
 */
export function useNodeOverlay(derived: readonly FlowNode[], selectedIds: readonly string[]): NodeOverlay {
  const [overlay, setOverlay] = useState<Overlay>(EMPTY);
  const [reuse] = useState(reuser<FlowNode>);
  const nodes = useMemo(() => {
    const selected = new Set(selectedIds);
    return reuse(
      derived.map((node): FlowNode => {
        const measured = overlay.measured[node.id];
        return {
          ...node,
          position: overlay.dragging[node.id] ?? node.position,
          selected: selected.has(node.id),
          ...(measured === undefined ? {} : { measured }),
        };
      }),
    );
  }, [derived, overlay, selectedIds, reuse]);
  const applyChanges = useCallback((changes: NodeChange<FlowNode>[]) => {
    const rest: NodeChange<FlowNode>[] = [];
    const measured: Record<string, Dimensions> = {};
    const dragging: Record<string, XYPosition> = {};
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) measured[change.id] = change.dimensions;
      else if (change.type === 'position' && change.dragging === true && change.position) {
        dragging[change.id] = change.position;
      } else rest.push(change);
    }
    if (Object.keys(measured).length + Object.keys(dragging).length > 0) {
      setOverlay((old) => ({
        measured: { ...old.measured, ...measured },
        dragging: { ...old.dragging, ...dragging },
      }));
    }
    return rest;
  }, []);
  const endDrag = useCallback((ids: readonly string[]) => {
    setOverlay((old) => ({
      measured: old.measured,
      dragging: Object.fromEntries(Object.entries(old.dragging).filter(([id]) => !ids.includes(id))),
    }));
  }, []);
  return { nodes, applyChanges, endDrag };
}

/**
 * A function that hands back, for each node or edge equal to the one of the same id it was given
 * last time, that earlier object: React Flow then keeps it as it was and does not render it again.
 *
 * @example const reuse = reuser<FlowNode>(); reuse([a]); reuse([{ ...a }])[0] === a // true
 */
export function reuser<T extends { id: string }>(): (items: T[]) => T[] {
  let last: ReadonlyMap<string, T> = new Map();
  return (items) => {
    const next = items.map((item) => {
      const old = last.get(item.id);
      return old !== undefined && sameCanvasItem(old, item) ? old : item;
    });
    last = new Map(next.map((item) => [item.id, item]));
    return next;
  };
}

/**
 * True when two canvas nodes (or edges) draw the same: equal field by field, through the plain objects and arrays
 * `toFlow` builds anew on every document change (position, measured size, data and its ports), down
 * to a few levels; anything deeper, or a function or class instance, must be the same object.
 */
export function sameCanvasItem(a: object, b: object): boolean {
  return sameValue(a, b, 4);
}

function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth === 0 || !isPlain(a) || !isPlain(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const left = Object.entries(a);
  if (left.length !== Object.keys(b).length) return false;
  const right = new Map(Object.entries(b));
  return left.every(([key, value]) => right.has(key) && sameValue(value, right.get(key), depth - 1));
}

/** An array or an object made by a literal (not a Map, a Date or a class instance). */
function isPlain(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}
