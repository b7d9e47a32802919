import { defineConfig } from 'walrus-devkit';

// `walrus dev up` and `npm run store` read this file. Every key is optional; see walrus-devkit's README.
export default defineConfig({
  devnet: { nodes: 4, epochDuration: '30s' },
});
