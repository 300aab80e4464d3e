import { useId } from 'react';
import { FieldRow, errorIdOf, type FieldProps } from './FieldRow.tsx';
import { useOptionEdit } from './useOptionEdit.ts';

/** A checkbox for a bool option; unset shows unchecked, and the reset button returns to QEMU's default. */
export function BoolField({ nodeId, spec, path, value }: FieldProps) {
  const inputId = useId();
  const { refused, commit } = useOptionEdit(nodeId, path);
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
      <input
        id={inputId}
        type="checkbox"
        checked={value === true}
        aria-invalid={refused !== null}
        aria-describedby={refused === null ? undefined : errorIdOf(inputId)}
        onChange={(event) => {
          commit(event.target.checked, String(event.target.checked));
        }}
      />
      {value === undefined && <span className="field__default">default</span>}
    </FieldRow>
  );
}
