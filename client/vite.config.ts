// Builds the browser client; the server serves client/dist at `/`.
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Lists every built asset in `shell-assets.json`: the pages load their chunks on demand, and
 * the service worker caches them all at install, so that any page opens offline.
 */
function shellAssets(): Plugin {
  return {
    name: 'civic-ledger-shell-assets',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => name.startsWith('assets/'))
        .map((name) => `/${name}`)
        .sort();
      this.emitFile({ type: 'asset', fileName: 'shell-assets.json', source: `${JSON.stringify(files)}\n` });
    },
  };
}

export default defineConfig({
  plugins: [react(), shellAssets()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: {
      '/sync': { target: 'ws://127.0.0.1:8787', ws: true },
      '/api': 'http://127.0.0.1:8787',
      '/healthz': 'http://127.0.0.1:8787',
    },
  },
});
