/** Why the platform could not reach its PostgreSQL, said so that whoever runs it knows what to fix. */
import { AppError } from '@shuzhi/core';
import { redactUrl } from '@shuzhi/db';

/** What PostgreSQL's SQLSTATE codes and Node's socket codes mean to whoever runs the server. */
const connectionCauses: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is PostgreSQL running and listening on that host and port?',
  ENOTFOUND: 'host not found: check the host name',
  EAI_AGAIN: 'the host name could not be looked up (DNS): try again or check the resolver',
  ETIMEDOUT: 'connection timed out: a firewall, or the wrong host or port?',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'the server closed the connection (TLS required, or not PostgreSQL on that port?)',
  '28P01': 'authentication failed: wrong user or password',
  '28000': 'the server refuses this user from this address (pg_hba.conf) or the role does not exist',
  '3D000': 'unknown database: create it first (CREATE DATABASE), or check its name',
  '57P03': 'the server is starting up or shutting down: try again shortly',
  '53300': 'the server has no connection slot left (max_connections)',
};

/**
 * A PostgreSQL that cannot be reached fails the first migration step, which reported "migration unknown
 * failed: connect ECONNREFUSED …". Name the database (password removed), the host and the cause.
 */
export function describeConnectionFailure(error: unknown, db: string): AppError | undefined {
  if (!/^postgres(ql)?:\/\//.test(db)) return undefined;
  const cause = rootCauseWithCode(error, Object.keys(connectionCauses));
  if (!cause) return undefined;
  let target = redactUrl(db);
  try {
    const url = new URL(db);
    const name = decodeURIComponent(url.pathname.slice(1)) || "(the user's default)";
    target = `database ${name} on host ${url.hostname || 'localhost'}:${url.port || '5432'} (${redactUrl(db)})`;
  } catch {
    // An unparsable URL is still named, redacted, as it was given.
  }
  const reason = `${connectionCauses[cause.code]} [${cause.code}: ${cause.message}]`;
  return new AppError('unavailable', `cannot connect to ${target}: ${reason}`, {
    cause: error,
    issues: [{ field: 'SHUZHI_DB', reason }],
  });
}

/** The first error along the `cause` chain (and inside an AggregateError) carrying one of `codes`. */
function rootCauseWithCode(error: unknown, codes: string[]): { code: string; message: string } | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    // Node's connect to a name with several addresses fails with an AggregateError of one error per address.
    if (current instanceof AggregateError) {
      for (const inner of current.errors as unknown[]) {
        const found = rootCauseWithCode(inner, codes);
        if (found) return found;
      }
    }
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && codes.includes(code)) return { code, message: current.message || code };
    current = current.cause;
  }
  return undefined;
}
