import { test as base } from '@playwright/test';
import { EditorPage } from './pages/EditorPage.ts';

/** Playwright's `test` with an opened editor as the `editor` fixture. */
export const test = base.extend<{ editor: EditorPage }>({
  editor: async ({ page }, use) => {
    const editor = new EditorPage(page);
    await editor.open();
    await use(editor);
  },
});

export { expect } from '@playwright/test';
