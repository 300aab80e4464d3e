import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The editor bundle: relative asset paths, so `dist/` can be served from any directory. */
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    rolldownOptions: {
      output: {
        // Libraries change less often than the editor: a chunk of their own caches better and stays under the size warning.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  preview: { host: '127.0.0.1' },
});
