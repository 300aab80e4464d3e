import { useMemo } from 'react';
import { probeImage } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { MAX_SIMULATED_NODES } from '../store/implicitChain.ts';
import { useImplicitChain } from '../store/useEngine.ts';

/**
 * The image files the user dropped (as in QEMU's working directory), each with its probed format
 * and the backing file its header names, and a button to forget it.
 */
export function ImagesPanel() {
  const images = useEditorStore((s) => s.images);
  const removeImage = useEditorStore((s) => s.removeImage);
  const status = useImplicitChain().status;
  const probed = useMemo(
    () =>
      Object.entries(images)
        .map(([name, bytes]) => ({ name, header: probeImage(bytes, name) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [images],
  );
  return (
    <section className="images" aria-label="Images">
      <h2>Images</h2>
      {probed.length === 0 && (
        <p className="images__empty">Drop image files on the canvas to open the backing files their headers name.</p>
      )}
      {status === 'too-large' && (
        <p className="images__note" role="status">
          More than {MAX_SIMULATED_NODES} nodes: backing files from image headers are not shown.
        </p>
      )}
      <ul className="images__list">
        {probed.map(({ name, header }) => (
          <li key={name} className="images__item">
            <span className="images__name">{name}</span>
            <span className="images__format">{header.format}</span>
            {header.backingFile !== undefined && (
              <span className="images__backing">
                backing: {header.backingFile}
                {header.backingFormat === undefined ? '' : ` (${header.backingFormat})`}
              </span>
            )}
            <button
              type="button"
              className="images__remove"
              aria-label={`Remove ${name}`}
              onClick={() => {
                removeImage(name);
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
