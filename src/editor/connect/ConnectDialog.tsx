import { useId, useMemo, useState, type SyntheticEvent } from 'react';
import type { BlockGraph } from '../../model/index.ts';
import { applyPlan, type Judgement } from '../canvas/connectionRules.ts';
import { useDialogStore } from '../dialogs/dialogStore.ts';
import { useModalDialog } from '../dialogs/useModalDialog.ts';
import { useEditorStore, type EditorState } from '../store/editorStore.ts';
import {
  childChoices,
  choiceVerdict,
  defaultChild,
  defaultRole,
  judgeChoice,
  parentChoices,
  roleChoices,
  type Choice,
} from './connectChoices.ts';

/** A labelled select over choices. */
function ChoiceField(props: {
  label: string;
  value: string;
  choices: readonly Choice[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="connect-dialog__field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => {
          props.onChange(event.target.value);
        }}
      >
        {props.choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What the Connect… form needs: the document, the parent to start from, and what Connect and Cancel do. */
export interface ConnectFormProps {
  graph: BlockGraph;
  initialParent: string;
  /** Applies the judged connection; true when the store took it. */
  onConnect: (judgement: Judgement) => boolean;
  onCancel: () => void;
  /** The id of the dialog's title. */
  titleId: string;
}

/**
 * The Connect… form: the parent (the selected node by default), one of its free roles and the child,
 * chosen from lists; the line under them says what the connection makes or why QEMU would refuse it,
 * by the same rules as drawing an edge. Connect is disabled while the choice is refused.
 */
export function ConnectForm({ graph, initialParent, onConnect, onCancel, titleId }: ConnectFormProps) {
  const [parent, setParent] = useState(initialParent);
  const [picked, setPicked] = useState<{ role?: string; child?: string }>({});
  const parents = useMemo(() => parentChoices(graph), [graph]);
  const roles = useMemo(() => roleChoices(graph, parent), [graph, parent]);
  const children = useMemo(() => childChoices(graph, parent), [graph, parent]);
  const role = pick(picked.role, roles) ?? defaultRole(graph, parent);
  const child = pick(picked.child, children) ?? defaultChild(graph, parent);
  const judgement = useMemo(() => judgeChoice(graph, parent, role, child), [graph, parent, role, child]);
  const verdictId = useId();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (judgement?.result.ok === true) onConnect(judgement);
  };
  return (
    <form onSubmit={submit}>
      <h2 id={titleId}>Connect…</h2>
      {parents.length === 0 ? (
        <p>No node has a free role: add a node from the palette first.</p>
      ) : (
        <>
          <ChoiceField
            label="Parent"
            value={parent}
            choices={parents}
            onChange={(value) => {
              setParent(value);
              setPicked({});
            }}
          />
          <ChoiceField
            label="Role"
            value={role}
            choices={roles}
            onChange={(value) => {
              setPicked({ ...picked, role: value });
            }}
          />
          <ChoiceField
            label="Child"
            value={child}
            choices={children}
            onChange={(value) => {
              setPicked({ ...picked, child: value });
            }}
          />
        </>
      )}
      <p
        id={verdictId}
        className={`connect-dialog__verdict${judgement?.result.ok === false ? ' is-refused' : ''}`}
        role="status"
      >
        {choiceVerdict(graph, judgement)}
      </p>
      <div className="connect-dialog__buttons">
        <button type="submit" aria-describedby={verdictId} disabled={judgement?.result.ok !== true}>
          Connect
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A picked value while the list still has it. */
function pick(value: string | undefined, choices: readonly Choice[]): string | undefined {
  return value !== undefined && choices.some((c) => c.value === value) ? value : undefined;
}

/**
 * Connect… (`C` or the toolbar): connects two nodes without drawing an edge (`ConnectForm`). Connect
 * goes through the store (`connectChild`, or a frontend's root), as one undo entry, and closes the
 * dialog; the focus goes back where it was.
 */
export function ConnectDialog() {
  const close = useDialogStore((s) => s.close);
  const ref = useModalDialog(close);
  const graph = useEditorStore((s) => s.document);
  const [initialParent] = useState(() => initialParentOf(useEditorStore.getState()));
  const titleId = useId();
  const connect = (judgement: Judgement) => {
    const done = applyPlan(useEditorStore.getState(), judgement.plan);
    if (done) close();
    return done;
  };
  return (
    <dialog
      ref={ref}
      className="connect-dialog"
      aria-labelledby={titleId}
      // Keys pressed in the dialog are the dialog's: the editor's shortcuts wait until it closes.
      onKeyDown={(event) => {
        event.stopPropagation();
      }}
    >
      <ConnectForm graph={graph} initialParent={initialParent} onConnect={connect} onCancel={close} titleId={titleId} />
    </dialog>
  );
}

/** The parent offered first: the selected node when it can be one, else the first that can. */
export function initialParentOf(state: Pick<EditorState, 'document' | 'selectedId'>): string {
  const parents = parentChoices(state.document);
  return parents.find((p) => p.value === state.selectedId)?.value ?? parents[0]?.value ?? '';
}
