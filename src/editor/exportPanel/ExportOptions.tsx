import { memo, useId } from 'react';
import type { ExportChoices, ExportTab } from './exportFormats.ts';

/** A block node the json: tab can write, as its picker lists it. */
export interface NodeChoice {
  id: string;
  label: string;
}

/** Props of `ExportOptions`. */
export interface ExportOptionsProps {
  tab: ExportTab;
  choices: ExportChoices;
  /** The json: tab's node (resolved: chosen, selected or the only root), or undefined. */
  jsonNode: string | undefined;
  /** The block nodes the json: tab can write; read only on that tab. */
  nodes: readonly NodeChoice[];
  onChange: (choices: ExportChoices) => void;
}

interface Option<T extends string> {
  value: T;
  label: string;
}

const LAYOUTS: readonly Option<ExportChoices['qmpLayout']>[] = [
  { value: 'nested', label: 'nested' },
  { value: 'flat', label: 'flat' },
];
const OPTION_STYLES: readonly Option<ExportChoices['qmpOptions']>[] = [
  { value: 'as-written', label: 'as written' },
  { value: 'minimal', label: 'minimal' },
  { value: 'explicit', label: 'explicit' },
];
const QMP_FORMS: readonly Option<ExportChoices['qmpForm']>[] = [
  { value: 'array', label: 'JSON array' },
  { value: 'lines', label: 'JSON lines' },
];
const ARGUMENT_FORMS: readonly Option<ExportChoices['blockdevForm']>[] = [
  { value: 'json', label: 'JSON' },
  { value: 'dotted', label: 'dotted keys' },
];

/** One labelled drop-down; `onPick` gets the value as one of `options`' values. */
function Choice<T extends string>({
  label,
  value,
  options,
  onPick,
}: {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onPick: (value: T) => void;
}) {
  const id = useId();
  return (
    <span className="export-panel__choice">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const picked = options.find((option) => option.value === event.currentTarget.value);
          if (picked !== undefined) onPick(picked.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * The current tab's own options: QMP layout, option style and text form; the -blockdev and command
 * line's JSON or dotted values; the json: tab's node. -drive and the document have none.
 */
export const ExportOptions = memo(function ExportOptions({
  tab,
  choices,
  jsonNode,
  nodes,
  onChange,
}: ExportOptionsProps) {
  const set =
    <K extends keyof ExportChoices>(key: K) =>
    (value: ExportChoices[K]) => {
      onChange({ ...choices, [key]: value });
    };
  switch (tab) {
    case 'qmp':
      return (
        <>
          <Choice label="Layout" value={choices.qmpLayout} options={LAYOUTS} onPick={set('qmpLayout')} />
          <Choice label="Options" value={choices.qmpOptions} options={OPTION_STYLES} onPick={set('qmpOptions')} />
          <Choice label="Text" value={choices.qmpForm} options={QMP_FORMS} onPick={set('qmpForm')} />
        </>
      );
    case 'blockdev':
      return (
        <Choice label="Values" value={choices.blockdevForm} options={ARGUMENT_FORMS} onPick={set('blockdevForm')} />
      );
    case 'cmdline':
      return <Choice label="Values" value={choices.cmdlineForm} options={ARGUMENT_FORMS} onPick={set('cmdlineForm')} />;
    case 'json-filename': {
      const options: Option<string>[] = [
        ...(jsonNode === undefined ? [{ value: '', label: 'Choose a node…' }] : []),
        ...nodes.map((node) => ({ value: node.id, label: node.label })),
      ];
      return (
        <Choice
          label="Node"
          value={jsonNode ?? ''}
          options={options}
          onPick={(id) => {
            if (id !== '') onChange({ ...choices, jsonNode: id });
          }}
        />
      );
    }
    case 'drive':
    case 'document':
      return null;
  }
});
