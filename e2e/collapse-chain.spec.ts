import { generateVmGraph } from '../src/model/fixtures/index.ts';
import type { BlockGraph } from '../src/model/index.ts';
import { expect, test } from './fixtures.ts';
import { shareFragment } from './shareFragment.ts';
import { EditorPage } from './pages/EditorPage.ts';

/** One disk of 50 qcow2 layers (`d0-l0` on top … `d0-l49`, the base), each over its own file node; one layer has a bad option. */
function fiftyLayers(): BlockGraph {
  const doc = generateVmGraph({ disks: 1, depth: 50, throttled: 0, unnamed: 0, seed: 2 });
  const broken = doc.nodes['d0-l30'];
  if (broken === undefined) throw new Error('no layer 30');
  return {
    ...doc,
    nodes: { ...doc.nodes, 'd0-l30': { ...broken, options: { ...broken.options, discard: 'sometimes' } } },
  };
}

const COLLAPSED = '49 more layers (backing chain of d0-l0)';

test('collapse a 50-layer chain into one node and expand it again', async ({ page }) => {
  const editor = new EditorPage(page);
  const doc = fiftyLayers();
  await editor.open(shareFragment(doc));
  const nodes = editor.canvas.locator('.react-flow__node');
  // 50 layers, 50 files and the guest device.
  await expect(nodes).toHaveCount(101);
  const before = await editor.document();

  // The chain is taller than the view: select its top from the keyboard (focus pans the view to it).
  await editor.canvasNode('d0-l0 (qcow2)').focus();
  await editor.press('Enter');
  const chain = editor.inspector.getByRole('region', { name: 'Backing chain' });
  await expect(chain).toContainText('49 image layers below d0-l0');
  await chain.getByRole('button', { name: 'Collapse backing chain' }).click();

  // One node stands for the 49 layers below the top and their files; the top keeps its own file.
  const collapsed = editor.canvasNode(COLLAPSED);
  await expect(collapsed).toBeVisible();
  await expect(nodes).toHaveCount(4);
  await editor.headerButton('Fit view').click();
  await expect(collapsed).toContainText('49 more layers');
  await expect(collapsed).toContainText('down to d0-l49.qcow2');
  await expect(editor.canvasEdge('d0-l0', 'd0-l1', 'backing')).toHaveCount(1);
  // The bad option of a hidden layer is flagged on the collapsed node.
  await expect(collapsed.getByRole('img')).toHaveAttribute('title', /d0-l30: .*sometimes/);
  // The collapsed node is selected, and the inspector says what it holds.
  await expect(editor.inspector.getByRole('heading', { name: '49 more layers' })).toBeVisible();
  await expect(
    editor.inspector.getByRole('region', { name: 'Hidden layers', exact: true }).getByRole('listitem'),
  ).toHaveCount(49);
  await expect(
    editor.inspector.getByRole('region', { name: 'Hidden with them', exact: true }).getByRole('listitem'),
  ).toHaveCount(49);
  await expect(editor.inspector.getByRole('region', { name: 'Problems in the hidden layers' })).toContainText('d0-l30');

  // View state only: the graph and every position are as they were.
  const folded = await editor.document();
  expect(folded.layout.collapsed).toEqual(['d0-l0']);
  expect({ ...folded, layout: { positions: folded.layout.positions } }).toEqual(before);
  // It survives a reload (autosave keeps the layout part).
  await expect.poll(async () => (await editor.storedDocument())?.layout.collapsed).toEqual(['d0-l0']);

  // Undo and redo the collapse, one entry each way.
  await editor.press('Control+z');
  await expect(nodes).toHaveCount(101);
  await editor.press('Control+Shift+z');
  await expect(collapsed).toBeVisible();

  // Dragging the collapsed node moves the layers it hides with it.
  const l20 = folded.layout.positions['d0-l20'];
  await editor.drag(COLLAPSED, 80, 0);
  const dragged = await editor.document();
  expect(dragged.layout.positions['d0-l20']?.y).toBe(l20?.y);
  expect(dragged.layout.positions['d0-l20']?.x).toBeGreaterThan(l20?.x ?? Infinity);
  await editor.press('Control+z');

  await collapsed.getByRole('button', { name: 'Expand the backing chain of d0-l0' }).click();
  await expect(nodes).toHaveCount(101);
  await expect(editor.canvasNode('d0-l49 (qcow2)')).toHaveCount(1);
  await expect(editor.canvasNode(COLLAPSED)).toHaveCount(0);
  // Every layer is back where it was.
  expect(await editor.document()).toEqual(before);
});
