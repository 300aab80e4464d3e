import type { OptionType } from '../../model/index.ts';
import { FieldRow, type FieldProps } from './FieldRow.tsx';
import { useField } from './useField.ts';

/** The schema type of an enum option. */
export type EnumType = Extract<OptionType, { kind: 'enum' }>;

const DEFAULT = '';

/** A select over an enum's values, with "(default)" to leave the option unset. */
export function EnumField({ type, ...props }: FieldProps & { type: EnumType }) {
  const { spec, value } = props;
  const { inputId, commit, row, aria } = useField(props);
  const current = typeof value === 'string' ? value : DEFAULT;
  // A value the schema does not list (from a loaded document) still shows, so the user can see and change it.
  const values = current === DEFAULT || type.values.includes(current) ? type.values : [current, ...type.values];
  return (
    <FieldRow {...row}>
      <select
        id={inputId}
        value={current}
        aria-required={spec.required}
        {...aria}
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
