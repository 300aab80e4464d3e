import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Real-QEMU tests start processes; a slow shared machine must not turn them red.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
