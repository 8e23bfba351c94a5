/**
 * The web app's typed API client over fetch, typed by the generated ApiPaths. Sends the session cookie,
 * the CSRF token on writes and the declared purpose of use; turns problem+json answers into ApiError.
 */
import i18n from 'i18next';
import type { ApiPaths } from './schema';

export interface ProblemIssue {
  record?: string | number;
  field?: string;
  reason: string;
  /** The reason's stable code and parameters, where it has one, and its Chinese beside the English. */
  code?: string;
  params?: Record<string, string | number>;
  reasonZh?: string;
}

interface Problem {
  code?: string;
  detail?: string;
  issues?: ProblemIssue[];
}

/**
 * A refusal's message in the reader's language: a problem that is one coded reason (a disabled data source,
 * a refused key) reads in Chinese from its `reasonZh`, translated by its code on the server; any other keeps
 * the server's English detail.
 */
export function problemMessage(problem: Problem, language: string | undefined): string | undefined {
  const [only, ...more] = problem.issues ?? [];
  const oneCodedReason = only?.reasonZh !== undefined && more.length === 0 && problem.detail === only.reason;
  return language?.startsWith('zh') && oneCodedReason ? only.reasonZh : problem.detail;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ProblemIssue[] = [],
  ) {
    super(message);
  }
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathsWith<M extends Method> = {
  [P in keyof ApiPaths]: M extends keyof ApiPaths[P] ? P : never;
}[keyof ApiPaths];
type Op<P extends keyof ApiPaths, M extends Method> = M extends keyof ApiPaths[P] ? ApiPaths[P][M] : never;
type Field<O, K extends string> = O extends Record<K, infer V> ? V : never;

export interface RequestOptions<Q, B> {
  query?: Q;
  body?: B;
  params?: Record<string, string>;
  signal?: AbortSignal;
}

const session = { csrfToken: null as string | null, purpose: null as string | null };

export function setCsrfToken(token: string | null): void {
  session.csrfToken = token;
}

export function setPurpose(purpose: string | null): void {
  session.purpose = purpose;
}

/**
 * The headers every request carries besides the cookie (the declared purpose of use, the CSRF token), for a
 * request made outside this client: a list export, fetched as a file, must be read under the same purpose.
 */
export function sessionHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  if (session.purpose) headers['x-purpose-of-use'] = session.purpose;
  return headers;
}

function buildUrl(path: string, params?: Record<string, string>, query?: object): string {
  let url = path.replace(/\{(\w+)\}|:(\w+)/g, (_, a: string | undefined, b: string | undefined) =>
    encodeURIComponent(params?.[(a ?? b)!] ?? ''),
  );
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const qs = search.toString();
  if (qs) url += `?${qs}`;
  return url;
}

async function request<R>(
  method: Method,
  path: string,
  options: RequestOptions<object, unknown>,
): Promise<R> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'get' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  if (session.purpose) headers['x-purpose-of-use'] = session.purpose;
  const response = await fetch(buildUrl(path, options.params, options.query), {
    method: method.toUpperCase(),
    headers,
    credentials: 'same-origin',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (response.status === 204) return null as R;
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const problem = (data ?? {}) as Problem;
    throw new ApiError(
      response.status,
      problem.code ?? 'error',
      problemMessage(problem, i18n.language) ?? response.statusText,
      problem.issues ?? [],
    );
  }
  return data as R;
}

export const api = {
  get<P extends PathsWith<'get'>>(
    path: P,
    options: RequestOptions<Field<Op<P, 'get'>, 'query'>, never> = {},
  ) {
    return request<Field<Op<P, 'get'>, 'response'>>('get', path, options as RequestOptions<object, unknown>);
  },
  post<P extends PathsWith<'post'>>(
    path: P,
    options: RequestOptions<Field<Op<P, 'post'>, 'query'>, Field<Op<P, 'post'>, 'body'>> = {},
  ) {
    return request<Field<Op<P, 'post'>, 'response'>>(
      'post',
      path,
      options as RequestOptions<object, unknown>,
    );
  },
};

export type ResponseOf<P extends keyof ApiPaths, M extends Method = 'get'> = Field<Op<P, M>, 'response'>;

/**
 * The content type an upload is sent as, from its file name in any letter case (`RESULTS.CSV` is what many
 * office exports save); a name that says nothing goes as octet-stream, which the server takes for any kind.
 */
export function uploadContentType(fileName: string): string {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'application/x-ndjson';
  if (name.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

/** Uploads a file as the request body (CSV, NDJSON or JSON) to the import route; returns the new job. */
export async function uploadImport(
  kind: string,
  file: File,
  partial: boolean,
): Promise<ResponseOf<'/api/v1/imports/{id}'>> {
  const headers: Record<string, string> = { 'content-type': uploadContentType(file.name) };
  if (session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
  if (session.purpose) headers['x-purpose-of-use'] = session.purpose;
  const query = new URLSearchParams({ kind, fileName: file.name, partial: String(partial) });
  const response = await fetch(`/api/v1/imports?${query.toString()}`, {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  const data = (await response.json()) as Problem;
  if (!response.ok)
    throw new ApiError(
      response.status,
      data.code ?? 'error',
      problemMessage(data, i18n.language) ?? response.statusText,
      data.issues ?? [],
    );
  return data as ResponseOf<'/api/v1/imports/{id}'>;
}
