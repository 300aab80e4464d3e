import { FieldRow, type FieldProps } from './FieldRow.tsx';
import { useField } from './useField.ts';

/** A checkbox for a bool option; unset shows unchecked, and the reset button returns to QEMU's default. */
export function BoolField(props: FieldProps) {
  const { inputId, commit, row, aria } = useField(props);
  return (
    <FieldRow {...row}>
      <input
        id={inputId}
        type="checkbox"
        checked={props.value === true}
        {...aria}
        onChange={(event) => {
          commit(event.target.checked, String(event.target.checked));
        }}
      />
      {props.value === undefined && <span className="field__default">default</span>}
    </FieldRow>
  );
}
