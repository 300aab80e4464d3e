import { useId, useState } from 'react';
import type { ChildLink, LinkMode } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';

/**
 * A child link (the selected edge): its role and ends, and whether the child is defined inside its
 * parent (and inherits from it) or defined on its own and referenced by node-name.
 */
export function LinkInspector({ link }: { link: ChildLink }) {
  const setLinkMode = useEditorStore((s) => s.setLinkMode);
  const select = useEditorStore((s) => s.select);
  const [refused, setRefused] = useState<string | null>(null);
  const name = useId();
  const { parent, role, child, mode } = link;
  const choose = (next: LinkMode) => {
    const problems = setLinkMode({ parent, role, mode: next });
    setRefused(problems.length === 0 ? null : problems.map((p) => p.message).join('; '));
  };
  return (
    <>
      <header className="inspector__header">
        <h2>
          {parent} → {child}
        </h2>
      </header>
      <dl className="inspector__facts inspector__facts--centred">
        <dt>role</dt>
        <dd>{role}</dd>
        <LinkEnd term="parent" id={parent} onSelect={select} />
        <LinkEnd term="child" id={child} onSelect={select} />
      </dl>
      <fieldset className="field-group link-mode" aria-describedby={refused === null ? undefined : `${name}-error`}>
        <legend>Mode</legend>
        <label className="link-mode__choice">
          <input
            type="radio"
            name={name}
            checked={mode === 'inline'}
            onChange={() => {
              choose('inline');
            }}
          />
          Inline (defined inside {parent})
        </label>
        <label className="link-mode__choice">
          <input
            type="radio"
            name={name}
            checked={mode === 'reference'}
            onChange={() => {
              choose('reference');
            }}
          />
          Reference
        </label>
      </fieldset>
      <p className="inspector__summary">
        {mode === 'inline'
          ? `${child} is defined inside ${parent}'s blockdev-add and inherits its options through ${role}.`
          : `${child} is added on its own; ${parent} names it by node-name and passes nothing down to it.`}
      </p>
      {refused !== null && (
        <p className="field__error" id={`${name}-error`}>
          {refused}
        </p>
      )}
    </>
  );
}

function LinkEnd({ term, id, onSelect }: { term: string; id: string; onSelect: (id: string) => void }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>
        <button
          type="button"
          className="child-list__child"
          title={`Select ${id}`}
          onClick={() => {
            onSelect(id);
          }}
        >
          {id}
        </button>
      </dd>
    </>
  );
}
