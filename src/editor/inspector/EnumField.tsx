import { useId } from 'react';
import type { OptionType } from '../../model/index.ts';
import { FieldRow, errorIdOf, type FieldProps } from './FieldRow.tsx';
import { useOptionEdit } from './useOptionEdit.ts';

/** The schema type of an enum option. */
export type EnumType = Extract<OptionType, { kind: 'enum' }>;

const DEFAULT = '';

/** A select over an enum's values, with "(default)" to leave the option unset. */
export function EnumField({ nodeId, spec, path, value, type }: FieldProps & { type: EnumType }) {
  const inputId = useId();
  const { refused, commit } = useOptionEdit(nodeId, path);
  const current = typeof value === 'string' ? value : DEFAULT;
  // A value the schema does not list (from a loaded document) still shows, so the user can see and change it.
  const values = current === DEFAULT || type.values.includes(current) ? type.values : [current, ...type.values];
  return (
    <FieldRow
      inputId={inputId}
      spec={spec}
      path={path}
      isSet={value !== undefined}
      message={refused?.message}
      onReset={() => {
        commit(undefined);
      }}
    >
      <select
        id={inputId}
        value={current}
        aria-required={spec.required}
        aria-invalid={refused !== null}
        aria-describedby={refused === null ? undefined : errorIdOf(inputId)}
        onChange={(event) => {
          const chosen = event.target.value;
          commit(chosen === DEFAULT ? undefined : chosen, chosen);
        }}
      >
        <option value={DEFAULT}>(default)</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {type.deprecated.includes(v) ? `${v} (deprecated)` : v}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}
