// Uploads with progress. `fetch` cannot report upload progress, so this one request type uses XMLHttpRequest
// and hands back an ordinary `Response`, so callers treat it like any other answer.

export interface UploadOptions {
  /** Called as bytes leave the browser (`loaded` of `total`). */
  onProgress?: (loaded: number, total: number) => void;
  /** Aborting cancels the upload; the promise rejects with a DOMException named `AbortError`. */
  signal?: AbortSignal;
  /** Content type of the body (defaults to the Blob's own type, else application/octet-stream). */
  contentType?: string;
}

export interface XhrRequest {
  url: string;
  method: string;
  headers: Headers;
  withCredentials: boolean;
  body: Blob;
}

/** Makes the XMLHttpRequest (tests pass a fake). */
export type XhrFactory = () => XMLHttpRequest;

const abortError = () => new DOMException('The upload was cancelled.', 'AbortError');

/**
 * Sends `body` with XMLHttpRequest and resolves to a `Response` for any HTTP status (non-2xx included); rejects
 * with a TypeError when the network fails and with an AbortError when `signal` aborts.
 */
export function xhrUpload(
  request: XhrRequest,
  options: UploadOptions = {},
  createXhr: XhrFactory = () => new XMLHttpRequest(),
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const { signal, onProgress } = options;
    if (signal?.aborted) return reject(abortError());
    const xhr = createXhr();
    xhr.open(request.method, request.url, true);
    xhr.withCredentials = request.withCredentials;
    xhr.responseType = 'blob';
    request.headers.forEach((value, key) => xhr.setRequestHeader(key, value));
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    if (onProgress)
      xhr.upload.addEventListener('progress', (e) =>
        onProgress(e.loaded, e.lengthComputable ? e.total : request.body.size),
      );
    xhr.addEventListener('load', () => {
      done();
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const at = line.indexOf(':');
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      // A Response cannot carry 1xx or 0; those only happen when the request never got a real answer.
      if (xhr.status < 200 || xhr.status > 599) return reject(new TypeError('Upload failed'));
      const nullBody = [204, 205, 304].includes(xhr.status);
      resolve(
        new Response(nullBody ? null : (xhr.response as Blob | null), {
          status: xhr.status,
          statusText: xhr.statusText,
          headers,
        }),
      );
    });
    xhr.addEventListener('error', () => (done(), reject(new TypeError('Upload failed'))));
    xhr.addEventListener('timeout', () => (done(), reject(new TypeError('Upload timed out'))));
    xhr.addEventListener('abort', () => (done(), reject(abortError())));
    xhr.send(request.body);
  });
}
