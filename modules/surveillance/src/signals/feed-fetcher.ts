/**
 * Fetches a registered news feed over HTTP(S): a conditional GET (RFC 9110 §13.1: If-None-Match,
 * If-Modified-Since, so an unchanged feed costs one 304), a time limit, and a size limit read as the
 * body streams in. Failures are `unavailable` errors that say what went wrong without echoing the body.
 * Every request, the first and each redirect hop, goes through the platform's SSRF guard (@shuzhi/core).
 */
import { AppError, outboundFetch, resolveDestination, type OutboundFetch } from '@shuzhi/core';

export interface FetchFeedOptions {
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  /** The HTTP client (tests may inject one; the default connects only to the addresses checked). */
  fetch?: OutboundFetch;
  /** Allow feeds on private and local addresses (default false: `SHUZHI_ALLOW_PRIVATE_OUTBOUND`). */
  allowPrivateAddresses?: boolean;
}

export type FetchedFeed =
  | {
      status: 'ok';
      body: string;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { status: 'not_modified' };

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchedFeed> {
  const headers: Record<string, string> = {
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/json, text/xml;q=0.9, */*;q=0.5',
    'user-agent': 'Shuzhi-EBS/0.1 (+event-based surveillance)',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const signal = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let response: Response;
  let target = new URL(url);
  // Redirects are followed by hand so that every hop is checked like the first; each request connects
  // to the addresses its own check approved.
  for (let hop = 0; ; hop++) {
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new AppError('unavailable', `feed ${url}: redirected to a URL that is not http or https`);
    const destination = await resolveDestination(target, {
      allowPrivateAddresses: options.allowPrivateAddresses ?? false,
      label: `feed ${target.href}`,
    });
    try {
      response = await (options.fetch ?? outboundFetch)(target, {
        headers,
        redirect: 'manual',
        signal,
        destination,
      });
    } catch (error) {
      throw new AppError('unavailable', `feed ${url}: ${failureOf(error)}`, { cause: error });
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || response.status === 304 || !location) break;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new AppError('unavailable', `feed ${url}: too many redirects`);
    if (!URL.canParse(location, target.href))
      throw new AppError('unavailable', `feed ${url}: redirected to an invalid URL`);
    target = new URL(location, target);
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 'not_modified' };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AppError('unavailable', `feed ${url}: HTTP ${response.status}`);
  }
  const bytes = await readLimited(response, options.maxBytes ?? DEFAULT_MAX_BYTES, url).catch(
    (error: unknown) => {
      if (error instanceof AppError) throw error;
      const reason = signal.aborted ? 'timed out' : 'connection lost';
      throw new AppError('unavailable', `feed ${url}: ${reason} while reading`, { cause: error });
    },
  );
  const contentType = response.headers.get('content-type');
  return {
    status: 'ok',
    body: decodeFeed(bytes, contentType),
    contentType,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
}

/**
 * Decodes the body in the charset the Content-Type names, else the one the XML declaration names
 * (Chinese feeds still use GBK / GB 18030), else UTF-8; an unknown label falls back to UTF-8.
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(
      Buffer.from(bytes.subarray(0, 200)).toString('latin1'),
    )?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

async function readLimited(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError('unavailable', `feed ${url}: larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function failureOf(error: unknown): string {
  return error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not connect';
}
