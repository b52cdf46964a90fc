import { expect } from '@open-wc/testing';
import { loadedCatalogues } from '@herald/core';
import { HeraldProblem } from './problem.js';
import { createHeraldClient } from './client.js';

describe('HeraldProblem', () => {
  it('issue 16: comes once the problem texts (loaded on demand) are here', async () => {
    // First in this file: nothing on this page has loaded them yet.
    expect(loadedCatalogues().en).to.not.include('problems');
    const response = new Response(JSON.stringify({ code: 'conflict', title: 'Conflict' }), {
      status: 409,
      headers: { 'content-type': 'application/problem+json' },
    });
    await HeraldProblem.fromResponse(response);
    expect(loadedCatalogues().en).to.include('problems');
  });

  it('is built from an application/problem+json response', async () => {
    const response = new Response(
      JSON.stringify({
        type: 'urn:herald:problem:validation',
        code: 'validation',
        title: 'Invalid request',
        status: 400,
        detail: 'login is required',
        requestId: 'req-1',
        errors: [{ path: 'login', message: 'Required' }],
      }),
      { status: 400, headers: { 'content-type': 'application/problem+json' } },
    );
    const problem = await HeraldProblem.fromResponse(response);
    expect(problem).to.be.instanceOf(Error);
    expect(problem).to.include({
      code: 'validation',
      title: 'Invalid request',
      status: 400,
      detail: 'login is required',
      requestId: 'req-1',
    });
    expect(problem.type).to.equal('urn:herald:problem:validation');
    expect(problem.errors).to.deep.equal([{ path: 'login', message: 'Required' }]);
  });

  it('takes retryAfter from the body, else from the Retry-After header', async () => {
    const fromBody = await HeraldProblem.fromResponse(
      new Response(JSON.stringify({ code: 'too-many-attempts', status: 429, retryAfter: 42 }), {
        status: 429,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    expect(fromBody.retryAfter).to.equal(42);
    const fromHeader = await HeraldProblem.fromResponse(
      new Response('slow down', { status: 429, headers: { 'retry-after': '7' } }),
    );
    expect(fromHeader).to.include({ code: 'too-many-attempts', retryAfter: 7, status: 429 });
  });

  it('turns a network failure into code "network"', async () => {
    const client = createHeraldClient({
      baseUrl: location.origin,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(HeraldProblem);
    expect((error as HeraldProblem).code).to.equal('network');
  });

  it('issue 21: a cookie session across origins fails as "cookies-cross-origin", not "network"', async () => {
    // What a browser does: no credentialed CORS from Herald, so the fetch rejects like a network failure.
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(await client.me().catch((e: HeraldProblem) => e.code)).to.equal('cookies-cross-origin');
    client.setTokenProvider(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await client.me().catch((e: HeraldProblem) => e.code), 'with a token it is the token provider').to.equal(
      'token-provider-failed',
    );
  });

  it('is thrown for non-2xx answers', async () => {
    const client = createHeraldClient({
      baseUrl: 'http://herald.test',
      fetch: async () =>
        new Response(JSON.stringify({ code: 'invalid-credentials', status: 401, title: 'Invalid credentials' }), {
          status: 401,
          headers: { 'content-type': 'application/problem+json' },
        }),
    });
    const error = (await client.signIn('E001', 'nope').catch((e: unknown) => e)) as HeraldProblem;
    expect(error.code).to.equal('invalid-credentials');
    expect(error.status).to.equal(401);
  });
});
