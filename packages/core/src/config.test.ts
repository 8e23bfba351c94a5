import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configVariables, loadConfig } from './config.js';

describe('configuration', () => {
  it('has documented defaults: the embedded database on port 8080', () => {
    const config = loadConfig({});
    expect(config.db).toBe('sqlite:./data/shuzhi.db');
    expect(config.port).toBe(8080);
    expect(config.timeZone).toBe('Asia/Shanghai');
  });

  it('reads SHUZHI_* variables and PORT, converting types', () => {
    const config = loadConfig({
      PORT: '9090',
      SHUZHI_DB: 'postgres://x@h/db',
      SHUZHI_COOKIE_SECURE: 'true',
      SHUZHI_DEMO_PEOPLE: '1000',
    });
    expect(config).toMatchObject({
      port: 9090,
      db: 'postgres://x@h/db',
      cookieSecure: true,
      demoPeople: 1000,
    });
  });

  it('names the variable and reason of an invalid value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ SHUZHI_LOG_LEVEL: 'loud' })).toThrow(/SHUZHI_LOG_LEVEL/);
  });

  it('gives SQLite a 256 MiB page cache unless SHUZHI_SQLITE_CACHE_MB says otherwise', () => {
    expect(loadConfig({}).sqliteCacheMb).toBe(256);
    expect(loadConfig({ SHUZHI_SQLITE_CACHE_MB: '1024' }).sqliteCacheMb).toBe(1024);
    expect(() => loadConfig({ SHUZHI_SQLITE_CACHE_MB: '0' })).toThrow(/SHUZHI_SQLITE_CACHE_MB/);
  });

  it('limits HTTP imports to 4 GiB unless SHUZHI_IMPORT_MAX_BYTES says otherwise, and refuses a limit below 1', () => {
    expect(loadConfig({}).importMaxBytes).toBe(4 * 1024 * 1024 * 1024);
    expect(loadConfig({ SHUZHI_IMPORT_MAX_BYTES: '10737418240' }).importMaxBytes).toBe(10 * 1024 ** 3);
    expect(() => loadConfig({ SHUZHI_IMPORT_MAX_BYTES: '0' })).toThrow(/SHUZHI_IMPORT_MAX_BYTES/);
    expect(() => loadConfig({ SHUZHI_IMPORT_MAX_BYTES: '1.5' })).toThrow(/SHUZHI_IMPORT_MAX_BYTES/);
    expect(() => loadConfig({ SHUZHI_IMPORT_MAX_BYTES: 'lots' })).toThrow(/SHUZHI_IMPORT_MAX_BYTES/);
  });

  it('is documented in the README, every variable of it', () => {
    const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8');
    for (const { env } of Object.values(configVariables)) expect(readme).toContain(`\`${env}\``);
  });
});
