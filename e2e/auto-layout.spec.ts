import { generateVmGraph } from '../src/model/fixtures/index.ts';
import { expect, test } from './fixtures.ts';
import { shareFragment } from './shareFragment.ts';
import { EditorPage, type DocumentSnapshot } from './pages/EditorPage.ts';

/** True when every parent (and every device) is drawn above its children. */
function parentsAbove(doc: DocumentSnapshot): boolean {
  const y = (id: string) => doc.layout.positions[id]?.y ?? NaN;
  const frontends = Object.values(doc.frontends ?? {}).flatMap((f) => (f.root === null ? [] : [[f.id, f.root]]));
  return [...doc.links.map((l) => [l.parent, l.child]), ...frontends].every(
    ([parent = '', child = '']) => y(parent) < y(child),
  );
}

test('Layout lays the graph out in a worker as one change, and one undo restores the positions', async ({ editor }) => {
  // Scramble the seed: the overlay's file node to the top left, above its parent.
  await editor.drag('disk-file (file)', -260, -220);
  const before = await editor.document();
  expect(parentsAbove(before)).toBe(false);

  await editor.headerButton('Layout').click();
  await expect.poll(async () => parentsAbove(await editor.document())).toBe(true);
  const after = await editor.document();
  expect(after.layout.positions).not.toEqual(before.layout.positions);
  // Only positions changed.
  expect({ ...after, layout: before.layout }).toEqual(before);

  await editor.headerButton('Undo').click();
  expect(await editor.document()).toEqual(before);
  await editor.press('Control+Shift+z');
  expect(await editor.document()).toEqual(after);

  // Shift+L does the same; a laid-out graph stays as it is.
  await editor.press('Shift+L');
  await expect(editor.page.getByRole('status', { name: 'Layout progress' })).toBeEmpty();
  expect(await editor.document()).toEqual(after);
});

test('a layout of 500 nodes keeps the page responsive, and its result is dropped once the document changed', async ({
  page,
}) => {
  const editor = new EditorPage(page);
  const doc = generateVmGraph({ disks: 4, depth: 64, seed: 7 });
  await editor.open(shareFragment(doc));
  const before = await editor.document();

  await editor.headerButton('Layout').click();
  const progress = page.getByRole('status', { name: 'Layout progress' });
  await expect(progress).toContainText(/Laying out \d+ nodes/);
  // The page answers while ELK works: toggling the minimap is immediate, and an edit goes through.
  await editor.headerButton('Minimap').click();
  await expect(editor.headerButton('Minimap')).toHaveAttribute('aria-pressed', 'false');
  await expect(editor.canvas.getByRole('img', { name: 'Minimap' })).toHaveCount(0);
  await editor.press('Control+z'); // back to the document before the link's
  await expect(progress).toBeEmpty();
  await expect(editor.notice).toContainText('The document changed while the layout ran, so nothing was moved.');
  await editor.press('Control+Shift+z');
  expect(await editor.document()).toEqual(before);

  // Run it through: every parent above its children, fitted in view.
  await editor.press('Shift+L');
  await expect.poll(async () => parentsAbove(await editor.document()), { timeout: 30_000 }).toBe(true);
  await editor.press('Shift+M');
  await expect(editor.canvas.getByRole('img', { name: 'Minimap' })).toBeVisible();
  await editor.headerButton('Fit view').click();
});
