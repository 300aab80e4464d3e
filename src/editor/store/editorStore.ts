import { create } from 'zustand';
import type { StateCreator } from 'zustand/vanilla';
import { seedSimpleTree } from '../../model/fixtures/index.ts';
import {
  addFrontend,
  addNode,
  addObject,
  connectChild,
  disconnectChild,
  isIdTaken,
  moveChild,
  moveTo,
  ok,
  removeNode,
  renameNode,
  setFrontendRoot,
  setLinkMode,
  setOption,
  type AddNodeArgs,
  type Added,
  type BlockGraph,
  type ConnectChildArgs,
  type Diagnostic,
  type LinkMode,
  type MoveChildArgs,
  type Position,
  type RenameNodeArgs,
  type Result,
  type SetOptionArgs,
} from '../../model/index.ts';
import { copyFragment, pasteFragment } from '../clipboard/fragment.ts';
import { collapseChain, collapsedNodeId, expandChain, spreadMoves } from '../collapse/chains.ts';
import { EMPTY_HISTORY, recordChange, redoStep, sealHistory, undoStep, type History } from './history.ts';

/** Arguments of the model's `addObject`. */
export type AddObjectArgs = Parameters<typeof addObject>[1];
/** Arguments of the model's `addFrontend`. */
export type AddFrontendArgs = Parameters<typeof addFrontend>[1];

/** A message for the user that is not about the last edit (a file or link that cannot be read, autosave). */
export interface Notice {
  tone: 'error' | 'info';
  text: string;
  /** One line per diagnostic, with where it is (`formatDiagnostic`). */
  details: readonly string[];
}

/** What the editor copied: a fragment of a document, and how often it was pasted (each paste lands further on). */
export interface Clipboard {
  fragment: BlockGraph;
  pastes: number;
}

/** A node that became selected or unselected (React Flow's select change). */
export interface SelectionChange {
  id: string;
  selected: boolean;
}

/** What to remove at once: nodes, objects or frontends by id, child links, and frontend roots (by frontend id). */
export interface Removal {
  ids?: readonly string[];
  links?: readonly { parent: string; role: string }[];
  roots?: readonly string[];
}

/** How far a paste or duplicate lands from the copied nodes, per paste. */
export const PASTE_OFFSET: Position = { x: 40, y: 40 };

/** What the editor holds: the document (the only source of truth) and UI state that never reaches it. */
export interface EditorState {
  document: BlockGraph;
  /** Earlier and undone documents; every document change goes through it. */
  history: History;
  /** The primary selection (the one the inspector shows): a block node, frontend, object or ghost id, or null. */
  selectedId: string | null;
  /** Every selected node, frontend, object or ghost, in the order they were selected; holds `selectedId`. */
  selectedIds: readonly string[];
  /** Id of the selected canvas edge (`toFlow`'s edge id), or null; never set together with a node selection. */
  selectedEdge: string | null;
  /** Diagnostics of the last refused edit (empty once an edit succeeds or the user dismisses them). */
  lastError: readonly Diagnostic[];
  /**
   * Header bytes of the image files the user dropped, by file name (QEMU's working directory).
   * UI state: never part of the document.
   */
  images: Readonly<Record<string, Uint8Array>>;
  /** The block node whose node-name is being edited in place (F2), or null. */
  renamingId: string | null;
  /** The editor's own clipboard (the system clipboard gets the same as text when the browser allows). */
  clipboard: Clipboard | null;
  /** A message about a file, a link or autosave, or null. */
  notice: Notice | null;
  /** Counts whole-document replacements (open, share link), so the canvas fits its view to the new document. */
  documentEpoch: number;
}

/**
 * Editor commands: each document change is one model edit (or one pure composition of them) and one
 * undo entry; a refused edit leaves the document unchanged and sets `lastError`.
 */
