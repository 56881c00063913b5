import { defineConfig } from 'vite';

// Two pages, loaded from file:// by bench/graph-libraries.mjs.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { cytoscape: 'cytoscape.html', sigma: 'sigma.html' } },
  },
});
