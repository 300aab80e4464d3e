import { expect, test } from './fixtures.ts';

test('copy and paste: fresh names, the inner link kept, the outer one dropped, offset and selected', async ({
  editor,
}) => {
  await editor.select('backing (qcow2)');
  await editor.addToSelection('backing-file (file)');
  expect(await editor.selectedNodes()).toEqual(['backing (qcow2)', 'backing-file (file)']);
  const before = await editor.document();

  await editor.press('Control+c');
  await editor.press('Control+v');
  await expect(editor.canvasNode('backing-1 (qcow2)')).toBeVisible();
  await expect(editor.canvasNode('backing-file-1 (file)')).toBeVisible();
  expect(await editor.selectedNodes()).toEqual(['backing-1 (qcow2)', 'backing-file-1 (file)']);

  const doc = await editor.document();
  expect(doc.nodes['backing-1']).toMatchObject({ driver: 'qcow2', name: 'backing-1' });
  expect(doc.nodes['backing-file-1']).toMatchObject({
    driver: 'file',
    name: 'backing-file-1',
    options: { filename: 'backing.qcow2' },
  });
  const pastedLinks = doc.links.filter((l) => l.parent.endsWith('-1') || l.child.endsWith('-1'));
  // Inside the copy: kept. disk → backing went to a node outside it: dropped.
  expect(pastedLinks).toEqual([{ parent: 'backing-1', role: 'file', child: 'backing-file-1', mode: 'inline' }]);
  const at = before.layout.positions.backing ?? { x: 0, y: 0 };
  const moved = doc.layout.positions['backing-1'] ?? { x: 0, y: 0 };
  expect(moved.x - at.x).toBeGreaterThan(0);
  expect(moved.y - at.y).toBeGreaterThan(0);

  // The paste is one entry.
  await editor.press('Control+z');
  expect(await editor.document()).toEqual(before);
});

test('a selection box selects what it covers; its copy keeps the frontend on its copied root', async ({ editor }) => {
  await editor.boxSelect('vda (virtio-blk-pci)', 'disk (qcow2)');
  expect(await editor.selectedNodes()).toEqual(['disk (qcow2)', 'vda (virtio-blk-pci)']);
  await editor.press('Control+c');
  await editor.press('Control+v');
  await expect(editor.canvasNode('vda-1 (virtio-blk-pci)')).toBeVisible();
  const doc = await editor.document();
  expect(doc.frontends?.['vda-1']?.root).toBe('disk-1');
  expect(doc.links.filter((l) => l.parent === 'disk-1' || l.child === 'disk-1')).toEqual([]);
});

test('cut, duplicate, select all and delete, each one entry', async ({ editor }) => {
  const before = await editor.document();
  await editor.select('backing-file (file)');
  await editor.press('Control+x');
  await expect(editor.canvasNode('backing-file (file)')).toHaveCount(0);
  await editor.press('Control+v');
  await expect(editor.canvasNode('backing-file (file)')).toBeVisible();
  // The cut took the link to backing; the paste does not bring back a link to a node outside the copy.
  expect((await editor.document()).links.some((l) => l.child === 'backing-file')).toBe(false);

  await editor.select('disk (qcow2)');
  await editor.press('Control+d');
  await expect(editor.canvasNode('disk-1 (qcow2)')).toBeVisible();
  expect(await editor.selectedNodes()).toEqual(['disk-1 (qcow2)']);

  await editor.press('Control+a');
  expect(await editor.selectedNodes()).toHaveLength(6);
  await editor.press('Delete');
  await expect(editor.canvas.locator('.react-flow__node')).toHaveCount(0);
  for (let i = 0; i < 4; i++) await editor.press('Control+z');
  expect(await editor.document()).toEqual(before);
});

test('F2 renames in place: Enter commits, a taken name is refused with the reason, Escape cancels', async ({
  editor,
}) => {
  await editor.select('disk (qcow2)');
  await editor.press('F2');
  const field = editor.renameField('disk (qcow2)');
  await expect(field).toBeFocused();
  await field.fill('backing');
  await field.press('Enter');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.canvas.getByText("Duplicate nodes with node-name='backing'")).toBeVisible();
  expect((await editor.document()).nodes.disk?.name).toBe('disk');

  await field.fill('1st');
  await field.press('Enter');
  await expect(editor.canvas.getByText("Invalid node-name: '1st'")).toBeVisible();

  await field.press('Escape');
  await expect(field).toHaveCount(0);
  expect((await editor.document()).nodes.disk?.name).toBe('disk');

  await editor.press('F2');
  await editor.renameField('disk (qcow2)').fill('system');
  await editor.press('Enter');
  await expect(editor.canvasNode('system (qcow2)')).toBeVisible();
  const doc = await editor.document();
  expect(doc.nodes.disk?.name).toBe('system');
  expect(doc.frontends?.vda?.root).toBe('disk');
  await editor.press('Control+z');
  await expect(editor.canvasNode('disk (qcow2)')).toBeVisible();
});
