import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from '../src/app';
import { ConfigError, parseConfig } from '../src/config';

describe('configuration', () => {
  it('reads the port and data folder from flags before the environment', () => {
    const config = parseConfig(['--port', '5001', '--data-dir', '/tmp/x'], { PORT: '6000' });
    expect(config).toMatchObject({ port: 5001, dataDir: '/tmp/x', databaseUrl: null, demoData: true, provider: 'sandbox' });
    expect(parseConfig([], { PORT: '6000', DATABASE_URL: 'postgres://h/db' })).toMatchObject({ port: 6000, demoData: false });
  });

  it('names the setting that is wrong', () => {
    expect(() => parseConfig(['--port', 'abc'], {})).toThrow(/PORT/);
    expect(() => parseConfig([], { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig([], { DEMO_DATA: 'yes' })).toThrow(/DEMO_DATA/);
    expect(() => parseConfig([], { WHATSAPP_PROVIDER: 'telegram' })).toThrow(/WHATSAPP_PROVIDER/);
    expect(() => parseConfig(['--data-dir'], {})).toThrow(ConfigError);
    expect(() => parseConfig([], { LOGIN_RATE_LIMIT: '0' })).toThrow(/LOGIN_RATE_LIMIT/);
    expect(parseConfig([], { LOGIN_RATE_LIMIT: '50' }).loginRateLimit).toBe(50);
    expect(() => parseConfig([], { BUSINESS_COUNTRY: 'Brazil' })).toThrow(/BUSINESS_COUNTRY/);
    expect(parseConfig([], { BUSINESS_COUNTRY: ' br ' }).businessCountry).toBe('BR');
    expect(parseConfig([], {}).businessCountry).toBeNull();
  });
});

describe('restart on the same PGlite data folder', () => {
  it('applies migrations once, keeps the data and the sandbox clock, and loads the demo only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zapdesk-restart-'));
    try {
      const first = await createServer({ dataDir: dir, demoData: true, sweepIntervalMs: 0 });
      expect(first.demoLoaded).toBe(true);
      const moved = await first.sandboxClock!.advance(3600);
      await first.close();
      const second = await createServer({ dataDir: dir, demoData: true, sweepIntervalMs: 0 });
      expect(second.demoLoaded).toBe(false);
      expect(second.clock.now().getTime()).toBeGreaterThanOrEqual(moved.getTime());
      const users = await second.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(users.rows[0]!.n).toBe(5);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000); // two cold PGlite starts with every migration: over vitest's 30 s on a loaded 2-core machine
});
