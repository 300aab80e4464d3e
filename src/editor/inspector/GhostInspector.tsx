import { useImplicitNode } from '../store/useEngine.ts';

/**
 * A node QEMU opens from an image header, read-only: where it hangs and the values QEMU opens it
 * with (`query-named-block-nodes`). It is not in the document, so nothing here can be edited.
 */
export function GhostInspector({ name }: { name: string }) {
  const node = useImplicitNode(name);
  if (node === undefined) return null;
  const { resolved } = node;
  const rows: [string, string][] = [
    ['driver', node.driver],
    ['read-only', String(resolved.ro)],
    ['cache.direct', String(resolved.cache.direct)],
    ['cache.no-flush', String(resolved.cache['no-flush'])],
    ['detect-zeroes', resolved.detect_zeroes],
  ];
  return (
    <>
      <h2>{name}</h2>
      <p className="inspector__summary">
        Opened by QEMU as the {node.role} of {node.parent}, from the backing file its image header names. Not part of
        the document: add a {node.role} child to {node.parent} to define it yourself.
      </p>
      <section className="inspector__section" aria-label="Effective values">
        <h3>Effective values (read-only)</h3>
        <table className="effective">
          <tbody>
            {rows.map(([option, value]) => (
              <tr key={option} className="effective__row">
                <th scope="row">{option}</th>
                <td className="effective__value">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
