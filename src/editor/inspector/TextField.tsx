import { useState } from 'react';
import { byteCountText, describeType, parseByteCount } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import { FieldRow, type FieldProps } from './FieldRow.tsx';
import { formatValue, isByteCount, knownDefault, parseLoose, parseScalar } from './optionValue.ts';
import { useField } from './useField.ts';

/**
 * A text input: strings, integers and numbers as typed, and free-form values (lists, alternates, any)
 * as JSON; byte counts also take QEMU's size suffixes (`64M`) and show their size in binary units.
 * The placeholder is QEMU's default where the model knows it, else the type. Every keystroke is
 * committed; a refused value stays in the field with the model's message.
 */
export function TextField(props: FieldProps) {
  const { spec, value, nodeId, path } = props;
  const { inputId, refused, commit, row, aria } = useField(props);
  const driver = useEditorStore((s) => s.document.nodes[nodeId]?.driver);
  const { kind } = spec.type;
  const isScalar = kind === 'str' || kind === 'int' || kind === 'number';
  const bytes = isByteCount(spec);
  const fallback = knownDefault(driver, path);
  const typeText = isScalar ? (bytes ? 'bytes, or 64M, 1G…' : kind) : describeType(spec.type);
  const placeholder = fallback === undefined ? typeText : `default ${formatValue(fallback)}`;
  // What was typed into a byte count stays as typed (`64M`) until the field loses focus.
  const [typed, setTyped] = useState<string | null>(null);
  const parse = (text: string) => {
    if (!isScalar) return parseLoose(text);
    const scalar = parseScalar(kind, text);
    return bytes && typeof scalar === 'string' ? (parseByteCount(text) ?? scalar) : scalar;
  };
  return (
    <FieldRow {...row}>
      <input
        id={inputId}
        type="text"
        inputMode={kind === 'int' ? 'numeric' : kind === 'number' ? 'decimal' : 'text'}
        spellCheck={false}
        value={refused?.text ?? typed ?? formatValue(value)}
        placeholder={placeholder}
        aria-required={spec.required}
        {...aria}
        onBlur={() => {
          setTyped(null);
        }}
        onChange={(event) => {
          const text = event.target.value;
          if (bytes) setTyped(text);
          commit(parse(text), text);
        }}
      />
      {bytes && typeof value === 'number' && Math.abs(value) >= 1024 && (
        <span className="field__hint">{byteCountText(value)}</span>
      )}
    </FieldRow>
  );
}
