import { ServerConnection } from '@jupyterlab/services';
import { describe, expect, it } from 'vitest';

import { CatalogClient } from '../../src/catalog/client.js';
import { ResponseError } from '../../src/request.js';

interface ICall {
  url: string;
  method: string;
  body: unknown;
}

function client(answer: (call: ICall) => Response): { client: CatalogClient; calls: ICall[] } {
  const calls: ICall[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const call = {
      url: request.url,
      method: request.method,
      body: JSON.parse((await request.text()) || 'null') as unknown
    };
    calls.push(call);
    return answer(call);
  }) as typeof globalThis.fetch;
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/base/',
    wsUrl: 'ws://localhost:8888/base/',
    token: 'secret',
    fetch
  });
  return { client: new CatalogClient(settings), calls };
}

describe('CatalogClient', () => {
  it('posts {args} to the rpc endpoint and returns the result', async () => {
    const { client: catalog, calls } = client(
      () => new Response(JSON.stringify({ result: { changes: [] } }), { status: 200 })
    );
    const diff = await catalog.diff('Feature', 'g.f', 1, 3);
    expect(diff).toEqual({ changes: [] });
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toMatch(
      /^http:\/\/localhost:8888\/base\/featurelab\/api\/rpc\/catalog\.diff/
    );
    expect(calls[0].body).toEqual({
      args: { kind: 'Feature', name: 'g.f', fromVersion: 1, toVersion: 3 }
    });
  });

  it('sends the plan base version with apply', async () => {
    const { client: catalog, calls } = client(
      () => new Response(JSON.stringify({ result: {} }), { status: 200 })
    );
    await catalog.apply('features', { force: true, baseVersion: 7 });
    expect(calls[0].url).toContain('/rpc/specs.apply');
    expect(calls[0].body).toEqual({ args: { folder: 'features', force: true, baseVersion: 7 } });
  });

  it('keeps the typed error kind of a service error (a lost apply race)', async () => {
    const { client: catalog } = client(
      () =>
        new Response(
          JSON.stringify({
            error: {
              code: 'service_error',
              message: 'the registry is at version 3, but the plan was made against version 2',
              hint: 'Run plan again.',
              data: { kind: 'RegistryConflictError', hint: 'Run plan again.' }
            }
          }),
          { status: 502 }
        )
    );
    const error = await catalog.apply('features', { baseVersion: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({
      status: 502,
      code: 'service_error',
      hint: 'Run plan again.',
      data: { kind: 'RegistryConflictError' }
    });
  });
});
