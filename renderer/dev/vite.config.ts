/* eslint-disable no-restricted-imports -- build config run by Node, not renderer code. */
/**
 * The renderer part of electron.vite.config.ts as a plain Vite config, for building the renderer
 * alone (`npx vite build -c renderer/dev/vite.config.ts`) into its own folder, so looking at the
 * UI never needs main/preload to build and never overwrites the out/renderer that e2e tests serve.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = resolve(import.meta.dirname, '..');
export const devRendererOut = resolve(rendererRoot, '../out/dev-renderer');

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: devRendererOut,
    emptyOutDir: true,
    rollupOptions: { input: resolve(rendererRoot, 'index.html') },
  },
});
