/**
 * `npm run package:check` (issue 16): packages the app as IT would get it, with a stub Electron
 * (the binary cannot be downloaded on our machines), and checks what the package holds:
 *  - app.asar: only the built app (out/**), package.json and the runtime dependencies' node_modules
 *    (no sources, tests, source maps, .env, data folders);
 *  - resources/: the tray icon and the IT policy templates;
 *  - the fuses flipped in the executable are exactly electron-builder.yml's `electronFuses`;
 *  - what release machines need for signing (entitlements, notarization, the deb's scripts) is
 *    there, and no certificate or password is in electron-builder.yml.
 * `--skip-build` uses the existing out/ (npm test builds just before). Exit code 1 on any problem.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import asar from '@electron/asar';
import fuses from '@electron/fuses';

const { FuseV1Options, getCurrentFuseWire } = fuses;
type FuseV1Options = fuses.FuseV1Options;
/** A fuse's state byte in the wire: ASCII '1' on, '0' off. */
const ON = 0x31;
const OFF = 0x30;

const root = process.cwd();
const problems: string[] = [];
const check = (ok: boolean, problem: string) => void (ok || problems.push(problem));

/** Electron's own fuse sentinel, then wire version 1, 8 fuses, and states as an unconfigured Electron 45 ships them. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STOCK_FUSES = '10110001';

function stubElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'electron');
  writeFileSync(binary, Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n'), Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from(STOCK_FUSES)]));
  chmodSync(binary, 0o755);
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
  writeFileSync(join(dir, 'version'), version);
}

const SECURE_FUSES = new Map<FuseV1Options, boolean>([
  [FuseV1Options.RunAsNode, false],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
  [FuseV1Options.EnableNodeCliInspectArguments, false],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
  [FuseV1Options.OnlyLoadAppFromAsar, true],
  [FuseV1Options.GrantFileProtocolExtraPrivileges, false],
]);

/** electron-builder.yml's `electronFuses` block (flat `key: true|false` lines), as @electron/fuses options. */
function configuredFuses(): Map<FuseV1Options, boolean> {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8').split('\n');
  const start = yml.findIndex((line) => /^electronFuses:\s*$/.test(line));
  if (start === -1) throw new Error('electron-builder.yml has no electronFuses block');
  const fuses = new Map<FuseV1Options, boolean>();
  for (const line of yml.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const match = /^\s+(\w+):\s*(true|false)\s*(#.*)?$/.exec(line);
    if (!match) continue;
    const option = FuseV1Options[(match[1]![0]!.toUpperCase() + match[1]!.slice(1)) as keyof typeof FuseV1Options];
    if (option === undefined) throw new Error(`electron-builder.yml: unknown fuse ${match[1]}`);
    fuses.set(option, match[2] === 'true');
  }
  return fuses;
}

/** The production dependency closure from package-lock.json: the only node_modules a package may hold. */
function runtimePackages(): Set<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
  );
}

