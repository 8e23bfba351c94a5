/**
 * The platform's configuration: one validated object read once from `SHUZHI_*` environment variables
 * (plus `PORT`). No module reads process.env itself; the CLI and server pass this object down.
 */
import { z } from 'zod';
import { unknownConfigVariables } from './config-unknown.js';
import { AppError } from './errors.js';
import { fieldIssueOfZod } from './zod-issues.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number) => z.coerce.number().int().min(min);

/**
 * Why a database URL cannot be used, or undefined when it can. `sqlite:` with no path opens an in-memory
 * database that loses everything at restart: a typo, not a choice — `sqlite::memory:` says it on purpose.
 */
export function databaseUrlProblem(url: string): string | undefined {
  if (/^postgres(ql)?:\/\/$/.test(url)) return 'postgres:// needs a host: postgres://user:pass@host:5432/db';
  if (/^postgres(ql)?:\/\//.test(url))
    return parsesAsUrl(url)
      ? undefined
      : 'not a valid URL: postgres://user:pass@host:5432/db, a port up to 65535, special characters in the user or password percent-encoded (@ as %40, / as %2F)';
  if (!url.startsWith('sqlite:'))
    return 'must start with sqlite: (sqlite:./data/shuzhi.db) or postgres:// (postgres://user:pass@host/db)';
  if (url.slice('sqlite:'.length).trim() === '')
    return 'sqlite: needs a file path (sqlite:./data/shuzhi.db); an empty path would run on an in-memory database that loses everything at restart (write sqlite::memory: if that is what you want)';
  return undefined;
}

/** As node-postgres parses it: an empty host (`user@/db?host=/run/postgresql`, a Unix socket) is allowed. */
function parsesAsUrl(url: string): boolean {
  for (const candidate of [url, url.replace('@/', '@host/')]) {
    try {
      new URL(candidate);
      return true;
    } catch {
      // Try the next form.
    }
  }
  return false;
}

/**
 * Why a time-zone name cannot be used, or undefined when it can. Abbreviations are refused although the
 * runtime takes some: it reads CST as America/Chicago, where an operator in China means China Standard Time.
 */
export function timeZoneProblem(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return `"${zone}" is not a time zone this runtime knows: an IANA name such as Asia/Shanghai or UTC`;
  }
  if (!zone.includes('/') && zone.toUpperCase() !== 'UTC')
    return `"${zone}" is an abbreviation or legacy alias, which can name another zone than meant (CST is read as America/Chicago): an IANA name such as Asia/Shanghai or UTC`;
  return undefined;
}

