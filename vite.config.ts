import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer build. Electron serves dist/renderer from app://salesdesk/ and web mode from the HTTP
 * server, so every asset URL is relative (base './'). Both send CSP `script-src 'self'`: the output has
 * no inline scripts, only the module entry and its chunks.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // Electron's CSP is style-src 'self': keep CSS in files, never injected <style> tags.
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    // React apart from the app: it changes only with a dependency upgrade (and keeps each chunk < 500 kB).
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // i18next and ICU (intl-messageformat and its parser) likewise: a library chunk apart from the app's own code
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|i18next-icu|intl-messageformat|@formatjs)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // `npm run web` on its default port answers /api while `vite` serves the renderer with hot reload.
    proxy: { '/api': 'http://127.0.0.1:5757' },
  },
});
