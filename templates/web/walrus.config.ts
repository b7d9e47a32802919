import { defineConfig } from 'walrus-devkit';

// `walrus dev up` reads this file. Every key is optional; see walrus-devkit's README.
export default defineConfig({
  devnet: { nodes: 4, epochDuration: '30s' },
});
