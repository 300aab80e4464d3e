import { memo, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BlockGraph } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';
import {
  DEFAULT_CHOICES,
  EXPORT_TABS,
  exportOutput,
  jsonFilenameNode,
  refusedTabs,
  type ExportChoices,
  type ExportOutput,
  type ExportTab,
} from './exportFormats.ts';
import { ExportOptions, type NodeChoice } from './ExportOptions.tsx';
import { ExportOutputView } from './ExportOutputView.tsx';
import { tabAfterKey } from './tabKeys.ts';

const TAB_IDS: readonly ExportTab[] = EXPORT_TABS.map((tab) => tab.id);

/** The block nodes as the json: tab's picker lists them: `name (driver)`, or the id for an unnamed node. */
export function nodeChoices(graph: BlockGraph): NodeChoice[] {
  return Object.values(graph.nodes).map((node) => ({
    id: node.id,
    label: `${node.name ?? `${node.id} (unnamed)`} · ${node.driver}`,
  }));
}

/**
 * The bottom panel: the document in every export format, one tab each (QMP, -blockdev, -drive,
 * json:, command line, document), live. Only the visible tab's output is computed (memoised on the
 * document and its options); small documents also compute the others, to mark the tabs whose
 * format refuses the document. Subscribes to the document and the primary selection only.
 */
export function ExportPanel() {
  const graph = useEditorStore((s) => s.document);
  const selectedId = useEditorStore((s) => s.selectedId);
  const [tab, setTab] = useState<ExportTab>('qmp');
  const [choices, setChoices] = useState<ExportChoices>(DEFAULT_CHOICES);
  const jsonNode = jsonFilenameNode(graph, choices.jsonNode, selectedId);
  const output = useMemo(() => exportOutput(graph, tab, choices, jsonNode), [graph, tab, choices, jsonNode]);
  const refused = useMemo(() => refusedTabs(graph, choices, jsonNode), [graph, choices, jsonNode]);
  const nodes = useMemo(() => (tab === 'json-filename' ? nodeChoices(graph) : []), [graph, tab]);
  return (
    <ExportPanelView
      tab={tab}
      choices={choices}
      output={output}
      refused={refused}
      jsonNode={jsonNode}
      nodes={nodes}
      onTab={setTab}
      onChoices={setChoices}
    />
  );
}

/** Props of `ExportPanelView`: what the panel shows and where the user's choices go. */
export interface ExportPanelViewProps {
  tab: ExportTab;
  choices: ExportChoices;
  /** The visible tab's output. */
  output: ExportOutput;
  /** Tabs whose format refuses the document (marked in the tab list). */
  refused: ReadonlySet<ExportTab>;
  jsonNode: string | undefined;
  nodes: readonly NodeChoice[];
  onTab: (tab: ExportTab) => void;
  onChoices: (choices: ExportChoices) => void;
}

/**
 * The export panel as its props say: an ARIA tab list (arrow keys, Home and End move between the
 * tabs and show them) and the one tab panel of the selected tab, with its options and output.
 */
export const ExportPanelView = memo(function ExportPanelView(props: ExportPanelViewProps) {
  const { tab, choices, output, refused, jsonNode, nodes, onTab, onChoices } = props;
  const base = useId();
  const tabId = (id: ExportTab) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const info = EXPORT_TABS.find((t) => t.id === tab) ?? EXPORT_TABS[0];
  const label = info?.label ?? tab;
  return (
    <section className="export-panel" aria-label="Export">
      <header className="export-panel__header">
        <h2>Export</h2>
        <TabList tab={tab} refused={refused} tabId={tabId} panelId={panelId} onTab={onTab} />
      </header>
      <div
        id={panelId}
        role="tabpanel"
        aria-labelledby={tabId(tab)}
        className="export-panel__body"
        data-testid="export.tabpanel"
      >
        <p className="export-panel__hint">{info?.hint}</p>
        <ExportOutputView
          tab={tab}
          label={label}
          output={output}
          options={<ExportOptions tab={tab} choices={choices} jsonNode={jsonNode} nodes={nodes} onChange={onChoices} />}
        />
      </div>
    </section>
  );
});

interface TabListProps {
  tab: ExportTab;
  refused: ReadonlySet<ExportTab>;
  tabId: (tab: ExportTab) => string;
  panelId: string;
  onTab: (tab: ExportTab) => void;
}

/** The formats as tabs: the selected one is the only one in the Tab order; a refusing format is marked. */
function TabList({ tab, refused, tabId, panelId, onTab }: TabListProps) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const next = tabAfterKey(TAB_IDS, tab, event.key);
      if (next === undefined) return;
      event.preventDefault();
      onTab(next);
      list.current?.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus();
    },
    [tab, onTab],
  );
  return (
    <div ref={list} role="tablist" aria-label="Export formats" className="export-panel__tabs" onKeyDown={onKeyDown}>
      {EXPORT_TABS.map(({ id, label }) => {
        const selected = id === tab;
        const refuses = refused.has(id);
        return (
          <button
            key={id}
            id={tabId(id)}
            type="button"
            role="tab"
            data-tab={id}
            className={`export-panel__tab${refuses ? ' is-refused' : ''}`}
            aria-selected={selected}
            aria-controls={selected ? panelId : undefined}
            tabIndex={selected ? 0 : -1}
            title={refuses ? `${label} cannot express this document` : undefined}
            onClick={() => {
              onTab(id);
            }}
          >
            {label}
            {refuses && (
              <span className="export-panel__tab-mark" aria-hidden="true">
                {' '}
                !
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
