/**
 * An import answered at once (202) begins only once its answer is out: its audit entry and the answer itself
 * must not queue behind the import's own transaction (SQLite has one connection).
 */
import type { FastifyReply } from 'fastify';

export function replySent(reply: FastifyReply): Promise<void> {
  return new Promise<void>((resolve) => {
    reply.raw.once('finish', () => resolve());
    reply.raw.once('close', () => resolve());
  });
}
