/**
 * Which process runs an import job, and whether it still does. A job whose process died (kill -9, a crash,
 * power loss) must not show "running" forever, and a starting server must not fail the live jobs of
 * another process on the same database (a CLI import, a second server).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** How often a running job's heartbeat is written, where it can be (PostgreSQL). */
export const HEARTBEAT_INTERVAL_MS = 15_000;

/** A heartbeat older than this means the process on another host that ran the job is gone. */
export const HEARTBEAT_STALE_MS = 4 * HEARTBEAT_INTERVAL_MS;

/** The owners living in this process (one per imports service): a job of this pid not owned by one is not live. */
const ownersHere = new Set<string>();

/** A new owner id for this process, `host:pid:instance`; the instance tells this run from an earlier one with the same pid. */
export function newJobOwner(): string {
  const owner = `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
  ownersHere.add(owner);
  return owner;
}

/**
 * Whether the owner's process is still alive: known for this host (its process table), unknown (undefined)
 * for another host, where only its heartbeat can tell.
 */
export function ownerAlive(owner: string): boolean | undefined {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return undefined;
  // A container restarted keeps its host name and often its pid (1): the same pid is alive only as this run.
  if (pid === process.pid) return ownersHere.has(owner);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user holds the pid, so it exists.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in an owner id of this host, for naming files by owner (spooled uploads). */
export function pidOnThisHost(owner: string): number | undefined {
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  return host === hostname() && Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
