import { useEditorStore } from '../store/editorStore.ts';
import { FieldRow, type FieldProps } from './FieldRow.tsx';
import { knownDefault } from './optionValue.ts';
import { useField } from './useField.ts';

/**
 * A checkbox for a bool option; unset shows unchecked with QEMU's default beside it (its value where
 * the model knows it), and the reset button returns to that default.
 */
export function BoolField(props: FieldProps) {
  const { inputId, commit, row, aria } = useField(props);
  const driver = useEditorStore((s) => s.document.nodes[props.nodeId]?.driver);
  const fallback = knownDefault(driver, props.path);
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
      {props.value === undefined && (
        <span className="field__default">
          {fallback === undefined ? 'default' : `default: ${fallback === true ? 'on' : 'off'}`}
        </span>
      )}
    </FieldRow>
  );
}
