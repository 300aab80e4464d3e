import { useId } from 'react';
import { describeType } from '../../model/index.ts';
import { FieldRow, errorIdOf, type FieldProps } from './FieldRow.tsx';
import { formatValue, parseLoose, parseScalar } from './optionValue.ts';
import { useOptionEdit } from './useOptionEdit.ts';

/**
 * A text input: strings, integers and numbers as typed, and free-form values (lists, alternates, any)
 * as JSON. Every keystroke is committed; a refused value stays in the field with the model's message.
 */
export function TextField({ nodeId, spec, path, value }: FieldProps) {
  const inputId = useId();
  const { refused, commit } = useOptionEdit(nodeId, path);
  const { kind } = spec.type;
  const isScalar = kind === 'str' || kind === 'int' || kind === 'number';
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
        type="text"
        inputMode={kind === 'int' ? 'numeric' : kind === 'number' ? 'decimal' : 'text'}
        spellCheck={false}
        value={refused?.text ?? formatValue(value)}
        placeholder={isScalar ? kind : describeType(spec.type)}
        aria-required={spec.required}
        aria-invalid={refused !== null}
        aria-describedby={refused === null ? undefined : errorIdOf(inputId)}
        onChange={(event) => {
          const text = event.target.value;
          commit(isScalar ? parseScalar(kind, text) : parseLoose(text), text);
        }}
      />
    </FieldRow>
  );
}
