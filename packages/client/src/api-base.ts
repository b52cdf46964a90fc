import type { ClientResponse } from 'hono/client';
import type { HeraldClient } from './client.js';
import { HeraldProblem } from './problem.js';

export type Query = Record<string, string | number | boolean | null | undefined>;
export interface SendOptions {
  query?: Query;
  json?: unknown;
  body?: BodyInit;
  type?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}
export interface DownloadedFile {
  blob: Blob;
  fileName: string | null;
}

/** The 2xx body type of a typed RPC answer. */
export type Success<R> =
  R extends ClientResponse<infer T, infer S, string> ? (S extends 200 | 201 | 204 ? T : never) : never;

/**
 * What every element's API class shares: URLs with a query, JSON calls and file downloads through the client's
 * authenticated fetch (bearer token in a header or cookie + CSRF — never a token in a URL). Every non-2xx answer
 * is thrown as a HeraldProblem.
 */
export class ApiBase {
  constructor(readonly client: HeraldClient) {}

  protected url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return this.client.url(path) + (qs ? `?${qs}` : '');
  }

  protected async request(method: string, path: string, options: SendOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.type) headers['content-type'] = options.type;
    const response = await this.client.fetch(this.url(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
    });
    if (!response.ok) throw await HeraldProblem.fromResponse(response);
    return response;
  }

  protected async call<T>(method: string, path: string, options: SendOptions = {}): Promise<T> {
    const response = await this.request(method, path, options);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** Fetches a file (GET, or POST with a JSON body) and names it from Content-Disposition. */
  async download(
    path: string,
    query: Query = {},
    init: { method?: string; json?: unknown } = {},
  ): Promise<DownloadedFile> {
    const response = await this.request(init.method ?? 'GET', path, { query, json: init.json });
    const disposition = response.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="?([^";]+)"?/i.exec(disposition);
    const fileName = star ? decodeURIComponent(star[1]!) : (plain?.[1] ?? null);
    return { blob: await response.blob(), fileName };
  }

  /**
   * An attachment's bytes for showing in the page (`?inline=1`, PNG/JPEG/GIF/WebP only): previews and a body's inline
   * images (issue 20 #9), with the client's credentials in a header, never in a URL.
   */
  async inlineImage(id: string, signal?: AbortSignal): Promise<Blob> {
    return (
      await this.request('GET', `/attachments/${encodeURIComponent(id)}`, { query: { inline: 1 }, signal })
    ).blob();
  }

  /** Unwraps a typed RPC answer: the body on 2xx (undefined on 204), else a thrown HeraldProblem. */
  protected async ok<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<Success<R>> {
    const response = (await request) as unknown as Response;
    if (!response.ok) throw await HeraldProblem.fromResponse(response);
    return (response.status === 204 ? undefined : await response.json()) as Success<R>;
  }
}

/** Saves a downloaded file through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
