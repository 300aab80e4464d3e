import type { ReactNode } from 'react';
import type { JsonValue, OptionSpec } from '../../model/index.ts';

/** Props shared by every option field. */
export interface FieldProps {
  nodeId: string;
  spec: OptionSpec;
  /** The option's path from the node's options (`['cache', 'direct']`). */
  path: readonly string[];
  value: JsonValue | undefined;
}

/** The id of a field's error message, for `aria-describedby`. */
export function errorIdOf(inputId: string): string {
  return `${inputId}-error`;
}

/** One option row: a real label, the control, a reset button when set, and the refusal message. */
export function FieldRow(props: {
  inputId: string;
  spec: OptionSpec;
  path: readonly string[];
  isSet: boolean;
  message: string | undefined;
  onReset: () => void;
  children: ReactNode;
}) {
  const { inputId, spec, path, isSet, message, onReset, children } = props;
  return (
    <div
      className={`field${message === undefined ? '' : ' field--invalid'}`}
      data-testid={`inspector.option.${path.join('.')}`}
    >
      {/* The marker stays outside the label, so the label is exactly the option's name. */}
      <span className="field__name">
        <label htmlFor={inputId}>{spec.name}</label>
        {spec.required && (
          <span className="field__required" title="required" aria-hidden="true">
            *
          </span>
        )}
      </span>
      <div className="field__control">
        {children}
        {isSet && (
          <button
            type="button"
            className="field__reset"
            aria-label={`Reset ${path.join('.')}`}
            title="Reset to QEMU's default"
            onClick={onReset}
          >
            ↺
          </button>
        )}
      </div>
      {message !== undefined && (
        <p className="field__error" id={errorIdOf(inputId)}>
          {message}
        </p>
      )}
    </div>
  );
}
