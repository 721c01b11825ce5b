// Vite configuration for the SvelteKit app; WEB_PORT picks the dev server port (default 5173).
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const port = Number(process.env.WEB_PORT ?? 5173);

export default defineConfig({
  plugins: [sveltekit()],
  server: { port, strictPort: true },
  preview: { port, strictPort: true },
});
