import { defineConfig } from 'vite';

const apiTarget = process.env.TT_API_URL ?? 'http://localhost:7071';

export default defineConfig({
  base: '/',
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
});
