#!/usr/bin/env node
// walrus (development): runs the TypeScript sources in src/ through tsx, without a build. Slower to start than
// bin/run.js and ignores oclif.manifest.json, so commands added or changed in src/ show up immediately.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { runCli } = await import(pathToFileURL(join(root, 'src', 'cli', 'run.ts')).href);
await runCli({ root, development: true });
