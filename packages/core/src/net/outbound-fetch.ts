/**
 * The HTTP client for requests the server sends to registered URLs (feeds, webhooks), over node:http and
 * node:https: it connects only to the addresses `resolveDestination` checked (a custom `lookup` hands them
 * to the socket, so the check and the connection cannot disagree, whatever DNS answers in between), never
 * follows a redirect (the caller sees the 3xx and decides), and answers with a web `Response` as fetch does.
 */
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { resolveDestination, hostOf, type CheckedDestination } from './public-destination.js';

export interface OutboundRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /**
   * Redirects are never followed here; `'manual'` is spelled out so that a global `fetch` passed in place
   * of this client (tests, or a future change) does not follow them unchecked either.
   */
  redirect?: 'manual';
  /**
   * The addresses the caller's check approved: the connection goes to one of them. Absent, the destination
   * is resolved and checked here (guard on); null, the host is resolved as usual (private addresses allowed).
   */
  destination?: CheckedDestination | null;
}

/** What services that send to registered URLs call; `fetch` fits it, so tests may inject a fake. */
export type OutboundFetch = (url: URL | string, init?: OutboundRequestInit) => Promise<Response>;

/** Sends one request; see the file comment. Rejects with the signal's reason when it aborts, as fetch does. */
export const outboundFetch: OutboundFetch = async (url, init = {}) => {
  const target = typeof url === 'string' ? new URL(url) : url;
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new TypeError(`outbound request: ${target.protocol} is not http or https`);
  const destination = init.destination === undefined ? await resolveDestination(target) : init.destination;
  return send(target, init, destination);
};

function send(
  target: URL,
  init: OutboundRequestInit,
  destination: CheckedDestination | null,
): Promise<Response> {
  const { signal } = init;
  const body = typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
  const headers: Record<string, string> = {
    // As fetch asks; the body is decoded below, and callers bound what they read of it.
    'accept-encoding': 'gzip, deflate, br',
    ...lowerCaseKeys(init.headers ?? {}),
    ...(body ? { 'content-length': String(body.byteLength) } : {}),
  };
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const request = (target.protocol === 'https:' ? https : http).request({
      hostname: hostOf(target),
      port: target.port || undefined,
      path: `${target.pathname}${target.search}`,
      method: init.method ?? 'GET',
      headers,
      // A connection of its own: a pooled socket could have been opened before this request's check.
      agent: false,
      ...(destination ? { lookup: pinnedLookup(destination) } : {}),
    });
    const onAbort = () => request.destroy(signal && abortReason(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    request.on('error', (error) => {
      done();
      reject(signal?.aborted ? abortReason(signal) : error);
    });
    request.on('response', (response) => {
      response.on('close', done);
      try {
        resolve(toResponse(response, init.method));
      } catch (error) {
        response.destroy();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    request.end(body);
  });
}

/** Why the signal aborted (a `TimeoutError` for `AbortSignal.timeout`), as fetch rejects with it. */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}

/** A `lookup` that answers with the checked addresses only (all of them when asked for all: happy eyeballs). */
function pinnedLookup(destination: CheckedDestination): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = destination.addresses.filter((a) => !options.family || a.family === options.family);
    const first = wanted[0];
    if (!first) {
      const error: NodeJS.ErrnoException = new Error(`no checked address of family ${options.family}`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all) callback(null, wanted);
    else callback(null, first.address, first.family);
  };
}

function toResponse(response: IncomingMessage, method = 'GET'): Response {
  const status = response.statusCode ?? 0;
  const headers = new Headers();
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2)
    headers.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
  const init = { status, statusText: response.statusMessage ?? '', headers };
  // The Fetch standard's null-body statuses: a Response refuses a body for them.
  if (method.toUpperCase() === 'HEAD' || status === 204 || status === 205 || status === 304) {
    response.resume();
    return new Response(null, init);
  }
  const stream = Readable.toWeb(decoded(response)) as NodeReadableStream<Uint8Array>;
  return new Response(stream as ReadableStream<Uint8Array>, init);
}

/** The body with its Content-Encoding undone, as fetch does (leniently at the end, as fetch does too). */
function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const lenient = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip(lenient)
      : encoding === 'deflate'
        ? createInflate(lenient)
        : encoding === 'br'
          ? createBrotliDecompress({
              flush: constants.BROTLI_OPERATION_FLUSH,
              finishFlush: constants.BROTLI_OPERATION_FLUSH,
            })
          : null;
  if (!decoder) return response;
  // pipeline destroys the decoder with the error when the response fails, so the reader sees it.
  pipeline(response, decoder, () => undefined);
  return decoder;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
