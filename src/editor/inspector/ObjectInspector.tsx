import { useEditorStore } from '../store/editorStore.ts';
import { RemoveButton } from './RemoveButton.tsx';

/** A QOM object: its type and properties (read-only for now). */
export function ObjectInspector({ objectId }: { objectId: string }) {
  const object = useEditorStore((s) => s.document.objects[objectId]);
  if (object === undefined) return null;
  return (
    <>
      <header className="inspector__header">
        <h2>{object.id}</h2>
        <RemoveButton id={object.id} label={object.id} />
      </header>
      <dl className="inspector__facts">
        <dt>id</dt>
        <dd>{object.id}</dd>
        <dt>qom-type</dt>
        <dd>
          {object.qomType} <span className="badge tone--object">object</span>
        </dd>
      </dl>
      <section className="inspector__section" aria-label="Properties">
        <h3>Properties</h3>
        <pre className="inspector__json">{JSON.stringify(object.props, null, 2)}</pre>
      </section>
    </>
  );
}
