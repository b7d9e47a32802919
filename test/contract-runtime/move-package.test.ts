import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMovePackage, parseMoveManifest } from '../../devnet/contract-runtime/move-package.js';

describe('parseMoveManifest', () => {
  it('reads the package name, named addresses and local dependencies', () => {
    const manifest = parseMoveManifest(
      `# comment
[package]
name = "walrus"   # trailing comment
edition = "2024"

[dependencies]
wal = { local = "../wal" }
Sui = { git = "https://example.invalid/sui.git", rev = "main" }

[addresses]
walrus = "0x0"
helper = "0x5"
later = "_"
`,
      '/repo/contracts/walrus',
    );
    expect(manifest).toEqual({
      name: 'walrus',
      edition: '2024',
      addresses: { helper: '0x5' },
      addressNames: ['walrus', 'helper', 'later'],
      localDependencies: { wal: '/repo/contracts/wal' },
    });
  });

  it('requires a package name', () => {
    expect(() => parseMoveManifest('[addresses]\na = "0x1"\n')).toThrow(/no \[package\] name/);
  });
});

describe('loadMovePackage', () => {
  const root = mkdtempSync(join(tmpdir(), 'move-package-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('base/Move.toml', '[package]\nname = "base"\n[addresses]\nbase = "0x0"\n');
  write('base/sources/token.move', 'module base::token;\npublic struct TOKEN has drop {}\n');
  write(
    'app/Move.toml',
    '[package]\nname = "app"\n[dependencies]\nbase = { local = "../base" }\n[addresses]\napp = "0x0"\nfixed = "0x77"\n',
  );
  write(
    'app/sources/a.move',
    'module app::a;\nuse base::token::TOKEN;\npublic fun f(_t: TOKEN): address { @fixed }\n',
  );
  write('app/sources/nested/b.move', 'module fixed::b;\npublic struct B has drop { x: u8 }\n');
  write('app/sources/README.md', 'not Move');

  it('parses every .move file under sources/, in path order, with caller and manifest addresses', () => {
    const pkg = loadMovePackage(join(root, 'app'), { addresses: { app: '0xa', base: '0xb' } });
    expect(pkg.manifest.name).toBe('app');
    expect(pkg.modules.map((m) => `${m.addressName}::${m.name}`)).toEqual(['app::a', 'fixed::b']);
    expect(pkg.modules[0]!.functions[0]!.params[0]!.type).toBe(
      '0x000000000000000000000000000000000000000000000000000000000000000b::token::TOKEN',
    );
    expect(pkg.modules[1]!.address).toBe(
      '0x0000000000000000000000000000000000000000000000000000000000000077',
    );
    expect(pkg.addresses).toMatchObject({ std: '0x1', sui: '0x2', app: '0xa', base: '0xb', fixed: '0x77' });
  });

  it('names the file and the missing address when a placeholder is not given', () => {
    expect(() => loadMovePackage(join(root, 'app'), { addresses: { app: '0xa' } })).toThrow(
      /a\.move: line 1: unknown named address "base"/,
    );
  });
});
