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

  it('refuses SHUZHI_DB=sqlite: with no path, which would run on a database lost at restart', () => {
    expect(() => loadConfig({ SHUZHI_DB: 'sqlite:' })).toThrow(/SHUZHI_DB: sqlite: needs a file path/);
    expect(() => loadConfig({ SHUZHI_DB: 'sqlite:  ' })).toThrow(/SHUZHI_DB/);
    // An in-memory database stays possible when it is asked for by name.
    expect(loadConfig({ SHUZHI_DB: 'sqlite::memory:' }).db).toBe('sqlite::memory:');
    expect(loadConfig({ SHUZHI_DB: 'sqlite:/var/lib/shuzhi/db.sqlite' }).db).toBe(
      'sqlite:/var/lib/shuzhi/db.sqlite',
    );
  });

  it('refuses a SHUZHI_DB of another scheme or one that does not parse, naming the variable, never the password', () => {
    const attempt = () => loadConfig({ SHUZHI_DB: 'mysql://admin:hunter2@db/shuzhi' });
    expect(attempt).toThrow(/SHUZHI_DB: must start with sqlite:/);
    expect(attempt).not.toThrow(/hunter2/);
    expect(() => loadConfig({ SHUZHI_DB: 'postgres://' })).toThrow(/SHUZHI_DB: postgres:\/\/ needs a host/);
    expect(() => loadConfig({ SHUZHI_DB: 'postgres://u:p@' })).toThrow(/SHUZHI_DB: not a valid URL/);
    expect(() => loadConfig({ SHUZHI_DB: 'postgres://u:p@h:99999/db' })).toThrow(
      /SHUZHI_DB: not a valid URL/,
    );
    expect(loadConfig({ SHUZHI_DB: 'postgres://u@/db?host=/run/postgresql' }).db).toContain(
      '/run/postgresql',
    );
    expect(loadConfig({ SHUZHI_DB: 'postgresql://u:p@h:5432/db' }).db).toBe('postgresql://u:p@h:5432/db');
  });

  it('refuses a SHUZHI_TIME_ZONE the time-zone database does not know, and takes IANA names', () => {
    expect(() => loadConfig({ SHUZHI_TIME_ZONE: 'Mars/Phobos' })).toThrow(
      /SHUZHI_TIME_ZONE: "Mars\/Phobos" is not a time zone/,
    );
    expect(() => loadConfig({ SHUZHI_TIME_ZONE: 'GMT+25' })).toThrow(/SHUZHI_TIME_ZONE/);
    expect(loadConfig({ SHUZHI_TIME_ZONE: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
    expect(loadConfig({ SHUZHI_TIME_ZONE: 'UTC' }).timeZone).toBe('UTC');
  });

  it('refuses a time-zone abbreviation, which the runtime may read as another zone than meant', () => {
    // Intl takes CST as America/Chicago; an operator in China means China Standard Time (UTC+8).
    expect(() => loadConfig({ SHUZHI_TIME_ZONE: 'CST' })).toThrow(
      /SHUZHI_TIME_ZONE: "CST" is an abbreviation/,
    );
    expect(() => loadConfig({ SHUZHI_TIME_ZONE: 'PRC' })).toThrow(/SHUZHI_TIME_ZONE/);
    expect(loadConfig({ SHUZHI_TIME_ZONE: 'Asia/Urumqi' }).timeZone).toBe('Asia/Urumqi');
  });

  it('warns of a SHUZHI_* variable it does not read, suggesting the setting it most likely meant', () => {
    const warnings: string[] = [];
    const config = loadConfig(
      { SHUZHI_TIMEZONE: 'UTC', SHUZHI_DATABASE: 'sqlite:/x.db', SHUZHI_PORT: '9000', HOME: '/root' },
      {},
      { warn: (m) => warnings.push(m) },
    );
    expect(warnings).toEqual([
      'SHUZHI_DATABASE is not a Shuzhi setting and is ignored',
      'SHUZHI_TIMEZONE is not a Shuzhi setting and is ignored (did you mean SHUZHI_TIME_ZONE?)',
    ]);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.port).toBe(9000);
    const none: string[] = [];
    loadConfig(
      { SHUZHI_DB: 'sqlite:/x.db', SHUZHI_TEST_POSTGRES_URL: 'postgres://h/db' },
      {},
      {
        warn: (m) => none.push(m),
      },
    );
    expect(none).toEqual([]);
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
