/**
 * Logger options: pino JSON logs that never contain personal data. Requests are logged by method, route
 * and path only (no query string, no headers, no body, no client address); secrets in headers are
 * redacted should anything log them; error messages pass through the personal-data scrubber.
 */
import type { FastifyServerOptions } from 'fastify';
import { scrubPersonalData } from '@shuzhi/core';

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  stack?: string;
}

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: RequestLike) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url,
        path: scrubPersonalData((req.url ?? '').split('?')[0] ?? ''),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: ErrorLike) => ({
        type: err.name ?? 'Error',
        code: err.code,
        message: scrubPersonalData(err.message ?? ''),
        stack: scrubPersonalData(err.stack ?? ''),
      }),
    },
  };
}
