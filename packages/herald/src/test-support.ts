// Shared by the element tests (not part of the bundle).
export interface TestServer {
  url: string | null;
  adminLogin: string;
  adminPassword: string;
}

/** The real Herald test server the wtr config proxies `/api/` to (url null if there is none). */
export async function testServer(): Promise<TestServer> {
  return (await fetch('/__herald-test-server.json')).json();
}

/** Replaces `window.fetch` until the returned restore function is called. */
export function replaceFetch(impl: typeof fetch): () => void {
  const original = window.fetch;
  window.fetch = impl;
  return () => {
    window.fetch = original;
  };
}

/** An SSE body the test writes to (a live stream's answer). */
export function sse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  return {
    response: () => new Response(body, { headers: { 'content-type': 'text/event-stream' } }),
    write: (text: string) => controller.enqueue(new TextEncoder().encode(text)),
  };
}

export { until } from '@herald/client/testing/wait';
