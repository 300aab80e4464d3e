import { create } from 'zustand';
import type { StateCreator } from 'zustand/vanilla';
import { seedSimpleTree } from '../../model/fixtures/index.ts';
import {
  addFrontend,
  addNode,
  addObject,
  connectChild,
  disconnectChild,
  moveTo,
  removeNode,
  setFrontendRoot,
  setLinkMode,
  setOption,
  type AddNodeArgs,
  type Added,
  type BlockGraph,
  type ConnectChildArgs,
  type Diagnostic,
  type LinkMode,
  type Position,
  type Result,
  type SetOptionArgs,
} from '../../model/index.ts';

/** Arguments of the model's `addObject`. */
export type AddObjectArgs = Parameters<typeof addObject>[1];
/** Arguments of the model's `addFrontend`. */
export type AddFrontendArgs = Parameters<typeof addFrontend>[1];

/** What the editor holds: the document (the only source of truth) and UI state that never reaches it. */
export interface EditorState {
  document: BlockGraph;
  /** Id of the selected block node, frontend or object, or null. */
  selectedId: string | null;
  /** Id of the selected canvas edge (`toFlow`'s edge id), or null; never set together with `selectedId`. */
  selectedEdge: string | null;
  /** Diagnostics of the last refused edit (empty once an edit succeeds or the user dismisses them). */
  lastError: readonly Diagnostic[];
  /**
   * Header bytes of the image files the user dropped, by file name (QEMU's working directory).
   * UI state: never part of the document.
   */
  images: Readonly<Record<string, Uint8Array>>;
}

/** Editor commands: each is one model edit; a refused edit leaves the document unchanged and sets `lastError`. */
export interface EditorActions {
  /** Adds and selects a block node; returns its id, or undefined when refused. */
  addNode: (args: AddNodeArgs) => string | undefined;
  /** Adds and selects a QOM object; returns its id, or undefined when refused. */
  addObject: (args: AddObjectArgs) => string | undefined;
  /** Adds and selects a frontend; returns its id, or undefined when refused. */
  addFrontend: (args: AddFrontendArgs) => string | undefined;
  connectChild: (args: ConnectChildArgs) => boolean;
  disconnectChild: (args: { parent: string; role: string }) => boolean;
  /** Returns the diagnostics of a refused value (empty when accepted). */
  setOption: (args: SetOptionArgs) => readonly Diagnostic[];
  setFrontendRoot: (args: { frontend: string; root: string | null }) => boolean;
  /** Switches a child link between inline and reference; returns why it was refused (empty when accepted). */
  setLinkMode: (args: { parent: string; role: string; mode: LinkMode }) => readonly Diagnostic[];
  /** Removes a node, object or frontend (and what pointed at it); clears the selection if it was selected. */
  removeNode: (id: string) => boolean;
  moveTo: (id: string, position: Position) => void;
  /** Selects a node, frontend or object (and drops the edge selection), or clears the selection with null. */
  select: (id: string | null) => void;
  /** Selects a canvas edge (and drops the node selection), or clears the edge selection with null. */
  selectEdge: (id: string | null) => void;
  dismissError: () => void;
  /** Adds image headers by file name; a file of a known name replaces the old one. */
  addImages: (files: Readonly<Record<string, Uint8Array>>) => void;
  removeImage: (name: string) => void;
}

/** The whole store: state and actions. */
export type EditorStore = EditorState & EditorActions;

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];
const NO_IMAGES: Readonly<Record<string, Uint8Array>> = {};

/**
 * The store's initialiser over a starting document; `useEditorStore` uses it with the seed example,
 * tests use it with `createStore` from `zustand/vanilla`.
 */
export function createEditorState(initial: BlockGraph): StateCreator<EditorStore> {
  return (set, get) => {
    /** Applies an edit: its new state when accepted, only its diagnostics when refused. */
    const apply = <T>(result: Result<T>, next: (value: T) => Partial<EditorState>): Result<T> => {
      set(result.ok ? { ...next(result.value), lastError: NO_DIAGNOSTICS } : { lastError: result.diagnostics });
      return result;
    };
    const doc = (): BlockGraph => get().document;
    const added = (result: Result<Added>): string | undefined => {
      apply(result, (a) => ({ document: a.graph, selectedId: a.id, selectedEdge: null }));
      return result.ok ? result.value.id : undefined;
    };
    const edited = (result: Result<BlockGraph>) => apply(result, (document) => ({ document }));
    return {
      document: initial,
      selectedId: null,
      selectedEdge: null,
      lastError: NO_DIAGNOSTICS,
      images: NO_IMAGES,
      addNode: (args) => added(addNode(doc(), args)),
      addObject: (args) => added(addObject(doc(), args)),
      addFrontend: (args) => added(addFrontend(doc(), args)),
      connectChild: (args) => edited(connectChild(doc(), args)).ok,
      disconnectChild: (args) => edited(disconnectChild(doc(), args)).ok,
      setOption: (args) => diagnosticsOf(edited(setOption(doc(), args))),
      setFrontendRoot: (args) => edited(setFrontendRoot(doc(), args)).ok,
      setLinkMode: (args) => diagnosticsOf(edited(setLinkMode(doc(), args))),
      removeNode: (id) =>
        apply(removeNode(doc(), id), (document) => ({
          document,
          selectedId: get().selectedId === id ? null : get().selectedId,
        })).ok,
      moveTo: (id, position) => {
        set({ document: moveTo(doc(), id, position) });
      },
      select: (selectedId) => {
        set(selectedId === null ? { selectedId } : { selectedId, selectedEdge: null });
      },
      selectEdge: (selectedEdge) => {
        set(selectedEdge === null ? { selectedEdge } : { selectedEdge, selectedId: null });
      },
      dismissError: () => {
        set({ lastError: NO_DIAGNOSTICS });
      },
      addImages: (files) => {
        if (Object.keys(files).length > 0) set({ images: { ...get().images, ...files } });
      },
      removeImage: (name) => {
        if (!Object.hasOwn(get().images, name)) return;
        const rest = Object.entries(get().images).filter(([known]) => known !== name);
        set({ images: rest.length === 0 ? NO_IMAGES : Object.fromEntries(rest) });
      },
    };
  };
}

function diagnosticsOf(result: Result<unknown>): readonly Diagnostic[] {
  return result.ok ? NO_DIAGNOSTICS : result.diagnostics;
}

/** The editor's one store, starting from the seed example (a qcow2 disk with a backing chain). */
export const useEditorStore = create<EditorStore>()(createEditorState(seedSimpleTree()));
