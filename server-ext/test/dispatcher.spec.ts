import { FeaturelabError, InvalidArgumentsError } from '@featurelab/core';
import { describe, expect, it } from 'vitest';
import { Dispatcher } from '../src/jsonrpc/dispatcher.js';
import { ErrorCode } from '../src/jsonrpc/protocol.js';
import { memoryLogger } from './helpers.js';

const user = { username: 'ada', displayName: 'Ada Lovelace' };

function dispatcher(): { rpc: Dispatcher; lines: Record<string, unknown>[] } {
  const { logger, lines } = memoryLogger();
  const rpc = new Dispatcher(logger);
  rpc.register('echo', ({ user: caller, args }) => ({ caller: caller.username, args }));
  rpc.register('typed', () => {
    throw new FeaturelabError('RegistryUnavailableError', 'registry is gone', {
      hint: 'Restart it.'
    });
  });
  rpc.register('badArgs', () => {
    throw new InvalidArgumentsError('args.n must be a number', { hint: 'Send {"n": 1}.' });
  });
  rpc.register('bug', () => {
    throw new TypeError('undefined is not a function');
  });
  rpc.register('slow', async () => {
    await new Promise(resolve => setTimeout(resolve, 5));
    return undefined;
  });
  return { rpc, lines };
}

const request = (method: string, params: unknown, id: number | string = 1): string =>
  JSON.stringify({ jsonrpc: '2.0', id, method, params });

describe('Dispatcher', () => {
  it('calls the handler with the caller and args', async () => {
    const { rpc } = dispatcher();
    expect(await rpc.handleBody(request('echo', { user, args: { x: 1 } }, 'a-1'))).toEqual({
      jsonrpc: '2.0',
      id: 'a-1',
      result: { caller: 'ada', args: { x: 1 } }
    });
  });

  it('answers null for a handler that returns nothing', async () => {
    const { rpc } = dispatcher();
    expect(await rpc.handleBody(request('slow', { user, args: {} }))).toEqual({
      jsonrpc: '2.0',
      id: 1,
      result: null
    });
  });

  it('answers -32700 for a body that is not JSON', async () => {
    const { rpc } = dispatcher();
    const response = await rpc.handleBody('{"jsonrpc": "2.0", ');
    expect(response).toMatchObject({ id: null, error: { code: ErrorCode.ParseError } });
  });

  it.each([
    ['a string', '"hello"', null],
    ['null', 'null', null],
    ['a wrong jsonrpc version', JSON.stringify({ jsonrpc: '1.0', id: 4, method: 'echo' }), 4],
    ['a missing method', JSON.stringify({ jsonrpc: '2.0', id: 5 }), 5],
    ['a numeric method', JSON.stringify({ jsonrpc: '2.0', id: 6, method: 7 }), 6],
    ['an object id', JSON.stringify({ jsonrpc: '2.0', id: { x: 1 }, method: 'echo' }), null],
    ['a null id', JSON.stringify({ jsonrpc: '2.0', id: null, method: 'echo' }), null]
  ])('answers -32600 for %s', async (_label, body, id) => {
    const { rpc } = dispatcher();
    expect(await rpc.handleBody(body)).toMatchObject({
      jsonrpc: '2.0',
      id,
      error: { code: ErrorCode.InvalidRequest }
    });
  });

  it('answers -32601 for an unknown method, before looking at params', async () => {
    const { rpc } = dispatcher();
    expect(await rpc.handleBody(request('nope', undefined, 9))).toEqual({
      jsonrpc: '2.0',
      id: 9,
      error: { code: ErrorCode.MethodNotFound, message: 'Method not found: nope' }
    });
  });

  it('answers -32602 when the caller is missing, with the pointer and a hint', async () => {
    const { rpc } = dispatcher();
    const response = await rpc.handleBody(request('echo', { args: {} }));
    expect(response).toMatchObject({
      id: 1,
      error: {
        code: ErrorCode.InvalidParams,
        data: {
          kind: 'InvalidParamsError',
          details: [{ pointer: '/params/user', message: 'required property "user" is missing' }]
        }
      }
    });
    expect(JSON.stringify(response)).toContain('hint');
  });

  it.each([
    ['no params', undefined],
    ['params as an array', [user, {}]],
    ['an empty username', { user: { username: '' }, args: {} }],
    ['a username that is not a string', { user: { username: 42 }, args: {} }],
    ['no args', { user }],
    ['args as a string', { user, args: 'x' }]
  ])('answers -32602 for %s', async (_label, params) => {
    const { rpc } = dispatcher();
    expect(await rpc.handleBody(request('echo', params))).toMatchObject({
      error: { code: ErrorCode.InvalidParams }
    });
  });

  it('answers -32602 with the typed error for invalid arguments', async () => {
    const { rpc } = dispatcher();
    expect(await rpc.handleBody(request('badArgs', { user, args: {} }))).toMatchObject({
      error: {
        code: ErrorCode.InvalidParams,
        message: 'args.n must be a number',
        data: { kind: 'InvalidArgumentsError', hint: 'Send {"n": 1}.' }
      }
    });
  });

  it('answers -32000 with kind and hint for a typed Featurelab error', async () => {
    const { rpc } = dispatcher();
    expect(await rpc.handleBody(request('typed', { user, args: {} }))).toEqual({
      jsonrpc: '2.0',
      id: 1,
      error: {
        code: ErrorCode.ApplicationError,
        message: 'registry is gone',
        data: { kind: 'RegistryUnavailableError', hint: 'Restart it.' }
      }
    });
  });

  it('answers -32603 for an unexpected exception and logs its stack', async () => {
    const { rpc, lines } = dispatcher();
    expect(await rpc.handleBody(request('bug', { user, args: {} }))).toMatchObject({
      error: { code: ErrorCode.InternalError, data: { kind: 'InternalError' } }
    });
    const logged = lines.find(line => line.msg === 'request failed unexpectedly');
    expect(logged?.level).toBe('error');
    expect(JSON.stringify(logged)).toContain('undefined is not a function');
  });

  it('does not answer notifications, even for unknown methods', async () => {
    const { rpc } = dispatcher();
    expect(
      await rpc.handleBody(
        JSON.stringify({ jsonrpc: '2.0', method: 'echo', params: { user, args: {} } })
      )
    ).toBeUndefined();
    expect(
      await rpc.handleBody(JSON.stringify({ jsonrpc: '2.0', method: 'nope' }))
    ).toBeUndefined();
  });

  it('ignores responses sent to it', async () => {
    const { rpc } = dispatcher();
    expect(
      await rpc.handleBody(JSON.stringify({ jsonrpc: '2.0', id: 3, result: {} }))
    ).toBeUndefined();
  });

  it('answers a batch, leaving out notifications', async () => {
    const { rpc } = dispatcher();
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'echo', params: { user, args: {} } },
      { jsonrpc: '2.0', method: 'echo', params: { user, args: {} } },
      { jsonrpc: '2.0', id: 2, method: 'nope' }
    ];
    const responses = await rpc.handleBody(JSON.stringify(batch));
    expect(responses).toMatchObject([
      { id: 1, result: { caller: 'ada' } },
      { id: 2, error: { code: ErrorCode.MethodNotFound } }
    ]);
    expect(await rpc.handleBody('[]')).toMatchObject({ error: { code: ErrorCode.InvalidRequest } });
  });

  it('refuses to register a method twice', () => {
    const { rpc } = dispatcher();
    expect(() => rpc.register('echo', () => 1)).toThrow(/already registered/);
  });
});
