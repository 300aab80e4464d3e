import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './e2e/chromium.ts';

const PORT = 4179;
const BASE_URL = `http://127.0.0.1:${String(PORT)}`;

/** Journeys in Debian's Chromium against a production build of the editor (mode `e2e` keeps the dev bridge). */
export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  reporter: 'list',
  timeout: 60_000,
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: CHROMIUM_LAUNCH,
      },
    },
  ],
  webServer: {
    command: `npx vite build --mode e2e && npx vite preview --port ${String(PORT)} --strictPort --mode e2e`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