export interface EditorActions {
  /** Adds and selects a block node; returns its id, or undefined when refused. */
  addNode: (args: AddNodeArgs) => string | undefined;
  /** Adds and selects a QOM object; returns its id, or undefined when refused. */
  addObject: (args: AddObjectArgs) => string | undefined;
  /** Adds and selects a frontend; returns its id, or undefined when refused. */
  addFrontend: (args: AddFrontendArgs) => string | undefined;
  connectChild: (args: ConnectChildArgs) => boolean;
  disconnectChild: (args: { parent: string; role: string }) => boolean;
  /** Moves a child link to another child, parent or role as one change (an edge dragged to a new end). */
  moveChild: (args: MoveChildArgs) => boolean;
  /**
   * Returns the diagnostics of a refused value (empty when accepted). Successive values of one option
   * of one node are one undo entry (a field commits as the user types) until `sealHistory`; a boolean
   * (a toggle: one click, one change) is always its own entry.
   */
  setOption: (args: SetOptionArgs) => readonly Diagnostic[];
  setFrontendRoot: (args: { frontend: string; root: string | null }) => boolean;
  /** Switches a child link between inline and reference; returns why it was refused (empty when accepted). */
  setLinkMode: (args: { parent: string; role: string; mode: LinkMode }) => readonly Diagnostic[];
  /** Gives a block node a new node-name (null: none); returns why it was refused (empty when accepted). */
  renameNode: (args: RenameNodeArgs) => readonly Diagnostic[];
  /** Removes a node, object or frontend (and what pointed at it); drops it from the selection. */
  removeNode: (id: string) => boolean;
  /** Removes nodes, links and frontend roots as one change (one undo entry); all or nothing. */
  removeElements: (removal: Removal) => boolean;
  /** Removes the selected nodes, or else the selected child link or frontend root, as one change. */
  removeSelection: () => boolean;
  moveTo: (id: string, position: Position) => void;
  /**
   * Moves several nodes as one change (the end of a drag of a selection, an automatic layout); a
   * collapsed chain's node moves every node it hides by as much.
   */
  moveNodes: (moves: Readonly<Record<string, Position>>) => void;
  /** Collapses a node's backing chain into one node (one undo entry) and selects that node; false when it has none. */
  collapseChain: (top: string) => boolean;
  /** Expands a collapsed backing chain (one undo entry) and selects its top node; false when it was not collapsed. */
  expandChain: (top: string) => boolean;
  /** Goes back to the document before the last change; false when there is none. */
  undo: () => boolean;
  /** Goes forward to the document undone last; false when there is none. */
  redo: () => boolean;
  /** Ends the coalescing of option values, so the next value is its own undo entry (a field lost focus). */
  sealHistory: () => void;
  /** Replaces the whole document (an opened file, a share link) as one undoable change; clears the selection. */
  replaceDocument: (document: BlockGraph) => void;
  /** Selects a node, frontend or object alone (and drops the edge selection), or clears the node selection with null. */
  select: (id: string | null) => void;
  /** Applies React Flow's select changes of nodes: several nodes may be selected (Shift/Ctrl+click, box select). */
  changeSelection: (changes: readonly SelectionChange[]) => void;
  /** Selects every node, frontend and object of the document. */
  selectAll: () => void;
  /** Selects a canvas edge (and drops the node selection), or clears the edge selection with null. */
  selectEdge: (id: string | null) => void;
  /** Starts editing a block node's node-name in place, or stops with null; only block nodes have one. */
  startRename: (id: string | null) => void;
  /** Copies the selected nodes to the editor's clipboard; returns the fragment, or undefined when nothing is selected. */
  copySelection: () => BlockGraph | undefined;
  /** Copies the selection, then removes it (one undo entry); returns the fragment. */
  cutSelection: () => BlockGraph | undefined;
  /**
   * Pastes a fragment (by default the editor's clipboard), offset from where it was copied, and selects
   * it; one undo entry. Returns the new ids, or undefined when there is nothing to paste or it is refused.
   */
  paste: (fragment?: BlockGraph) => string[] | undefined;
  /** Pastes a copy of the selection beside it, leaving the clipboard alone. */
  duplicateSelection: () => string[] | undefined;
  dismissError: () => void;
  /** Shows a notice, or takes it away with null. */
  showNotice: (notice: Notice | null) => void;
  /** Adds image headers by file name; a file of a known name replaces the old one. */
  addImages: (files: Readonly<Record<string, Uint8Array>>) => void;
  removeImage: (name: string) => void;
}

