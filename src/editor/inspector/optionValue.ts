import type { JsonValue, OptionSpec, OptionType } from '../../model/index.ts';
import { KNOWN_DEFAULTS, isChildLink } from '../../model/index.ts';

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * The value typed into a scalar field: empty clears the option; a number for int and number fields
 * when the text is one, otherwise the text itself (so the model explains what is wrong with it).
 *
 * @example parseScalar('int', '512') // 512
 */
export function parseScalar(kind: OptionType['kind'], text: string): JsonValue | undefined {
  if (text === '') return undefined;
  if ((kind === 'int' || kind === 'number') && NUMBER.test(text.trim())) return Number(text.trim());
  return text;
}

/** The value typed into a free-form field (lists, alternates, any): JSON when it parses, else the text. */
export function parseLoose(text: string): JsonValue | undefined {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** A value as a field shows it: strings as they are, anything else as JSON, nothing as empty. */
export function formatValue(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * True for options the inspector edits as values: not child links (those are edges on the canvas),
 * not null-only members, and not the top-level `node-name` (shown apart, it is the node's name).
 */
export function isEditableOption(spec: OptionSpec, depth: number): boolean {
  if (isChildLink(spec.type) || spec.type.kind === 'null') return false;
  return !(depth === 0 && spec.name === 'node-name');
}

/**
 * True for an integer option that counts bytes, where the field also takes QEMU's size suffixes.
 * QAPI introspection reports `size` members as plain `int`, so this goes by the member's name:
 * `size`, `…-size`, `offset`, and throttle limits in bytes (`bps…`). Only typing is eased: the
 * document keeps the integer QEMU receives.
 */
export function isByteCount(spec: OptionSpec): boolean {
  return spec.type.kind === 'int' && /^(size|offset|bps.*)$|-size$/.test(spec.name);
}

/** QEMU's default of an option of a driver where the model knows it (KNOWN_DEFAULTS), else undefined. */
export function knownDefault(driver: string | undefined, path: readonly string[]): JsonValue | undefined {
  const dotted = path.join('.');
  const own = KNOWN_DEFAULTS.find((d) => d.driver === driver && d.path === dotted);
  return (own ?? KNOWN_DEFAULTS.find((d) => d.driver === '*' && d.path === dotted))?.value;
}
