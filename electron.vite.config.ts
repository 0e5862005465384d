import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/** WREN_OUT builds a second copy beside out/ (e2e can test it with WREN_E2E_OUT). */
const out = resolve(__dirname, process.env.WREN_OUT ?? 'out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(out, 'main'),
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          host: resolve(__dirname, 'src-main/host/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: resolve(out, 'renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
      // electron-vite leaves the renderer unminified; minified, React and zod take a third of the
      // room, which is most of what keeps the first screen's JavaScript under 500 KB (issue 14).
      minify: true,
    },
    plugins: [react()],
  },
});
