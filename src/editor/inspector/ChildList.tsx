import { useShallow } from 'zustand/react/shallow';
import { catalogue, childLinks, parseRole } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';

/** A node's child members (from the schema) and the nodes connected to them; connect new ones on the canvas. */
export function ChildList({ nodeId, driver }: { nodeId: string; driver: string }) {
  const links = useEditorStore(useShallow((s) => childLinks(s.document, nodeId)));
  const names = useEditorStore(useShallow((s) => links.map((l) => s.document.nodes[l.child]?.name ?? l.child)));
  const select = useEditorStore((s) => s.select);
  const members = catalogue.drivers[driver]?.children ?? [];
  if (members.length === 0) return null;
  return (
    <section className="inspector__section" aria-label="Children">
      <h3>Children</h3>
      <ul className="child-list">
        {members.map((member) => {
          const connected = links.flatMap((link, i) =>
            parseRole(link.role).member === member.name ? [{ link, i }] : [],
          );
          return (
            <li key={member.name}>
              <span className="child-list__role">
                {member.name}
                {member.required && (
                  <span className="field__required" aria-hidden="true">
                    *
                  </span>
                )}
              </span>
              {connected.length === 0 && (
                <span className={member.required ? 'child-list__missing' : 'child-list__none'}>
                  {member.required ? 'not connected (required)' : 'none'}
                </span>
              )}
              {connected.map(({ link, i }) => (
                <button
                  key={link.role}
                  type="button"
                  className="child-list__child"
                  title={`${link.role}, ${link.mode}: select it`}
                  onClick={() => {
                    select(link.child);
                  }}
                >
                  {names[i]} <span className="child-list__mode">{link.mode}</span>
                </button>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
