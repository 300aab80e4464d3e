import { useState } from 'react';
import type { JsonValue } from '../../model/index.ts';
import { useEditorStore } from '../store/editorStore.ts';

/** A value the model refused: what the user typed, and why it was refused. */
export interface Refusal {
  text: string;
  message: string;
}

/** Editing one option: the last refusal (kept so the field shows the user's text), and a commit. */
export interface OptionEdit {
  refused: Refusal | null;
  /** Sets (or with undefined clears) the option; `text` is what the field shows if the value is refused. */
  commit: (value: JsonValue | undefined, text?: string) => void;
}

/** Commits edits of the option at `path` of node `nodeId` through the store's `setOption`. */
export function useOptionEdit(nodeId: string, path: readonly string[]): OptionEdit {
  const setOption = useEditorStore((s) => s.setOption);
  const [refused, setRefused] = useState<Refusal | null>(null);
  const commit = (value: JsonValue | undefined, text = '') => {
    const problems = setOption({ node: nodeId, path, value });
    setRefused(problems.length === 0 ? null : { text, message: problems.map((p) => p.message).join('; ') });
  };
  return { refused, commit };
}
