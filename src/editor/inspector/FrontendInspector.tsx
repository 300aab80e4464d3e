import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { frontendSpec } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { RemoveButton } from './RemoveButton.tsx';

const NONE = '';

/** A guest device or export: its kind and the node it uses (its BlockBackend's `root`). */
export function FrontendInspector({ frontendId }: { frontendId: string }) {
  const frontend = useEditorStore((s) => s.document.frontends[frontendId]);
  const nodeIds = useEditorStore(useShallow((s) => Object.keys(s.document.nodes)));
  const names = useEditorStore(useShallow((s) => nodeIds.map((id) => s.document.nodes[id]?.name ?? `${id} (unnamed)`)));
  const setFrontendRoot = useEditorStore((s) => s.setFrontendRoot);
  const rootId = useId();
  if (frontend === undefined) return null;
  return (
    <>
      <header className="inspector__header">
        <h2>{frontend.id}</h2>
        <RemoveButton id={frontend.id} label={frontend.id} />
      </header>
      <dl className="inspector__facts">
        <dt>id</dt>
        <dd>{frontend.id}</dd>
        <dt>kind</dt>
        <dd>
          {frontend.kind} <span className="badge tone--frontend">frontend</span>
        </dd>
      </dl>
      <p className="inspector__summary">{frontendSpec(frontend.kind)?.summary}</p>
      <div className="field">
        <label htmlFor={rootId}>root</label>
        <div className="field__control">
          <select
            id={rootId}
            value={frontend.root ?? NONE}
            onChange={(event) => {
              const root = event.target.value;
              setFrontendRoot({ frontend: frontend.id, root: root === NONE ? null : root });
            }}
          >
            <option value={NONE}>(not connected)</option>
            {nodeIds.map((id, i) => (
              <option key={id} value={id}>
                {names[i]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </>
  );
}
