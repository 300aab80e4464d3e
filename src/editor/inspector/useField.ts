import { useId } from 'react';
import type { JsonValue } from '../../model/index.ts';
import { errorIdOf, type FieldProps } from './FieldRow.tsx';
import { useOptionEdit, type Refusal } from './useOptionEdit.ts';

/** What every option field needs: its row's props, the control's id and ARIA state, and a commit. */
export interface Field {
  inputId: string;
  refused: Refusal | null;
  commit: (value: JsonValue | undefined, text?: string) => void;
  /** Spread on `<FieldRow>`. */
  row: {
    inputId: string;
    spec: FieldProps['spec'];
    path: readonly string[];
    isSet: boolean;
    message: string | undefined;
    onReset: () => void;
  };
  /** Spread on the control. */
  aria: { 'aria-invalid': boolean; 'aria-describedby': string | undefined };
}

/** Wires one option field to the store: edits go through `setOption`; a refusal shows beside it. */
export function useField({ nodeId, spec, path, value }: FieldProps): Field {
  const inputId = useId();
  const { refused, commit } = useOptionEdit(nodeId, path);
  return {
    inputId,
    refused,
    commit,
    row: {
      inputId,
      spec,
      path,
      isSet: value !== undefined,
      message: refused?.message,
      onReset: () => {
        commit(undefined);
      },
    },
    aria: { 'aria-invalid': refused !== null, 'aria-describedby': refused === null ? undefined : errorIdOf(inputId) },
  };
}
