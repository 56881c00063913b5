import { defineConfig } from 'vite';

// Served by the app under /explorer/ (the page itself at /explore/{id}).
export default defineConfig({
  base: '/explorer/',
  build: {
    outDir: '../../server/static/explorer',
    emptyOutDir: true,
  },
});
