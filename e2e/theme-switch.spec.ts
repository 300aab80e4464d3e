import { expect, test } from './fixtures.ts';

test('the theme follows the system, switches system → light → dark, and stays dark after a reload', async ({
  editor,
  page,
}) => {
  const html = page.locator('html');
  const flow = editor.canvas.locator('.react-flow');
  const theme = () => editor.toolbarButton(/^Theme/);
  await expect(theme()).toHaveAccessibleName('Theme: system (light)');
  await expect(html).toHaveAttribute('data-theme', 'light');

  // The system turning dark is followed while the choice is "system".
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(theme()).toHaveAccessibleName('Theme: system (dark)');
  await expect(flow).toHaveClass(/\bdark\b/);

  await theme().click();
  await expect(theme()).toHaveAccessibleName('Theme: light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await expect(flow).toHaveClass(/\blight\b/);
  await theme().click();
  await expect(theme()).toHaveAccessibleName('Theme: dark');
  await expect(html).toHaveCSS('background-color', 'rgb(18, 22, 28)');

  // Chosen, not followed: a light system no longer changes it, and neither does a reload.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await editor.canvas.locator('.react-flow__node').first().waitFor();
  await expect(theme()).toHaveAccessibleName('Theme: dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect(editor.canvas.locator('.react-flow')).toHaveClass(/\bdark\b/);
  await expect(editor.canvasNode('disk (qcow2)').locator('.canvas-node')).toHaveCSS(
    'background-color',
    'rgb(20, 52, 42)',
  );
});
