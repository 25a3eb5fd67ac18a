/**
 * The console's GraphQL client with a fake `fetch` (a unit test of the browser code): what it sends,
 * the one refresh-and-retry on UNAUTHENTICATED, and how the gateway's errors reach the pages.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, GraphQLClient, toApiError, type ErrorCode, type TokenSource } from './client.js';
import type { TypedDocumentString } from './typed-document.js';

const QUEUE = { toString: () => 'query Queue($region: String!) { petitions(region: $region) { id } }' } as unknown as TypedDocumentString<{ petitions: { id: string }[] }, { region: string }>;
const DATA = { petitions: [{ id: 'p1' }] };

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: { query: string; variables?: unknown };
}

/** Answers each request with the next of `answers` (a body, a Response, or an Error to throw). */
function fakeFetch(...answers: (unknown | Response | Error)[]) {
  const sent: Sent[] = [];
  const impl: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, body: JSON.parse(String(init?.body)) });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    if (next instanceof Response) return next;
    return new Response(JSON.stringify(next), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { impl, sent };
}

/** A token source whose refresh hands out `next` tokens (false when they run out). */
function tokens(first: string | null, ...next: string[]) {
  let current = first;
  let refreshes = 0;
  const source: TokenSource = {
    accessToken: () => current,
    refresh: async () => {
      refreshes += 1;
      const token = next.shift();
      if (!token) return false;
      current = token;
      return true;
    },
  };
  return { source, refreshes: () => refreshes };
}

const error = (code: string, message = 'x', reason?: string) => ({ errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }] });

describe('GraphQLClient.request', () => {
  it('POSTs the document and variables to /graphql with the access token, and answers the data', async () => {
    const { impl, sent } = fakeFetch({ data: DATA });
    const client = new GraphQLClient(tokens('t1').source, impl);
    expect(await client.request(QUEUE, { region: 'jingmen/dongbao' })).toEqual(DATA);
    expect(sent).toEqual([
      {
        url: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t1' },
        body: { query: QUEUE.toString(), variables: { region: 'jingmen/dongbao' } },
      },
    ]);
  });

  it('sends no authorization header before sign-in', async () => {
    const { impl, sent } = fakeFetch({ data: DATA });
    await new GraphQLClient(tokens(null).source, impl).request(QUEUE, { region: 'r' });
    expect(sent[0]!.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('UNAUTHENTICATED: refreshes once and retries with the new token', async () => {
    const { impl, sent } = fakeFetch(error('UNAUTHENTICATED', 'token expired'), { data: DATA });
    const t = tokens('old', 'new');
    expect(await new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' })).toEqual(DATA);
    expect(t.refreshes()).toBe(1);
    expect(sent.map((s) => s.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(sent[1]!.body).toEqual(sent[0]!.body);
  });

  it('UNAUTHENTICATED again after the retry: the error, not a loop', async () => {
    const { impl, sent } = fakeFetch(error('UNAUTHENTICATED'), error('UNAUTHENTICATED', '登录已失效'));
    const t = tokens('old', 'new', 'newer');
    await expect(new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已失效' });
    expect(t.refreshes()).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it('UNAUTHENTICATED and the login has ended: no retry, the error', async () => {
    const { impl, sent } = fakeFetch(error('UNAUTHENTICATED'));
    const t = tokens('old');
    await expect(new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(t.refreshes()).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('with refresh: false (the session’s own login, refresh, logout) UNAUTHENTICATED is the answer', async () => {
    const { impl, sent } = fakeFetch(error('UNAUTHENTICATED', '用户名或密码错误', 'WRONG_CREDENTIALS'));
    const t = tokens(null, 'would-be');
    await expect(new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' }, { refresh: false })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
    expect(t.refreshes()).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it.each<ErrorCode>(['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL'])('the gateway’s %s reaches the page with its message and reason, without a refresh', async (code) => {
    const { impl } = fakeFetch(error(code, '不能这样做', 'SOME_REASON'));
    const t = tokens('t1', 't2');
    const err = await new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code, message: '不能这样做', reason: 'SOME_REASON' });
    expect(t.refreshes()).toBe(0);
  });

  it('an unknown or missing code is INTERNAL (the pages handle only the gateway’s codes)', () => {
    expect(toApiError([{ message: 'm', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])).toMatchObject({ code: 'INTERNAL', message: 'm' });
    expect(toApiError([{ message: 'm' }])).toMatchObject({ code: 'INTERNAL' });
    expect(toApiError([])).toMatchObject({ code: 'INTERNAL', message: '未知错误' });
    // The first error decides.
    expect(toApiError([{ message: 'a', extensions: { code: 'NOT_FOUND' } }, { message: 'b', extensions: { code: 'FORBIDDEN' } }])).toMatchObject({ code: 'NOT_FOUND', message: 'a' });
  });

  it('the network down is NETWORK, with a message for people', async () => {
    const { impl } = fakeFetch(new TypeError('Failed to fetch'));
    await expect(new GraphQLClient(tokens('t1').source, impl).request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'NETWORK', message: '无法连接服务器，请检查网络' });
  });

  it('a proxy’s HTML error page is UNAVAILABLE (5xx) or INTERNAL, not a crash', async () => {
    const html = (status: number) => new Response('<html>Bad Gateway</html>', { status, headers: { 'content-type': 'text/html' } });
    const { impl } = fakeFetch(html(502), html(413));
    const client = new GraphQLClient(tokens('t1').source, impl);
    await expect(client.request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: '服务器返回 502' });
    await expect(client.request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'INTERNAL', message: '服务器返回 413' });
  });

  it('an answer without data or errors is INTERNAL', async () => {
    const { impl } = fakeFetch({});
    await expect(new GraphQLClient(tokens('t1').source, impl).request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
