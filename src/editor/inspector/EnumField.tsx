import type { OptionType } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { FieldRow, type FieldProps } from './FieldRow.tsx';
import { formatValue, knownDefault } from './optionValue.ts';
import { useField } from './useField.ts';

/** The schema type of an enum option. */
export type EnumType = Extract<OptionType, { kind: 'enum' }>;

const DEFAULT = '';

/** A select over an enum's values, with "(default)" (and QEMU's default where known) to leave the option unset. */
export function EnumField({ type, ...props }: FieldProps & { type: EnumType }) {
  const { spec, value, nodeId, path } = props;
  const { inputId, commit, row, aria } = useField(props);
  const driver = useEditorStore((s) => s.document.nodes[nodeId]?.driver);
  const fallback = knownDefault(driver, path);
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
        <option value={DEFAULT}>{fallback === undefined ? '(default)' : `(default: ${formatValue(fallback)})`}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {type.deprecated.includes(v) ? `${v} (deprecated)` : v}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}
