import { quorumOfThree } from '../src/model/fixtures/index.ts';
import { expect, test } from './fixtures.ts';
import type { DocumentSnapshot, EditorPage } from './pages/EditorPage.ts';

/** Where each of the example's nodes is dropped (pixels from the canvas's top-left corner): a readable tree. */
const LAYOUT: Readonly<Record<string, { x: number; y: number }>> = {
  hda: { x: 415, y: 40 },
  disk0: { x: 415, y: 125 },
  quorum0: { x: 415, y: 215 },
  qc0: { x: 170, y: 305 },
  qc1: { x: 450, y: 305 },
  qc2: { x: 700, y: 305 },
  file0: { x: 90, y: 415 },
  back0: { x: 300, y: 415 },
  'qc1-file': { x: 520, y: 415 },
  'qc2-file': { x: 720, y: 415 },
  'back0-file': { x: 300, y: 525 },
};

/** The parts of a document (the editor's, or the example's own) that `structure` reads. */
interface Described {
  nodes: Readonly<Record<string, { id: string; driver: string; options: unknown }>>;
  links: readonly DocumentSnapshot['links'][number][];
  frontends?: Readonly<Record<string, { id: string; kind: string; root: string | null }>>;
}

/** What a document builds, with ids renamed to the example's: nodes, links with modes, frontends. */
function structure(doc: Described, name: (id: string) => string) {
  return {
    nodes: Object.values(doc.nodes)
      .map((n) => ({ id: name(n.id), driver: n.driver, options: n.options }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    links: doc.links
      .map((l) => ({ parent: name(l.parent), role: l.role, child: name(l.child), mode: l.mode }))
      .sort((a, b) => `${a.parent}/${a.role}`.localeCompare(`${b.parent}/${b.role}`)),
    frontends: Object.values(doc.frontends ?? {})
      .map((f) => ({ id: name(f.id), kind: f.kind, root: f.root === null ? null : name(f.root) }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** Deletes everything on the canvas, one element at a time, as a user would. */
async function emptyCanvas(editor: EditorPage): Promise<void> {
  const doc = await editor.document();
  const labels = [
    ...Object.values(doc.frontends ?? {}).map((f) => `${f.id} (${f.kind})`),
    ...Object.values(doc.nodes).map((n) => `${n.name ?? n.id} (${n.driver})`),
  ];
  for (const label of labels) {
    await editor.select(label);
    await editor.page.keyboard.press('Delete');
    await expect(editor.canvasNode(label)).toHaveCount(0);
  }
}

test('the seed talk’s quorum example is built from an empty canvas with the palette, role handles and the inspector', async ({
  editor,
}) => {
  test.setTimeout(120_000);
  const example = quorumOfThree();
  await emptyCanvas(editor);
  const empty = await editor.document();
  expect([Object.keys(empty.nodes), empty.links, Object.keys(empty.frontends ?? {})]).toEqual([[], [], []]);

  // Every node and the frontend, dragged from the palette to its place.
  const built: Record<string, string> = {};
  for (const [id, at] of Object.entries(LAYOUT)) {
    const kind = example.nodes[id]?.driver ?? example.frontends[id]?.kind ?? '';
    built[id] = await editor.dropFromPalette(kind, at);
  }
  const label = (id: string) => {
    const driver = example.nodes[id]?.driver ?? example.frontends[id]?.kind ?? '';
    return `${built[id] ?? id} (${driver})`;
  };
  // A dropped node is centred where it was dropped.
  const quorumBox = await editor.canvasNode(label('quorum0')).boundingBox();
  const canvasBox = await editor.canvas.boundingBox();
  const quorumAt = LAYOUT.quorum0;
  if (quorumBox === null || canvasBox === null || quorumAt === undefined) throw new Error('quorum not on screen');
  expect(Math.abs(quorumBox.x + quorumBox.width / 2 - (canvasBox.x + quorumAt.x))).toBeLessThan(20);
  await expect(editor.canvasNode(label('quorum0'))).toHaveAccessibleDescription(/Missing required child: children/);

  // Options, typed into the inspector.
  for (const node of Object.values(example.nodes)) {
    const entries = Object.entries(node.options);
    if (entries.length === 0) continue;
    await editor.select(label(node.id));
    for (const [option, value] of entries) {
      await editor.option(option).fill(typeof value === 'string' ? value : JSON.stringify(value));
    }
  }

  // Links, drawn from each parent's role handle (a list role from its "add" handle), then set to reference where the example says.
  for (const link of example.links) {
    const role = link.role.replace(/\.\d+$/, '');
    await editor.connect(label(link.parent), label(link.child), role);
    const made = (await editor.document()).links.find(
      (l) => l.parent === built[link.parent] && l.child === built[link.child],
    );
    expect(made?.role).toBe(link.role);
    if (made?.mode !== link.mode) {
      await editor.selectEdge(built[link.parent] ?? '', built[link.child] ?? '', link.role);
      await editor.inspector.getByRole('radio', { name: 'Reference' }).check();
    }
  }
  for (const frontend of Object.values(example.frontends)) {
    if (frontend.root !== null) await editor.connect(label(frontend.id), label(frontend.root));
  }

  const exampleIds = new Map(Object.entries(built).map(([exampleId, builtId]) => [builtId, exampleId]));
  const doc = await editor.document();
  expect(structure(doc, (id) => exampleIds.get(id) ?? `unexpected ${id}`)).toEqual(structure(example, (id) => id));
  await expect(editor.canvasNode(label('quorum0'))).not.toHaveAccessibleDescription(/Missing required/);
  await expect(editor.alert).toBeEmpty();
});
