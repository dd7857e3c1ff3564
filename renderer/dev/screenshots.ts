/* eslint-disable no-restricted-imports -- a Node dev tool kept beside the renderer it drives; it never runs inside the renderer. */
/**
 * Screenshots of the renderer with a fake `window.api` (no core, no server), to look at every
 * screen in every language:
 *
 *   npx tsx renderer/dev/screenshots.ts [--no-build] [--out DIR]
 *
 * Builds the renderer alone (vite.config.ts beside this file), serves it on a free local port,
 * opens it in Debian's Chromium with mock-api.ts injected, and writes PNGs to out/screenshots/
 * (`<language>-<screen>.png`). Any page error or console error fails the run.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { invokeChannels, type Language } from '../../shared/ipc/contract';
import { demoSeed, type MockOptions } from './demo-data';
import { installMockApi } from './mock-api';
import viteConfig, { devRendererOut } from './vite.config';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end('not found'),
    );
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

interface Shot {
  name: string;
  options?: Partial<MockOptions>;
  /** English only: extra states that read the same in every language. */
  englishOnly?: boolean;
  act(page: Page): Promise<void>;
}

const rows = (page: Page) => page.getByTestId('conversation-row');
const openConversation = async (page: Page, name: string) => {
  await rows(page).filter({ hasText: name }).click();
  await page.getByTestId('message').first().waitFor();
};

const SHOTS: Shot[] = [
  { name: 'login', options: { signedIn: false }, act: (page) => page.locator('form').waitFor() },
  {
    name: 'login-error',
    options: { signedIn: false, loginError: 'NETWORK_ERROR' },
    async act(page) {
      await page.locator('input[type=email]').fill('agent@demo.test');
      await page.locator('input[type=password]').fill('demo-password');
      await page.locator('input[type=password]').press('Enter');
      await page.getByTestId('login-error').waitFor();
    },
  },
  { name: 'login-expired', options: { sessionExpired: true }, act: (page) => page.locator('.notice').waitFor() },
  {
    name: 'inbox',
    async act(page) {
      await rows(page).first().waitFor();
      await page.locator('[data-testid=connection-status].connection-online').waitFor();
    },
  },
  { name: 'conversation', act: (page) => openConversation(page, 'Bruno Costa') },
  {
    name: 'conversation-template',
    async act(page) {
      await openConversation(page, 'Gabriela Rocha');
      await page.getByTestId('template-tag').waitFor();
    },
  },
  { name: 'conversation-bot', englishOnly: true, act: (page) => openConversation(page, 'Diego Ramos') },
  {
    name: 'conversation-live',
    englishOnly: true,
    async act(page) {
      await openConversation(page, 'Bruno Costa');
      await page.evaluate(() => (window as unknown as { __mock: import('./mock-api').MockControl }).__mock.customerWrites('c-bruno', 'One more thing: can I change the address?'));
      await page.getByTestId('message').filter({ hasText: 'One more thing' }).waitFor();
    },
  },
  { name: 'inbox-error', englishOnly: true, options: { inboxError: 'NETWORK_ERROR', connection: 'offline' }, act: (page) => page.getByRole('alert').waitFor() },
  { name: 'inbox-empty', englishOnly: true, options: { emptyInbox: true }, act: (page) => page.getByTestId('inbox-empty').waitFor() },
];

async function shoot(browser: Browser, baseUrl: string, language: Language, shot: Shot, outDir: string): Promise<string> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: language });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  const options: MockOptions = { signedIn: true, language, systemLocale: 'en-US', connection: 'online', ...shot.options };
  const seed = demoSeed(Date.now(), options, Object.keys(invokeChannels));
  // tsx (esbuild keepNames) may wrap functions in `__name(...)`: define it for the page.
  await page.addInitScript({ content: `var __name = (f) => f;\n(${installMockApi.toString()})(${JSON.stringify(seed)});` });
  try {
    await page.goto(baseUrl);
    await shot.act(page);
    // Let relative times, fonts and scrolling settle before the picture.
    await page.waitForTimeout(300);
    const file = join(outDir, `${language}-${shot.name}.png`);
    await page.screenshot({ path: file });
    if (problems.length) throw new Error(problems.join('\n'));
    return file;
  } catch (error) {
    await page.screenshot({ path: join(outDir, `${language}-${shot.name}.failed.png`) }).catch(() => undefined);
    throw new Error(`${language}-${shot.name}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await context.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : resolve(import.meta.dirname, '../../out/screenshots'));
  if (!args.includes('--no-build')) await build({ ...viteConfig, configFile: false });
  await mkdir(outDir, { recursive: true });
  const server = await serve(devRendererOut);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const failures: string[] = [];
  try {
    for (const language of ['en', 'es', 'pt-BR'] as const) {
      for (const shot of SHOTS) {
        if (shot.englishOnly && language !== 'en') continue;
        await shoot(browser, baseUrl, language, shot, outDir).then(
          (file) => console.log(file),
          (error: Error) => failures.push(error.message),
        );
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (failures.length) {
    console.error(failures.join('\n'));
    process.exitCode = 1;
  }
}

await main();