function checkAsar(asarPath: string): number {
  const entries = asar.listPackage(asarPath, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
  const allowed = runtimePackages();
  for (const entry of entries) {
    const modules = entry.match(/\/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
    if (modules) {
      const name = modules.at(-1)!.slice('/node_modules/'.length);
      check(allowed.has(name), `app.asar holds a package that is not a runtime dependency: ${entry}`);
      continue;
    }
    check(entry === '/package.json' || entry === '/node_modules' || entry === '/out' || entry.startsWith('/out/'), `app.asar holds something outside out/ and package.json: ${entry}`);
  }
  for (const entry of entries) {
    if (entry.includes('/node_modules/')) continue;
    check(!/\.(map|tsx?)$/.test(entry), `app.asar holds a source or source map: ${entry}`);
    check(!/(^|\/)(\.env[^/]*|data|tests?|__tests__)(\/|$)/.test(entry), `app.asar holds a test, data or .env entry: ${entry}`);
  }
  for (const needed of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
    check(entries.includes(needed), `app.asar lacks ${needed}`);
  }
  return entries.length;
}

/** What release machines need from electron-builder.yml and resources/ (README, "Releasing"): files present, no secret committed. */
function checkReleaseConfig(): void {
  const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
  for (const [pattern, what] of [
    [/^\s+entitlements: resources\/entitlements\.mac\.plist$/m, 'mac.entitlements'],
    [/^\s+entitlementsInherit: resources\/entitlements\.mac\.inherit\.plist$/m, 'mac.entitlementsInherit'],
    [/^\s+notarize: true$/m, 'mac.notarize'],
    [/^\s+afterInstall: resources\/linux\/after-install\.sh$/m, 'deb.afterInstall'],
    [/^msi:\n\s+perMachine: true$/m, 'msi.perMachine true'],
    [/^nsis:(\n\s+.*)*\n\s+oneClick: false/m, 'nsis.oneClick false (silent /S /allusers)'],
  ] as const) {
    check(pattern.test(yml), `electron-builder.yml lacks ${what}`);
  }
  // Certificates and passwords come from the environment on release machines only.
  check(!/(certificatePassword|certificateFile|cscLink|cscKeyPassword|appleIdPassword|password)\s*:/i.test(yml), 'electron-builder.yml must not hold a certificate or password');
  for (const plist of ['resources/entitlements.mac.plist', 'resources/entitlements.mac.inherit.plist']) {
    const text = existsSync(join(root, plist)) ? readFileSync(join(root, plist), 'utf8') : '';
    check(text.includes('<key>com.apple.security.cs.allow-jit</key>'), `${plist} is missing or lacks allow-jit (Electron needs it under the hardened runtime)`);
  }
  const postinst = existsSync(join(root, 'resources/linux/after-install.sh')) ? readFileSync(join(root, 'resources/linux/after-install.sh'), 'utf8') : '';
  check(postinst.includes('mkdir -p /etc/zapdesk') && postinst.includes('update-alternatives'), 'resources/linux/after-install.sh must create /etc/zapdesk and keep electron-builder\'s steps');
}

async function main() {
  if (!process.argv.includes('--skip-build')) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  const work = mkdtempSync(join(tmpdir(), 'zapdesk-package-'));
  try {
    const stub = join(work, 'electron-stub');
    stubElectron(stub);
    const output = join(work, 'dist');
    execFileSync(
      'npx',
      ['electron-builder', '--linux', 'dir', '--publish', 'never', `-c.electronDist=${stub}`, `-c.directories.output=${output}`],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
    );
    const app = join(output, 'linux-unpacked');
    const files = checkAsar(join(app, 'resources', 'app.asar'));
    check(existsSync(join(app, 'resources', 'icon.png')), 'resources/icon.png is missing');
    // The feed installed apps check for updates (electron-builder.yml `publish`).
    const feed = existsSync(join(app, 'resources', 'app-update.yml')) ? readFileSync(join(app, 'resources', 'app-update.yml'), 'utf8') : '';
    check(/provider: generic/.test(feed) && /url: https:\/\//.test(feed), 'resources/app-update.yml (the update feed) is missing or not https');
    for (const template of ['policy/windows/ZapDesk.admx', 'policy/windows/en-US/ZapDesk.adml', 'policy/macos/com.zapdesk.console.mobileconfig', 'policy/linux/policy.json']) {
      check(existsSync(join(app, 'resources', template)), `resources/${template} is missing`);
    }

    const wire = await getCurrentFuseWire(join(app, 'zapdesk'));
    const configured = configuredFuses();
    // The security checklist's fuses: electron-builder.yml may not weaken them.
    for (const [option, enabled] of SECURE_FUSES) {
      check(configured.get(option) === enabled, `electron-builder.yml must set ${FuseV1Options[option]} ${enabled} (README, Security)`);
    }
    for (const [option, enabled] of configured) {
      const state = wire[option];
      check(state === (enabled ? ON : OFF), `fuse ${FuseV1Options[option]} is ${state === ON ? 'on' : 'off'}, electron-builder.yml says ${enabled ? 'on' : 'off'}`);
    }

    checkReleaseConfig();
    // The preload only forwards (main validates): small, and no zod in it (issue 15).
    const preload = readFileSync(join(root, 'out/preload/index.cjs'), 'utf8');
    check(preload.length <= 20 * 1024, `out/preload/index.cjs is ${Math.round(preload.length / 1024)} kB (at most 20 kB: the preload only forwards)`);
    check(!/ZodError|zod/i.test(preload), 'out/preload/index.cjs bundles zod (the preload only forwards; main validates)');

    if (problems.length) {
      console.error(`package:check found ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      console.log(`package:check: linux-unpacked built with a stub Electron; app.asar ${files} entries (out/, package.json, runtime node_modules only); icon and policy templates in resources/; fuses as electron-builder.yml says`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
