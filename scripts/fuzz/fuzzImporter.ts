import fc from 'fast-check';
import { formatDiagnostic } from '../../src/model/index.ts';
import { isLocated, type Importer } from './importers.ts';
import { inputArb } from './mutate.ts';

/**
 * What every importer promises for any text: it returns (no exception escapes), and a refusal
 * comes with at least one diagnostic, each of which says where (line and column, key path or
 * node). Throws an Error describing the first broken promise.
 */
export function checkImport(importer: Importer, text: string): void {
  let outcome;
  try {
    outcome = importer.run(text);
  } catch (err) {
    throw new Error(`${importer.name}: threw ${String(err)} on ${JSON.stringify(text)}`, { cause: err });
  }
  if (outcome.ok) return;
  if (outcome.diagnostics.length === 0) throw new Error(`${importer.name}: refused without a diagnostic`);
  const unlocated = outcome.diagnostics.find((d) => !isLocated(d));
  if (unlocated !== undefined) {
    throw new Error(`${importer.name}: a diagnostic without a location: ${formatDiagnostic(unlocated)}`);
  }
}

/** The fuzzing property of one importer: checkImport over mutated seeds and random text. */
export function importerProperty(importer: Importer): fc.IPropertyWithHooks<[string]> {
  return fc.property(inputArb(importer.seeds), (text) => {
    checkImport(importer, text);
  });
}