/** The whole store: state and actions. */
export type EditorStore = EditorState & EditorActions;

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];
const NO_IMAGES: Readonly<Record<string, Uint8Array>> = {};
const NO_IDS: readonly string[] = [];
const NO_SELECTION = { selectedId: null, selectedIds: NO_IDS, selectedEdge: null } as const;

/**
 * The store's initialiser over a starting document; `useEditorStore` uses it with the seed example,
 * tests use it with `createStore` from `zustand/vanilla`.
 */
export function createEditorState(initial: BlockGraph): StateCreator<EditorStore> {
  return (set, get) => {
    /** Makes `document` current: one undo entry when it differs (joining the last one when `key` matches). */
    const commit = (document: BlockGraph, extra: Partial<EditorState> = {}, key?: string): void => {
      const { document: before, history } = get();
      const changed = document === before ? {} : { document, history: recordChange(history, before, key) };
      set({ ...extra, ...changed, lastError: NO_DIAGNOSTICS });
    };
    /** Applies an edit: its new state when accepted, only its diagnostics when refused. */
    const apply = <T>(
      result: Result<T>,
      next: (value: T) => { document: BlockGraph } & Partial<EditorState>,
      key?: string,
    ): Result<T> => {
      if (!result.ok) set({ lastError: result.diagnostics });
      else {
        const { document, ...extra } = next(result.value);
        commit(document, extra, key);
      }
      return result;
    };
    const doc = (): BlockGraph => get().document;
    const added = (result: Result<Added>): string | undefined => {
      apply(result, (a) => ({ document: a.graph, ...only(a.id) }));
      return result.ok ? result.value.id : undefined;
    };
    const edited = (result: Result<BlockGraph>, key?: string) => apply(result, (document) => ({ document }), key);
    /** Goes to a document from the history, keeping what is still there selected. */
    const travel = (step: { document: BlockGraph; history: History } | undefined): boolean => {
      if (step === undefined) return false;
      set({
        document: step.document,
        history: step.history,
        ...keptSelection(get(), step.document),
        renamingId: null,
        lastError: NO_DIAGNOSTICS,
      });
      return true;
    };
    const pasteAt = (fragment: BlockGraph, times: number): string[] | undefined => {
      const offset = { x: PASTE_OFFSET.x * times, y: PASTE_OFFSET.y * times };
      const result = apply(pasteFragment(doc(), fragment, offset), (pasted) => ({
        document: pasted.graph,
        ...several(pasted.ids),
      }));
      return result.ok ? result.value.ids : undefined;
    };
    return {
      document: initial,
      history: EMPTY_HISTORY,
      ...NO_SELECTION,
      lastError: NO_DIAGNOSTICS,
      images: NO_IMAGES,
      renamingId: null,
      clipboard: null,
      notice: null,
      documentEpoch: 0,
      addNode: (args) => added(addNode(doc(), args)),
      addObject: (args) => added(addObject(doc(), args)),
      addFrontend: (args) => added(addFrontend(doc(), args)),
      connectChild: (args) => edited(connectChild(doc(), args)).ok,
      disconnectChild: (args) => edited(disconnectChild(doc(), args)).ok,
      moveChild: (args) => edited(moveChild(doc(), args)).ok,
      setOption: (args) => diagnosticsOf(edited(setOption(doc(), args), optionKey(args))),
      setFrontendRoot: (args) => edited(setFrontendRoot(doc(), args)).ok,
      setLinkMode: (args) => diagnosticsOf(edited(setLinkMode(doc(), args))),
      renameNode: (args) => diagnosticsOf(edited(renameNode(doc(), args))),
      removeNode: (id) => get().removeElements({ ids: [id] }),
      removeElements: (removal) =>
        apply(removeAll(doc(), removal), (document) => ({ document, ...keptSelection(get(), document) })).ok,
      removeSelection: () => {
        const { selectedIds, selectedEdge, document: graph } = get();
        const ids = selectedIds.filter((id) => isIdTaken(graph, id));
        if (ids.length > 0) return get().removeElements({ ids });
        const edge = selectedEdge === null ? undefined : edgeRemoval(graph, selectedEdge);
        return edge !== undefined && get().removeElements(edge);
      },
      moveTo: (id, position) => {
        commit(moveTo(doc(), id, position));
      },
      moveNodes: (moves) => {
        const all = Object.entries(spreadMoves(doc(), moves));
        commit(all.reduce((graph, [id, position]) => moveTo(graph, id, position), doc()));
      },
      collapseChain: (top) => {
        const before = doc();
        const next = collapseChain(before, top);
        if (next !== before) commit(next, only(collapsedNodeId(top)));
        return next !== before;
      },
      expandChain: (top) => {
        const before = doc();
        const next = expandChain(before, top);
        if (next !== before) commit(next, only(top));
        return next !== before;
      },
      undo: () => travel(undoStep(get().history, doc())),
      redo: () => travel(redoStep(get().history, doc())),
      sealHistory: () => {
        const history = sealHistory(get().history);
        if (history !== get().history) set({ history });
      },
      replaceDocument: (document) => {
        commit(document, { ...NO_SELECTION, renamingId: null, documentEpoch: get().documentEpoch + 1 });
      },
      select: (selectedId) => {
        set(selectedId === null ? { selectedId, selectedIds: NO_IDS } : only(selectedId));
        get().sealHistory();
      },
      changeSelection: (changes) => {
        const next = applySelectionChanges(get(), changes);
        if (next !== undefined) set(next);
        get().sealHistory();
      },
      selectAll: () => {
        const { nodes, frontends, objects } = doc();
        set(several([...Object.keys(frontends), ...Object.keys(nodes), ...Object.keys(objects)]));
      },
      selectEdge: (selectedEdge) => {
        set(selectedEdge === null ? { selectedEdge } : { selectedEdge, selectedId: null, selectedIds: NO_IDS });
        get().sealHistory();
      },
      startRename: (id) => {
        set({ renamingId: id !== null && Object.hasOwn(doc().nodes, id) ? id : null });
      },
      copySelection: () => {
        const fragment = copyFragment(doc(), get().selectedIds);
        if (fragment !== undefined) set({ clipboard: { fragment, pastes: 0 } });
        return fragment;
      },
      cutSelection: () => {
        const fragment = get().copySelection();
        if (fragment !== undefined) get().removeSelection();
        return fragment;
      },
      paste: (fragment) => {
        const { clipboard } = get();
        const own = fragment === undefined || fragment === clipboard?.fragment;
        const pasting = own ? clipboard?.fragment : fragment;
        if (pasting === undefined) return undefined;
        const times = own && clipboard !== null ? clipboard.pastes + 1 : 1;
        const ids = pasteAt(pasting, times);
        if (ids !== undefined && own && clipboard !== null) set({ clipboard: { ...clipboard, pastes: times } });
        return ids;
      },
      duplicateSelection: () => {
        const fragment = copyFragment(doc(), get().selectedIds);
        return fragment === undefined ? undefined : pasteAt(fragment, 1);
      },
      dismissError: () => {
        set({ lastError: NO_DIAGNOSTICS });
      },
      showNotice: (notice) => {
        set({ notice });
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

/** Option values of one option of one node join one undo entry. */
function optionKey(args: SetOptionArgs): string | undefined {
  if (typeof args.value === 'boolean') return undefined;
  return `option\u0000${args.node}\u0000${args.path.join('\u0000')}`;
}

function only(id: string): Pick<EditorState, 'selectedId' | 'selectedIds' | 'selectedEdge'> {
  return { selectedId: id, selectedIds: [id], selectedEdge: null };
}

function several(ids: readonly string[]): Pick<EditorState, 'selectedId' | 'selectedIds' | 'selectedEdge'> {
  return ids.length === 0 ? NO_SELECTION : { selectedId: ids[0] ?? null, selectedIds: ids, selectedEdge: null };
}

/**
 * The selection after the document changed under it (an undo, a removal): ids the new document no
 * longer has are dropped (ghosts of dropped images too), and so is an edge whose link or root is gone.
 */
function keptSelection(
  state: EditorState,
  graph: BlockGraph,
): Pick<EditorState, 'selectedId' | 'selectedIds' | 'selectedEdge'> {
  const selectedIds = state.selectedIds.filter((id) => isIdTaken(graph, id));
  const kept = selectedIds.length === state.selectedIds.length ? state.selectedIds : selectedIds;
  const selectedId =
    state.selectedId !== null && kept.includes(state.selectedId) ? state.selectedId : (kept.at(-1) ?? null);
  const edge = state.selectedEdge;
  const selectedEdge = edge !== null && edgeRemoval(graph, edge) !== undefined ? edge : null;
  return { selectedId, selectedIds: kept, selectedEdge };
}

/** The new selection after React Flow's select changes, or undefined when nothing changes. */
function applySelectionChanges(
  state: EditorState,
  changes: readonly SelectionChange[],
): Pick<EditorState, 'selectedId' | 'selectedIds' | 'selectedEdge'> | undefined {
  const dropped = new Set(changes.filter((c) => !c.selected).map((c) => c.id));
  const added = changes.filter((c) => c.selected && !state.selectedIds.includes(c.id)).map((c) => c.id);
  const kept = state.selectedIds.filter((id) => !dropped.has(id));
  if (added.length === 0 && kept.length === state.selectedIds.length) return undefined;
  const selectedIds = [...kept, ...added];
  const primary =
    added.at(-1) ?? (state.selectedId !== null && kept.includes(state.selectedId) ? state.selectedId : kept.at(-1));
  return {
    selectedIds,
    selectedId: primary ?? null,
    selectedEdge: added.length > 0 ? null : state.selectedEdge,
  };
}

/** The removal an edge id stands for (a child link or a frontend root), or undefined when it names nothing. */
function edgeRemoval(graph: BlockGraph, edgeId: string): Removal | undefined {
  const [kind, owner = '', role = ''] = edgeId.split(':');
  if (kind === 'root') return graph.frontends[owner]?.root == null ? undefined : { roots: [owner] };
  if (kind !== 'link') return undefined;
  const found = graph.links.some((link) => link.parent === owner && link.role === role);
  return found ? { links: [{ parent: owner, role }] } : undefined;
}

/**
 * Removes everything at once: links and roots first (unless what they join goes anyway), then the
 * nodes. All or nothing: the first refusal is the result.
 */
function removeAll(graph: BlockGraph, removal: Removal): Result<BlockGraph> {
  const ids = new Set(removal.ids ?? []);
  let result: Result<BlockGraph> = ok(graph);
  const step = (edit: (g: BlockGraph) => Result<BlockGraph>) => {
    if (result.ok) result = edit(result.value);
  };
  for (const { parent, role } of removal.links ?? []) {
    step((g) => {
      const link = g.links.find((l) => l.parent === parent && l.role === role);
      // A link to or from a removed node goes with it.
      const goes = link !== undefined && (ids.has(link.parent) || ids.has(link.child));
      return goes ? ok(g) : disconnectChild(g, { parent, role });
    });
  }
  for (const frontend of removal.roots ?? []) {
    if (!ids.has(frontend)) step((g) => setFrontendRoot(g, { frontend, root: null }));
  }
  for (const id of ids) step((g) => removeNode(g, id));
  return result;
}

/** The editor's one store, starting from the seed example (a qcow2 disk with a backing chain). */
export const useEditorStore = create<EditorStore>()(createEditorState(seedSimpleTree()));
