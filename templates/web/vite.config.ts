import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { walrusDevnet } from './devnet-plugin.js';

export default defineConfig({
  plugins: [react(), walrusDevnet()],
  server: { host: '127.0.0.1' },
});