/** Each entry: environment variable → [schema with default, one-line description for the README]. */
export const configSchema = z.object({
  db: z
    .string()
    .superRefine((url, ctx) => {
      const problem = databaseUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default('sqlite:./data/shuzhi.db'),
  port: int(0).max(65535).default(8080),
  host: z.string().default('0.0.0.0'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  timeZone: z
    .string()
    .superRefine((zone, ctx) => {
      const problem = timeZoneProblem(zone);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default('Asia/Shanghai'),
  sessionTtlHours: int(1).default(12),
  cookieSecure: bool.default(false),
  loginMaxAttempts: int(1).default(5),
  loginWindowMinutes: int(1).default(15),
  maxEventLoopDelayMs: int(0).default(1000),
  maxHeapUsedBytes: int(0).default(0),
  maxRequestsInFlight: int(0).default(1000),
  demoPeople: int(0).default(50_000),
  demoDays: int(1).default(21),
  demoSeed: int(0).default(20220101),
  defaultDwellMinutes: int(1).default(60),
  presenceRetentionDays: int(1).default(28),
  webDist: z.string().default(''),
  sqliteSynchronous: z.enum(['full', 'normal']).default('full'),
  sqliteCacheMb: int(1).default(256),
  allowPrivateOutbound: bool.default(false),
  importMaxBytes: int(1).default(4 * 1024 ** 3),
  metricsToken: z.string().default(''),
});

export type Config = z.infer<typeof configSchema>;

/** Environment variable names for each key, with a description; the README's configuration table. */
export const configVariables: Record<keyof Config, { env: string; description: string }> = {
  db: {
    env: 'SHUZHI_DB',
    description: 'Database: `sqlite:PATH` (embedded) or `postgres://user:pass@host/db`',
  },
  port: { env: 'PORT', description: 'HTTP port (also `SHUZHI_PORT`)' },
  host: { env: 'SHUZHI_HOST', description: 'Address to listen on' },
  logLevel: { env: 'SHUZHI_LOG_LEVEL', description: 'pino log level' },
  timeZone: { env: 'SHUZHI_TIME_ZONE', description: 'Default display time zone' },
  sessionTtlHours: { env: 'SHUZHI_SESSION_TTL_HOURS', description: 'Session lifetime' },
  cookieSecure: { env: 'SHUZHI_COOKIE_SECURE', description: 'Mark session cookies Secure (behind HTTPS)' },
  loginMaxAttempts: {
    env: 'SHUZHI_LOGIN_MAX_ATTEMPTS',
    description: 'Failed logins allowed per account and address per window',
  },
  loginWindowMinutes: { env: 'SHUZHI_LOGIN_WINDOW_MINUTES', description: 'Login rate-limit window' },
  maxEventLoopDelayMs: {
    env: 'SHUZHI_MAX_EVENT_LOOP_DELAY_MS',
    description: 'Shed load (503) above this event-loop delay; 0 = off',
  },
  maxHeapUsedBytes: {
    env: 'SHUZHI_MAX_HEAP_USED_BYTES',
    description: 'Shed load above this heap use; 0 = off',
  },
  maxRequestsInFlight: {
    env: 'SHUZHI_MAX_REQUESTS_IN_FLIGHT',
    description: 'Shed load above this many concurrent requests; 0 = off',
  },
  demoPeople: { env: 'SHUZHI_DEMO_PEOPLE', description: 'People in the demo city seeded on first start' },
  demoDays: { env: 'SHUZHI_DEMO_DAYS', description: 'Days simulated for the demo city' },
  demoSeed: { env: 'SHUZHI_DEMO_SEED', description: 'Random seed of the demo city' },
  defaultDwellMinutes: {
    env: 'SHUZHI_DEFAULT_DWELL_MINUTES',
    description: 'Assumed stay when a check-out is missing',
  },
  presenceRetentionDays: {
    env: 'SHUZHI_PRESENCE_RETENTION_DAYS',
    description: 'Mobility data older than this is purged',
  },
  webDist: { env: 'SHUZHI_WEB_DIST', description: 'Folder of the built web app (default apps/web/dist)' },
  sqliteSynchronous: {
    env: 'SHUZHI_SQLITE_SYNCHRONOUS',
    description: 'SQLite: `full` syncs each commit to disk; `normal` may lose the last commits on power loss',
  },
  sqliteCacheMb: {
    env: 'SHUZHI_SQLITE_CACHE_MB',
    description: 'SQLite page cache in MiB (SQLite alone keeps 2 MiB; pages are taken as they are used)',
  },
  allowPrivateOutbound: {
    env: 'SHUZHI_ALLOW_PRIVATE_OUTBOUND',
    description:
      'Let news feeds and webhooks (change feed, alert subscriptions) reach private and local addresses (off: a guard against SSRF)',
  },
  importMaxBytes: {
    env: 'SHUZHI_IMPORT_MAX_BYTES',
    description:
      'Largest file an HTTP import accepts (`POST /api/v1/imports`, `/fhir/r4/$import`), in bytes; NDJSON is spooled to disk, so it may exceed memory',
  },
  metricsToken: {
    env: 'SHUZHI_METRICS_TOKEN',
    description:
      'When set, `/metrics` answers only `Authorization: Bearer <token>` (it names data sources and their activity); empty = open',
  },
};

export interface LoadConfigOptions {
  /** Where a misspelt `SHUZHI_*` variable is reported (default: a process warning on stderr, once per name). */
  warn?: (message: string) => void;
}

/** Reads the configuration from an environment (default process.env), with overrides from the CLI. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
  options: LoadConfigOptions = {},
): Config {
  const warn = options.warn ?? warnOnce;
  const known = Object.values(configVariables).map((v) => v.env);
  for (const { name, suggestion } of unknownConfigVariables(env, known))
    warn(
      `${name} is not a Shuzhi setting and is ignored${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
    );
  const raw: Record<string, unknown> = {};
  for (const [key, { env: name }] of Object.entries(configVariables)) {
    const value = env[name] ?? (key === 'port' ? env['SHUZHI_PORT'] : undefined);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    // Each issue coded (a CLI or server log in Chinese names why by the code), under the variable's name.
    const issues = parsed.error.issues.map((i) => {
      const key = String(i.path[0]) as keyof Config;
      return { ...fieldIssueOfZod(i), field: configVariables[key]?.env ?? key };
    });
    throw new AppError(
      'invalid_input',
      `invalid configuration: ${issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`,
      { issues },
    );
  }
  return { ...parsed.data, ...stripUndefined(overrides) };
}

// The CLI reads its configuration more than once per command; one warning per name is enough.
const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, { code: 'SHUZHI_UNKNOWN_VARIABLE' });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
