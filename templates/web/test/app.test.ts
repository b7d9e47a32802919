/**
 * The app in a real browser: Debian's Chromium (`apt-get install chromium`; CHROMIUM_PATH for another one) driven
 * by playwright-core, against the Vite dev server and the run's devnet. Uploads a PNG and sees it displayed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useDevnet } from 'walrus-devkit/testing';

const devnet = useDevnet();
const SIDE = 160;
const PNG = gradientPng(SIDE);

/** A SIDE×SIDE RGB PNG with a colour gradient (so the displayed image can be checked by its size). */
function gradientPng(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const rows = Buffer.alloc(side * (1 + side * 3));
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      rows.set([(x * 255) / side, (y * 255) / side, 200], y * (1 + side * 3) + 1 + x * 3);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let server: ViteDevServer;
let browser: Browser;
let descriptorDir: string;

beforeAll(async () => {
  descriptorDir = mkdtempSync(join(tmpdir(), 'walrus-web-test-'));
  process.env.WALRUS_DEVNET_DESCRIPTOR = join(descriptorDir, 'devnet.json');
  writeFileSync(process.env.WALRUS_DEVNET_DESCRIPTOR, JSON.stringify(devnet.descriptor));
  server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  await server.listen();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(descriptorDir, { recursive: true, force: true });
});

it('uploads an image and displays it back from the storage nodes', async () => {
  const page = await browser.newPage();
  await page.goto(server.resolvedUrls!.local[0]!);
  await page.getByText('Ready.').waitFor();
  await page
    .getByLabel('File to store')
    .setInputFiles({ name: 'gradient.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Upload to Walrus' }).click();
  const preview = page.getByTestId('preview');
  await preview.waitFor();
  const width = await preview.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
  expect(width).toBe(SIDE);
  const blobId = (await page.getByTestId('blob-id').textContent()) ?? '';
  await expect(blobId).toBeCertified();
  await expect(page.getByTestId('blob-list').textContent()).resolves.toContain('gradient.png');
  if (process.env.WALRUS_SCREENSHOT) await page.screenshot({ path: process.env.WALRUS_SCREENSHOT });
});
