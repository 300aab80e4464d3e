import { useShallow } from 'zustand/react/shallow';
import { INHERITED_OPTIONS, parentLinks } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { useEffectiveOptions } from '../store/useEngine.ts';
import { effectiveValueText, provenancePhrase } from './provenancePhrase.ts';

/**
 * The generic options a node is opened with, after inheritance, each with where it comes from;
 * and, for every parent that only references the node, a note that nothing passes down that way.
 */
export function EffectiveOptionsSection({ nodeId }: { nodeId: string }) {
  const options = useEffectiveOptions(nodeId);
  const referencedBy = useEditorStore(
    useShallow((s) => parentLinks(s.document, nodeId).flatMap((l) => (l.mode === 'reference' ? [l.parent] : []))),
  );
  if (options === undefined) return null;
  return (
    <section className="inspector__section" aria-label="Effective options">
      <h3>Effective options</h3>
      {referencedBy.map((parent) => (
        <p key={parent} className="inspector__note effective__note">
          referenced by {parent}: inherits nothing from it
        </p>
      ))}
      <table className="effective">
        <thead className="visually-hidden">
          <tr>
            <th scope="col">option</th>
            <th scope="col">value</th>
            <th scope="col">origin</th>
          </tr>
        </thead>
        <tbody>
          {INHERITED_OPTIONS.map((option) => {
            const effective = options[option];
            return (
              <tr key={option} className={`effective__row effective__row--${effective.origin.kind}`}>
                <th scope="row">{option}</th>
                <td className="effective__value">{effectiveValueText(effective)}</td>
                <td className="effective__origin">{provenancePhrase(effective.origin)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
