/**
 * Reading a page as served: a local file, or a URL fetched with bounded redirects, time and size, and the bytes
 * decoded in the page's own charset (many Chinese sites still serve GBK).
 */
import { readFile } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { InputError } from './errors.js';

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export interface FetchedPage {
  /** Where the page ended up after redirects. */
  readonly url: URL;
  readonly html: string;
}

const MAX_REDIRECTS = 10;
const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;
// The spec's prescan reads 1024 bytes; a browser that meets a later <meta charset> in the head reparses with it,
// so a little more is read here for the pages that put long keyword lists first.
const PRESCAN_BYTES = 4096;

/** Reads a local HTML file, decoded like a served page without a Content-Type. */
export async function readPageFile(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InputError(path, `cannot read ${path}: ${(e as Error).message}`);
  }
  const html = decodeHtml(bytes, null);
  if (html.slice(0, 1024).includes('\u0000'))
    throw new InputError(path, `${path} is not an HTML file (it holds binary data)`);
  return html;
}

/** Fetches a page; every failure is an InputError that says what happened and what to try. */
export async function fetchPage(input: string, limits: FetchLimits): Promise<FetchedPage> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const { url, response } = await follow(input, signal);
    if (response.status >= 400)
      throw new InputError(input, `${input} answered HTTP ${response.status}; lint a page that exists`);
    const type = response.headers.get('content-type');
    if (type && !HTML_TYPES.test(type))
      throw new InputError(input, `${input} is not an HTML page (Content-Type: ${type})`);
    const bytes = await readCapped(response, limits.maxBytes, input);
    return { url, html: decodeHtml(bytes, type) };
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (signal.aborted)
      throw new InputError(
        input,
        `${input} gave no complete answer within ${limits.timeoutMs / 1000} s; try a larger --timeout`,
      );
    throw new InputError(
      input,
      `cannot fetch ${input}: ${networkReason(e)}; check the address and that the site is up`,
    );
  }
}

/** Follows redirects by hand, so that their number is bounded and the final address known. */
async function follow(input: string, signal: AbortSignal): Promise<{ url: URL; response: Response }> {
  let url = new URL(input);
  for (let hops = 0; ; hops++) {
    const response = await fetch(url, {
      redirect: 'manual',
      signal,
      headers: {
        accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
        'user-agent': 'beian-lint (beian-elements)',
      },
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) return { url, response };
    await response.body?.cancel();
    if (hops === MAX_REDIRECTS)
      throw new InputError(input, `${input} redirects more than ${MAX_REDIRECTS} times; lint the final address`);
    url = new URL(location, url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InputError(input, `${input} redirects to ${url.protocol} (${url.href}), which is no web page`);
  }
}

/** The body, stopped as soon as it passes the cap (a declared Content-Length past it is refused unread). */
async function readCapped(response: Response, maxBytes: number, input: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new InputError(input, `${input} is larger than ${maxBytes} bytes; raise --max-bytes to lint it`);
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    // Leaving the loop cancels the stream: the rest is never downloaded.
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved now',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
};

/** Why a fetch failed, from undici's cause (`fetch failed` alone says nothing). */
function networkReason(e: unknown): string {
  const cause = (e as { cause?: NodeJS.ErrnoException }).cause;
  if (cause?.code) return `${NETWORK_ERRORS[cause.code] ?? cause.message} (${cause.code})`;
  return (cause ?? (e as Error)).message;
}

/**
 * Decodes a page the way a browser picks its encoding (HTML "encoding sniffing"): a byte-order mark, then the
 * charset of the Content-Type, then a `<meta charset>` or `http-equiv` in the head, else UTF-8.
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): string {
  const label = bomEncoding(bytes) ?? charsetParam(contentType) ?? metaCharset(bytes) ?? 'utf-8';
  return decoder(label).decode(bytes);
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

function charsetParam(contentType: string | null): string | null {
  return /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '')?.[1] ?? null;
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const label = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? null;
  // The spec: a <meta> cannot switch to UTF-16 (the bytes read so far would not have been UTF-16).
  return label && /^utf-?16/i.test(label) ? 'utf-8' : label;
}

/** A decoder for a label; an unknown label reads as UTF-8 rather than failing the page. */
function decoder(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    return new TextDecoder('utf-8');
  }
}
