import { ServerConnection } from '@jupyterlab/services';
import { describe, expect, it } from 'vitest';

import { NetworkError, requestAPI, ResponseError } from '../src/request.js';

function settings(fetch: typeof globalThis.fetch): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/lab-base/',
    wsUrl: 'ws://localhost:8888/lab-base/',
    token: 'secret',
    fetch
  });
}

describe('requestAPI', () => {
  it('calls the featurelab API under the base URL with the query', async () => {
    const urls: string[] = [];
    const fetch = (async (input: RequestInfo | URL) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return new Response(JSON.stringify({ shim: '0.1.0' }), { status: 200 });
    }) as typeof globalThis.fetch;
    const answer = await requestAPI<{ shim: string }>('version', settings(fetch), {
      query: { client: '0.1.0' }
    });
    expect(answer.shim).toBe('0.1.0');
    // ServerConnection appends a cache-busting timestamp to GETs.
    expect(urls[0]).toMatch(
      /^http:\/\/localhost:8888\/lab-base\/featurelab\/api\/version\?client=0\.1\.0(&\d+)?$/
    );
  });

  it('reads the API error body into a ResponseError', async () => {
    const fetch = (async () =>
      new Response(
        JSON.stringify({
          error: { code: 'service_starting', message: 'Starting', hint: 'Wait a moment' }
        }),
        { status: 503, statusText: 'Service Unavailable' }
      )) as typeof globalThis.fetch;
    const error = await requestAPI('status', settings(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      status: 503,
      code: 'service_starting',
      message: 'Starting',
      hint: 'Wait a moment'
    });
  });

  it('keeps the status of non-JSON errors (404 page of a missing extension)', async () => {
    const fetch = (async () =>
      new Response('<html>404: Not Found</html>', {
        status: 404,
        statusText: 'Not Found'
      })) as typeof globalThis.fetch;
    const error = await requestAPI('version', settings(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 404, code: 'http_404', message: 'Not Found' });
  });

  it('wraps transport failures in NetworkError', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    const error = await requestAPI('version', settings(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('Failed to fetch');
  });
});
