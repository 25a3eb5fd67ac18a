/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `vite dev` forwards the API; `npm start` serves the built console through serve.mjs instead. */
const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // County office PCs run current Chromium-based browsers (360, QQ, Edge); no legacy bundle.
    target: 'es2022',
    // Budget checked by tools/budget.mjs after the build; the manifest tells it which chunks form the shell.
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 4200,
    proxy: {
      '/graphql': { target: GATEWAY, ws: true },
      '/tiles': GATEWAY,
      '/r': GATEWAY,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}', 'tools/**/*.spec.ts'],
  },
});
