import { expect } from '@open-wc/testing';
import { createHeraldClient } from './client.js';
import { SseParser, type LiveEvent, type LiveStatus, type LiveTimers } from './live.js';
import { fakeJwt, problemResponse } from './test-helpers.js';
import { until as waitFor } from './testing/wait.js';

/**
 * Timers the test fires by hand (issue 23: no test waits for a delay to pass or asserts how long one took, so a
 * slow machine cannot fail them): every requested delay is recorded, and `fire(ms)` runs the pending one.
 */
function manualTimers() {
  let nextId = 1;
  const pending = new Map<number, { run: () => void; ms: number }>();
  const requested: number[] = [];
  const timers: LiveTimers = {
    set: (run, ms) => {
      pending.set(nextId, { run, ms });
      requested.push(ms);
      return nextId++;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const waiting = (ms: number) => [...pending].filter(([, t]) => t.ms === ms);
  const fire = (ms: number) => {
    const [entry] = waiting(ms);
    if (!entry) throw new Error(`no pending ${ms} ms timer`);
    pending.delete(entry[0]);
    entry[1].run();
  };
  return { timers, requested, waiting, fire };
}

/** A streaming SSE response the test writes to. */
function sseResponse() {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => (controller = c) });
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

describe('SseParser', () => {
  it('parses id/event/data, comments and multi-line data across arbitrary chunk boundaries', () => {
    const text = ': heartbeat\r\nid: 7\r\nevent: me.updated\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata:plain\n\nid: 8\nevent: x\n\n';
    for (const size of [1, 3, 1000]) {
      const parser = new SseParser();
      const events: LiveEvent[] = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
      expect(events, `chunk ${size}`).to.deep.equal([
        { id: '7', type: 'me.updated', data: { a: 1 } },
        { id: '7', type: 'message', data: 'plain' },
      ]);
      expect(parser.lastEventId).to.equal('8'); // an event without data is not dispatched, but its id counts
    }
  });

  it('reads retry:', () => {
    const parser = new SseParser();
    parser.push('retry: 2500\n\n');
    expect(parser.retry).to.equal(2500);
  });
});

describe('LiveStream', () => {
  it('shares one stream, delivers typed events, reconnects with Last-Event-ID, and stops on close()', async () => {
    const token = fakeJwt(Math.floor(Date.now() / 1000) + 900);
    const requests: { url: string; headers: Headers }[] = [];
    const streams: ReturnType<typeof sseResponse>[] = [];
    const clock = manualTimers();
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      token,
      live: { minDelay: 10, maxDelay: 40, random: () => 0.5, timers: clock.timers },
      fetch: async (input, init) => {
        requests.push({ url: String(input), headers: new Headers(init?.headers) });
        const stream = sseResponse();
        streams.push(stream);
        return stream.response;
      },
    });
    const statuses: LiveStatus[] = [];
    client.live.onStatus((s) => statuses.push(s));
    const seenA: LiveEvent[] = [];
    const seenB: LiveEvent[] = [];
    client.live.on('message.created', (e) => seenA.push(e));
    client.live.on('*', (e) => seenB.push(e));
    client.live.start();
    client.live.start(); // idempotent: still one stream
    await waitFor(() => streams.length === 1 && client.live.status === 'open');
    expect(requests[0]!.url).to.equal('http://herald.test/api/v1/live');
    expect(requests[0]!.url).not.to.contain(token);
    expect(requests[0]!.headers.get('authorization')).to.equal(`Bearer ${token}`);
    expect(requests[0]!.headers.has('last-event-id')).to.equal(false);

    streams[0]!.write('id: 41\nevent: message.created\ndata: {"id":"m1"}\n\n: heartbeat\n\n');
    await waitFor(() => seenA.length === 1);
    expect(seenA[0]).to.deep.equal({ id: '41', type: 'message.created', data: { id: 'm1' } });
    expect(seenB).to.have.length(1);

    streams[0]!.end(); // server went away
    await waitFor(() => clock.waiting(7.5).length === 1, undefined, 'the reconnect delay (10 ms, equal jitter)');
    clock.fire(7.5);
    await waitFor(() => streams.length === 2 && client.live.status === 'open');
    expect(requests[1]!.headers.get('last-event-id')).to.equal('41');
    expect(statuses).to.deep.equal(['connecting', 'open', 'reconnecting', 'open']);

    client.live.close();
    expect(client.live.status).to.equal('closed');
    expect(clock.waiting(7.5), 'no reconnect after close()').to.have.length(0);
  });

  it('reconnects (with Last-Event-ID) when a connection goes silent, heartbeats keep it open', async () => {
    const streams: ReturnType<typeof sseResponse>[] = [];
    const lastIds: Array<string | null> = [];
    const clock = manualTimers();
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      token: fakeJwt(Math.floor(Date.now() / 1000) + 900),
      live: { minDelay: 5, maxDelay: 10, random: () => 0.5, stallTimeout: 120, timers: clock.timers },
      fetch: async (_input, init) => {
        lastIds.push(new Headers(init?.headers).get('last-event-id'));
        const stream = sseResponse();
        streams.push(stream);
        return stream.response;
      },
    });
    client.live.start();
    await waitFor(() => streams.length === 1 && client.live.status === 'open');
    streams[0]!.write('id: 5\nevent: ready\ndata: {}\n\n');
    await waitFor(() => clock.requested.filter((ms) => ms === 120).length === 2, undefined, 'the event read');
    for (let i = 0; i < 4; i++) {
      const armed = clock.requested.filter((ms) => ms === 120).length;
      streams[0]!.write(': heartbeat\n\n');
      await waitFor(() => clock.requested.filter((ms) => ms === 120).length === armed + 1, undefined, 'the watchdog re-armed');
      expect(clock.waiting(120), 'each heartbeat replaces the stall watchdog').to.have.length(1);
    }
    expect(streams).to.have.length(1, 'heartbeats within the timeout keep the connection');
    clock.fire(120); // then silence
    await waitFor(() => clock.waiting(3.75).length === 1, undefined, 'the reconnect delay');
    clock.fire(3.75);
    await waitFor(() => streams.length === 2);
    expect(lastIds).to.deep.equal([null, '5']);
    client.live.close();
  });

  it('backs off exponentially (with jitter) while the server is unreachable', async () => {
    let attempts = 0;
    const clock = manualTimers();
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      live: { minDelay: 20, maxDelay: 100, random: () => 1, timers: clock.timers },
      fetch: async () => {
        attempts++;
        throw new TypeError('Failed to fetch');
      },
    });
    client.live.start();
    for (const delay of [20, 40, 80, 100, 100]) {
      await waitFor(() => clock.waiting(delay).length === 1, undefined, `a ${delay} ms delay`);
      clock.fire(delay);
    }
    await waitFor(() => attempts === 6);
    client.live.close();
    // random() = 1 → the full delay: doubling from minDelay, capped at maxDelay
    expect(clock.requested.filter((ms) => ms !== 45_000)).to.deep.equal([20, 40, 80, 100, 100, 100]);
  });

  it('stops (status closed) when the server refuses the subject', async () => {
    let calls = 0;
    const clock = manualTimers();
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      live: { minDelay: 5, timers: clock.timers },
      fetch: async () => {
        calls++;
        return problemResponse(401, 'unauthenticated');
      },
    });
    client.live.start();
    await waitFor(() => client.live.status === 'closed');
    expect(calls).to.equal(1);
    expect(clock.requested, 'no reconnect is even scheduled').to.deep.equal([]);
  });
});
