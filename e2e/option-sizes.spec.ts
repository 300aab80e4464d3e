import { expect, test } from './fixtures.ts';

test("fields show QEMU's defaults, and a size field takes QEMU's size suffixes", async ({ editor, page }) => {
  await editor.addFromPalette('null-co');
  const size = editor.option('size');
  await expect(size).toHaveAttribute('placeholder', 'default 1073741824');
  await expect(editor.inspector.getByTestId('inspector.option.read-zeroes')).toContainText('default: off');
  await expect(editor.inspector.getByTestId('inspector.option.detect-zeroes').getByRole('combobox')).toContainText(
    '(default: off)',
  );

  await size.fill('64M');
  await expect(size).toHaveValue('64M');
  const [node] = Object.values((await editor.document()).nodes).filter((n) => n.driver === 'null-co');
  expect(node?.options).toEqual({ size: 64 * 1024 ** 2 });
  await expect(page.getByText('64 MiB', { exact: true })).toBeVisible();

  // Leaving the field shows the bytes QEMU receives.
  await size.blur();
  await expect(size).toHaveValue(String(64 * 1024 ** 2));
});
