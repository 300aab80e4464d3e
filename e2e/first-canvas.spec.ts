import { expect, test } from './fixtures.ts';

test('the seed example is drawn, a palette node is added, inspected and exported', async ({ editor }) => {
  for (const name of [
    'disk (qcow2)',
    'disk-file (file)',
    'backing (qcow2)',
    'backing-file (file)',
    'vda (virtio-blk-pci)',
  ]) {
    await expect(editor.canvasNode(name)).toBeVisible();
  }
  await expect(editor.edgeLabels('file')).toHaveCount(2);
  await expect(editor.edgeLabels('backing')).toHaveCount(1);
  await expect(editor.edgeLabels('root')).toHaveCount(1);

  await editor.addFromPalette('null-co');
  await expect(editor.canvasNode('null-co-1 (null-co)')).toBeVisible();
  const added = (await editor.document()).nodes['null-co-1'];
  expect(added).toMatchObject({ driver: 'null-co', name: 'null-co-1' });

  await editor.select('disk (qcow2)');
  await expect(editor.inspector.getByRole('heading', { name: 'disk', exact: true })).toBeVisible();
  await expect(editor.option('cache-size')).toBeVisible();
  await expect(editor.option('lazy-refcounts')).toBeVisible();
  await expect(editor.inspector.getByRole('group', { name: 'cache' })).toBeVisible();

  const qmp = await editor.qmpText();
  expect(qmp).toContain('"blockdev-add"');
  expect(qmp).toContain('"driver":"qcow2"');
  expect(qmp).toContain('"driver":"null-co","node-name":"null-co-1"');
});

test('an option edit reaches the model and the export; a refused value explains itself', async ({ editor }) => {
  await editor.select('disk (qcow2)');
  await editor.option('cache-size').fill('1048576');
  expect((await editor.document()).nodes.disk?.options).toEqual({ 'cache-size': 1048576 });
  expect(await editor.qmpText()).toContain('"cache-size":1048576');

  await editor.option('cache-size').fill('lots');
  await expect(editor.inspector.getByText("Invalid parameter type for 'cache-size', expected: integer")).toBeVisible();
  await expect(editor.alert).toContainText("Invalid parameter type for 'cache-size'");
  expect((await editor.document()).nodes.disk?.options).toEqual({ 'cache-size': 1048576 });
});

test('the Delete key removes the selected node through the model', async ({ editor }) => {
  await editor.select('backing-file (file)');
  await editor.page.keyboard.press('Delete');
  await expect(editor.canvasNode('backing-file (file)')).toHaveCount(0);
  const doc = await editor.document();
  expect(doc.nodes['backing-file']).toBeUndefined();
  expect(doc.links.map((l) => l.child)).not.toContain('backing-file');
});

test('drawing an edge connects the first free child role; a refused one is explained', async ({ editor }) => {
  await editor.addFromPalette('raw');
  await editor.connect('raw-1 (raw)', 'disk (qcow2)');
  await expect(editor.edgeLabels('file')).toHaveCount(3);
  expect((await editor.document()).links).toContainEqual({
    parent: 'raw-1',
    role: 'file',
    child: 'disk',
    mode: 'inline',
  });

  await editor.connect('backing (qcow2)', 'disk (qcow2)');
  await expect(editor.alert).toContainText("Connecting 'disk' below 'backing' would create a cycle");
  expect((await editor.document()).links.filter((l) => l.parent === 'backing')).toHaveLength(1);
});

test('a drag moves the node in the model when it ends', async ({ editor }) => {
  const before = (await editor.document()).layout.positions['disk-file'];
  await editor.drag('disk-file (file)', -120, 60);
  const after = (await editor.document()).layout.positions['disk-file'];
  expect(after?.x).toBeLessThan(before?.x ?? 0);
  expect(after?.y).toBeGreaterThan(before?.y ?? 0);
});
