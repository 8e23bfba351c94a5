// Vite build of the web app; the server serves apps/web/dist. `npm run dev -w @shuzhi/web` proxies the API.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, sourcemap: false },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/fhir': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
    },
  },
});
