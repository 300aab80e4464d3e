import { describe, expect, it } from 'vitest';
import { graph } from '../../model/fixtures/index.ts';
import { validateDocument, type Diagnostic } from '../../model/index.ts';
import { createStore } from 'zustand/vanilla';
import { createEditorState } from '../store/editorStore.ts';
import { selectAllDiagnostics } from '../store/useEngine.ts';
import { diagnosticsAnnouncement, diagnosticsCountText, newDiagnostics } from './diagnosticsAnnouncement.ts';

const d = (code: Diagnostic['code'], node: string, message: string): Diagnostic => ({
  code,
  severity: 'error',
  message,
  node,
});

describe('diagnosticsAnnouncement', () => {
  it('says nothing when the diagnostics did not change', () => {
    const list = [d('E101', 'a', 'Missing file')];
    expect(diagnosticsAnnouncement(list, [...list])).toBeUndefined();
    expect(diagnosticsAnnouncement([], [])).toBeUndefined();
  });

  it('gives the count and the first new problem, and how many more', () => {
    const old = [d('E101', 'a', 'Missing file')];
    const now = [...old, d('E101', 'b', 'Missing file'), d('E102', 'c', 'Bad value')];
    expect(diagnosticsAnnouncement(old, now)).toBe('3 diagnostics. New: b: Missing file and 1 more');
    expect(newDiagnostics(old, now).map((x) => x.node)).toEqual(['b', 'c']);
  });

  it('says how many were fixed when problems went away', () => {
    const old = [d('E101', 'a', 'Missing file'), d('E101', 'b', 'Missing file')];
    expect(diagnosticsAnnouncement(old, old.slice(1))).toBe('1 diagnostic. 1 fixed');
    expect(diagnosticsAnnouncement(old, [])).toBe('No diagnostics. 2 fixed');
  });

  it('counts a repeated problem once per occurrence', () => {
    const one = d('E101', 'a', 'Missing file');
    expect(newDiagnostics([one], [one, one])).toHaveLength(1);
    expect(diagnosticsCountText(1)).toBe('1 diagnostic');
  });

  it('announces the problem an edit through the store made', () => {
    const store = createStore(createEditorState(graph().build()));
    const before = selectAllDiagnostics(store.getState());
    store.getState().addNode({ driver: 'file' });
    const after = selectAllDiagnostics(store.getState());
    const expected = validateDocument(store.getState().document)[0];
    expect(diagnosticsAnnouncement(before, after)).toBe(`1 diagnostic. New: file-1: ${expected?.message ?? ''}`);
  });
});
