import { assertNever, type Effective, type Provenance } from '../../model/index.ts';

/**
 * Where an effective option comes from, as the inspector says it.
 *
 * @example provenancePhrase({ kind: 'inherited', from: 'disk0', role: 'file' }) // 'inherited from disk0 via file'
 */
export function provenancePhrase(origin: Provenance): string {
  switch (origin.kind) {
    case 'explicit':
      return 'set here';
    case 'json-filename':
      return 'from a json: filename';
    case 'inherited':
      return `inherited from ${origin.from} via ${origin.role}`;
    case 'forced':
      return `forced by ${origin.role}: ${origin.reason}`;
    case 'default':
      return origin.by === undefined ? 'QEMU default' : `default of ${origin.by}`;
    default:
      return assertNever(origin);
  }
}

/** An effective value as the inspector shows it: booleans and enum values as QAPI spells them. */
export function effectiveValueText(effective: Effective): string {
  return typeof effective.value === 'boolean' ? String(effective.value) : effective.value;
}
