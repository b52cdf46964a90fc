import { expect } from '@open-wc/testing';
import { createHeraldClient } from './client.js';
import { SseParser, type LiveEvent, type LiveStatus } from './live.js';
import { fakeJwt, problemResponse } from './test-helpers.js';
import { installFakeClock, type FakeClock } from './testing/fake-clock.js';

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
    const text =
      ': heartbeat\r\nid: 7\r\nevent: me.updated\r\ndata: {"a":\r\ndata: 1}\r\n\r\ndata:plain\n\nid: 8\nevent: x\n\n';
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

// Issue 14: the reconnect and stall timers run on a fake clock, so these tests do not depend on the machine's speed.
describe('LiveStream', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = installFakeClock();
  });
  afterEach(() => clock.restore());

  it('shares one stream, delivers typed events, reconnects with Last-Event-ID, and stops on close()', async () => {
    const token = fakeJwt(Math.floor(Date.now() / 1000) + 900);
    const requests: { url: string; headers: Headers }[] = [];
    const streams: ReturnType<typeof sseResponse>[] = [];
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      token,
      live: { minDelay: 10, maxDelay: 40, random: () => 0.5 },
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
    await clock.settle(() => streams.length === 1 && client.live.status === 'open');
    expect(requests[0]!.url).to.equal('http://herald.test/api/v1/live');
    expect(requests[0]!.url).not.to.contain(token);
    expect(requests[0]!.headers.get('authorization')).to.equal(`Bearer ${token}`);
    expect(requests[0]!.headers.has('last-event-id')).to.equal(false);

    streams[0]!.write('id: 41\nevent: message.created\ndata: {"id":"m1"}\n\n: heartbeat\n\n');
    await clock.settle(() => seenA.length === 1);
    expect(seenA[0]).to.deep.equal({ id: '41', type: 'message.created', data: { id: 'm1' } });
    expect(seenB).to.have.length(1);

    streams[0]!.end(); // server went away
    await clock.settle(() => client.live.status === 'reconnecting' && clock.pending.length === 1, 'a reconnect timer');
    expect(clock.pending).to.deep.equal([7.5]); // 10 ms with equal jitter at random() = 0.5
    clock.next();
    await clock.settle(() => streams.length === 2 && client.live.status === 'open');
    expect(requests[1]!.headers.get('last-event-id')).to.equal('41');
    expect(statuses).to.deep.equal(['connecting', 'open', 'reconnecting', 'open']);

    client.live.close();
    expect(client.live.status).to.equal('closed');
    // The open stream's stall watchdog goes with it, and no reconnect is scheduled.
    await clock.settle(() => clock.pending.length === 0, 'no timer left after close()');
    expect(streams).to.have.length(2);
  });

  it('reconnects (with Last-Event-ID) when a connection goes silent, heartbeats keep it open', async () => {
    const streams: ReturnType<typeof sseResponse>[] = [];
    const lastIds: Array<string | null> = [];
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      token: fakeJwt(Math.floor(Date.now() / 1000) + 900),
      live: { minDelay: 5, maxDelay: 10, random: () => 0.5, stallTimeout: 120 },
      fetch: async (_input, init) => {
        lastIds.push(new Headers(init?.headers).get('last-event-id'));
        const stream = sseResponse();
        streams.push(stream);
        return stream.response;
      },
    });
    const ready: LiveEvent[] = [];
    client.live.on('ready', (e) => ready.push(e));
    client.live.start();
    await clock.settle(() => streams.length === 1 && client.live.status === 'open');
    streams[0]!.write('id: 5\nevent: ready\ndata: {}\n\n');
    await clock.settle(() => ready.length === 1);
    for (let i = 0; i < 4; i++) {
      clock.tick(60); // 240 ms in all, each gap under the 120 ms stall timeout
      const armed = clock.setCount;
      streams[0]!.write(': heartbeat\n\n');
      await clock.settle(() => clock.setCount > armed, 'the heartbeat re-armed the watchdog');
    }
    expect(streams).to.have.length(1, 'heartbeats within the timeout keep the connection');
    clock.tick(120); // then silence
    await clock.settle(() => client.live.status === 'reconnecting' && clock.pending.length === 1, 'a reconnect timer');
    clock.next();
    await clock.settle(() => streams.length === 2);
    expect(lastIds).to.deep.equal([null, '5']);
    client.live.close();
  });

  it('backs off exponentially (with jitter) up to maxDelay while the server is unreachable', async () => {
    let calls = 0;
    let random = 1;
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      live: { minDelay: 20, maxDelay: 100, random: () => random },
      fetch: async () => {
        calls++;
        throw new TypeError('Failed to fetch');
      },
    });
    client.live.start();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await clock.settle(() => calls === attempt && clock.pending.length === 1, `reconnect timer ${attempt}`);
      delays.push(clock.next());
    }
    // random() = 1 → the full delay: doubling from 20 ms, capped at 100 ms
    expect(delays).to.deep.equal([20, 40, 80, 100, 100]);
    random = 0; // → half of it ("equal jitter")
    await clock.settle(() => calls === 6 && clock.pending.length === 1);
    expect(clock.pending).to.deep.equal([50]);
    client.live.close();
    expect(clock.pending).to.deep.equal([]);
  });

  it('stops (status closed) when the server refuses the subject', async () => {
    let calls = 0;
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      live: { minDelay: 5 },
      fetch: async () => {
        calls++;
        return problemResponse(401, 'unauthenticated');
      },
    });
    client.live.start();
    await clock.settle(() => client.live.status === 'closed');
    expect(clock.pending, 'no reconnect is scheduled').to.deep.equal([]);
    expect(calls).to.equal(1);
  });
});
