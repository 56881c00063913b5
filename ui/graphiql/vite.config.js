import { defineConfig } from 'vite';

// Served by the app under /graphiql/ (the page itself at /graphql).
export default defineConfig({
  base: '/graphiql/',
  // Monaco's language workers split into chunks, which only module workers allow.
  worker: { format: 'es' },
  build: {
    outDir: '../../server/static/graphiql',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8192,
    rollupOptions: {
      onwarn(warning, warn) {
        // React libraries' "use client" markers mean nothing in a plain bundle.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
