import { describeType } from '../../model/index.ts';
import { FieldRow, type FieldProps } from './FieldRow.tsx';
import { formatValue, parseLoose, parseScalar } from './optionValue.ts';
import { useField } from './useField.ts';

/**
 * A text input: strings, integers and numbers as typed, and free-form values (lists, alternates, any)
 * as JSON. Every keystroke is committed; a refused value stays in the field with the model's message.
 */
export function TextField(props: FieldProps) {
  const { spec, value } = props;
  const { inputId, refused, commit, row, aria } = useField(props);
  const { kind } = spec.type;
  const isScalar = kind === 'str' || kind === 'int' || kind === 'number';
  return (
    <FieldRow {...row}>
      <input
        id={inputId}
        type="text"
        inputMode={kind === 'int' ? 'numeric' : kind === 'number' ? 'decimal' : 'text'}
        spellCheck={false}
        value={refused?.text ?? formatValue(value)}
        placeholder={isScalar ? kind : describeType(spec.type)}
        aria-required={spec.required}
        {...aria}
        onChange={(event) => {
          const text = event.target.value;
          commit(isScalar ? parseScalar(kind, text) : parseLoose(text), text);
        }}
      />
    </FieldRow>
  );
}
