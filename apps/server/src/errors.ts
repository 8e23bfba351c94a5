/**
 * The one error mapping: AppError codes → HTTP status and an RFC 9457 problem+json body, or a FHIR
 * OperationOutcome on /fhir routes. Validation failures name the field and reason; unexpected errors are
 * logged (scrubbed of personal data) and answered with a generic 500 that reveals nothing internal.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, fieldIssueOfZod, httpStatusOf, type FieldIssue } from '@shuzhi/core';
import { isDatabaseBusy } from '@shuzhi/db';
import {
  localizedOutcome,
  operationOutcomeOfError,
  reasonTextIn,
  reasonTexts,
  type ReasonCode,
} from '@shuzhi/hub';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  issues: ProblemIssue[];
  instance: string;
}

/** A problem's issue: with its reason in Chinese (`reasonZh`) beside the English when the reason has a code. */
export type ProblemIssue = FieldIssue & { reasonZh?: string };

const titles: Record<AppError['code'], string> = {
  invalid_input: 'Invalid input',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  gone: 'Gone',
  content_too_large: 'Content too large',
  too_many_requests: 'Too many requests',
  overloaded: 'Overloaded',
  unavailable: 'Unavailable',
  internal: 'Internal error',
};

/** What a client is told to wait when the database is busy: imports hold the lock for seconds to minutes. */
const DATABASE_BUSY_RETRY_SECONDS = 5;

/** Turns anything thrown into an AppError; unknown errors become `internal`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'request';
    // Each is a Zod issue as the type provider passes it on (createValidationError): Zod's code as `keyword`,
    // its details (minimum, origin, format, values…) as `params`.
    const validation = (
      error as unknown as {
        validation: {
          keyword: string;
          instancePath: string;
          message?: string;
          params: Record<string, unknown>;
        }[];
      }
    ).validation;
    const issues = validation.map((v) =>
      fieldIssueOfZod(
        {
          ...v.params,
          code: v.keyword,
          path: v.instancePath.split('/').filter((step) => step !== ''),
          message: v.message ?? 'invalid',
        },
        where,
      ),
    );
    return new AppError(
      'invalid_input',
      issues.map((i) => `${i.record} ${i.field}: ${i.reason}`).join('; '),
      { issues },
    );
  }
  if (isDatabaseBusy(error))
    // Another process (a CLI import, a second server) holds SQLite's one write lock: a wait, not a fault.
    return new AppError(
      'unavailable',
      'the database is busy with another process (a large import?); retry shortly',
      {
        cause: error,
        retryAfterSeconds: DATABASE_BUSY_RETRY_SECONDS,
        issues: [{ record: 'database', reason: 'another process holds its write lock' }],
      },
    );
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return new AppError('content_too_large', 'request body too large', { cause: error });
    if (status === 415) return new AppError('invalid_input', 'unsupported content type', { cause: error });
    if (status === 429)
      return new AppError('too_many_requests', fastifyError.message ?? 'too many requests', { cause: error });
    if (status === 404) return new AppError('not_found', 'not found', { cause: error });
    return new AppError('invalid_input', fastifyError.message ?? 'bad request', { cause: error });
  }
  if (status === 503)
    return new AppError('overloaded', 'service overloaded, retry later', {
      cause: error,
      retryAfterSeconds: 10,
    });
  return new AppError('internal', 'internal error', { cause: error });
}

export function problemOf(error: AppError, instance: string, status = httpStatusOf[error.code]): Problem {
  return {
    type: `https://shuzhi.dev/problems/${error.code.replace(/_/g, '-')}`,
    title: titles[error.code],
    status,
    detail: error.message,
    code: error.code,
    issues: error.issues.map((issue) => {
      const reasonZh = chineseReasonOf(issue);
      return reasonZh === undefined ? issue : { ...issue, reasonZh };
    }),
    instance,
  };
}

const isReasonCode = (code: string | undefined): code is ReasonCode =>
  code !== undefined && Object.hasOwn(reasonTexts, code);

/** An issue's reason in Chinese, by its code (the hub's one table of both languages); none without a code. */
function chineseReasonOf(issue: FieldIssue): string | undefined {
  if (!isReasonCode(issue.code)) return undefined;
  return reasonTextIn('zh-CN', issue.code, issue.params);
}

/**
 * The OperationOutcome of an error in the reader's language: for a client that asks for Chinese, an issue
 * whose reason has a code gets its Chinese as `details.text` by that code (the outcome keeps the codes of the
 * error's issues); `diagnostics` stays English.
 */
export function fhirOutcomeOf(error: AppError, acceptLanguage: string | undefined): OperationOutcome {
  return localizedOutcome(operationOutcomeOfError(error), acceptLanguage);
}

type OperationOutcome = ReturnType<typeof operationOutcomeOfError>;

export interface ErrorHandlingOptions {
  /** Serve index.html for unknown GET paths outside /api and /fhir (client-side routes of the web app). */
  spaFallback: boolean;
}

/** A body of a type no parser takes: the answer names the type sent, so the client knows what to change. */
function unsupportedTypeOf(error: unknown, request: FastifyRequest): AppError | null {
  if ((error as Partial<FastifyError> | null)?.statusCode !== 415) return null;
  const sent = request.headers['content-type'] ?? '(none)';
  const reason = `${sent.split(';')[0]!.trim()} is not a content type this endpoint takes`;
  return new AppError('invalid_input', `unsupported content type: ${reason}`, {
    cause: error,
    issues: [{ field: 'content-type', reason }],
  });
}

export function installErrorHandling(
  app: FastifyInstance,
  options: ErrorHandlingOptions = { spaFallback: false },
): void {
  app.setErrorHandler(async (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const appError = unsupportedTypeOf(error, request) ?? toAppError(error);
    const status = httpStatusOf[appError.code];
    if (status >= 500 && appError.code !== 'overloaded') request.log.error({ err: error }, 'request failed');
    if (appError.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(appError.retryAfterSeconds));
    // The rest of an oversized body is not read: close the connection after answering instead of draining it.
    if (status === 413) reply.header('connection', 'close');
    reply.code(status);
    if (request.url.startsWith('/fhir/')) {
      // FHIR clients read `diagnostics` (English); one that asks for Chinese also gets `details.text`.
      return reply
        .type('application/fhir+json')
        .send(fhirOutcomeOf(appError, request.headers['accept-language']));
    }
    return reply.type('application/problem+json').send(problemOf(appError, request.id, status));
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (
      options.spaFallback &&
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !path.startsWith('/fhir/')
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    const error = new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
    reply.code(404);
    if (request.url.startsWith('/fhir/'))
      return reply
        .type('application/fhir+json')
        .send(fhirOutcomeOf(error, request.headers['accept-language']));
    return reply.type('application/problem+json').send(problemOf(error, request.id));
  });
}
