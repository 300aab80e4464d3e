import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCommandLine, fromCommandLine, toBlockdevArgs, toCommandLine } from '../../export/index.ts';
import { qcow2Header } from '../../model/fixtures/index.ts';
import {
  formatDiagnostic,
  imagesFrom,
  splitCommandLine,
  type BlockGraph,
  type ImageSource,
  type Result,
} from '../../model/index.ts';
import { documentSummary, importSummaries } from './compareImport.ts';
import { documentSpecArb, toDocument } from './randomDocuments.ts';

/**
 * import(export(doc)) resolves like doc: a random document written as a whole command line
 * (toCommandLine) or as -object/-blockdev/-device arguments (toBlockdevArgs), JSON or dotted,
 * shell-quoted, is read back by fromCommandLine into a document that resolves (effective options
 * of every node, every edge) like the command line and like the original document.
 */

/** Every image the document's file nodes name: a qcow2 header under a qcow2 parent, else raw bytes. */
function imagesOf(doc: BlockGraph): ImageSource {
  const files: Record<string, Uint8Array> = {};
  for (const node of Object.values(doc.nodes)) {
    const filename = node.options.filename;
    if (node.driver !== 'file' || typeof filename !== 'string') continue;
    const parent = doc.links.find((l) => l.child === node.id && l.role === 'file');
    files[filename] = doc.nodes[parent?.parent ?? '']?.driver === 'qcow2' ? qcow2Header() : new Uint8Array(512);
  }
  return imagesFrom(files);
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.value;
}

const FORMS = ['cmdline json', 'cmdline dotted', 'blockdev json', 'blockdev dotted'] as const;

function exported(doc: BlockGraph, form: (typeof FORMS)[number]): string[] {
  const dotted = form.endsWith('dotted') ? 'dotted' : 'json';
  return unwrap(
    form.startsWith('cmdline') ? toCommandLine(doc, { form: dotted }) : toBlockdevArgs(doc, { form: dotted }),
  );
}

describe('fromCommandLine(export(doc))', () => {
  it('resolves like the command line and like the document (300 random documents, 4 forms)', () => {
    fc.assert(
      fc.property(documentSpecArb, fc.constantFrom(...FORMS), (spec, form) => {
        const doc = toDocument(spec);
        const images = imagesOf(doc);
        const text = formatCommandLine(exported(doc, form));
        const split = splitCommandLine(text);
        if (!split.ok) throw new Error(split.error.message);
        const imported = unwrap(fromCommandLine(text, images));
        const { commandLine, document } = importSummaries(split.words, imported.graph, images);
        expect(commandLine.error).toBeNull();
        expect(Object.keys(commandLine.nodes).length).toBeGreaterThan(0);
        expect(document).toEqual(commandLine);
        expect(document).toEqual(documentSummary(doc, images));
        expect(Object.values(imported.graph.frontends).map((f) => [f.kind, f.root])).toEqual(
          Object.values(doc.frontends).map((f) => [f.kind, f.root]),
        );
      }),
      { seed: 20260214, numRuns: 300 },
    );
  });
});
