import { catalogue, driverSpec } from '../../model/index.ts';
import { ChainSection } from '../collapse/ChainSection.tsx';
import { useEditorStore } from '../store/editorStore.ts';
import { ChildList } from './ChildList.tsx';
import { EffectiveOptionsSection } from './EffectiveOptionsSection.tsx';
import { OptionList } from './OptionFields.tsx';
import { RemoveButton } from './RemoveButton.tsx';

/** A block node: what it is, its children, its effective options, and its options as the QAPI schema describes them. */
export function NodeInspector({ nodeId }: { nodeId: string }) {
  const node = useEditorStore((s) => s.document.nodes[nodeId]);
  if (node === undefined) return null;
  const schema = catalogue.drivers[node.driver];
  const spec = driverSpec(node.driver);
  return (
    <>
      <header className="inspector__header">
        <h2>{node.name ?? '(unnamed)'}</h2>
        <RemoveButton id={nodeId} label={node.name ?? nodeId} />
      </header>
      <dl className="inspector__facts">
        <dt>id</dt>
        <dd>{node.id}</dd>
        <dt>driver</dt>
        <dd>
          {node.driver} <span className={`badge tone--${spec?.category ?? 'other'}`}>{spec?.category ?? 'other'}</span>
        </dd>
        <dt>node-name</dt>
        <dd>{node.name ?? <em>none (QEMU names it #block…)</em>}</dd>
      </dl>
      {spec && <p className="inspector__summary">{spec.summary}</p>}
      <ChildList nodeId={nodeId} driver={node.driver} />
      <ChainSection nodeId={nodeId} />
      <EffectiveOptionsSection nodeId={nodeId} />
      {schema === undefined ? (
        <p className="inspector__note">
          QEMU {catalogue.qemuVersion} has no driver “{node.driver}”.
        </p>
      ) : (
        <>
          <section className="inspector__section" aria-label={`${node.driver} options`}>
            <h3>{node.driver} options</h3>
            <OptionList nodeId={nodeId} struct={{ members: schema.ownOptions }} value={node.options} path={[]} />
          </section>
          <section className="inspector__section" aria-label="Common options">
            <h3>Common options</h3>
            <OptionList nodeId={nodeId} struct={{ members: catalogue.common }} value={node.options} path={[]} />
          </section>
        </>
      )}
    </>
  );
}
