import { ApiError, NETWORK_MESSAGE, errorMessage } from './errors';
import { createCloudTransport, createHttpTransport, selectTransport, unwrapReply, type FetchLike } from './transport';

describe('unwrapReply', () => {
  it('returns data of an ok reply', () => {
    expect(unwrapReply({ ok: true, data: { a: 1 } })).toEqual({ a: 1 });
    expect(unwrapReply({ ok: true, data: null })).toBeNull();
  });

  it('throws ApiError with the server code and Chinese message', () => {
    try {
      unwrapReply({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作。' } });
      throw new Error('not thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).code).toBe('FORBIDDEN');
      expect((e as ApiError).message).toBe('您没有权限进行此操作。');
    }
  });

  it('maps unknown codes to INTERNAL and unreadable replies to BAD_REPLY', () => {
    expect(() => unwrapReply({ ok: false, error: { code: 'WAT', message: '出错了' } })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: '出错了' }),
    );
    for (const bad of [undefined, null, 'x', {}, { ok: 'yes' }, { ok: false }]) {
      expect(() => unwrapReply(bad)).toThrow(expect.objectContaining({ code: 'BAD_REPLY' }));
    }
  });
});

describe('cloud transport (weapp)', () => {
  function fakeCloud(result: unknown | Error) {
    return {
      init: jest.fn(),
      callFunction: jest.fn(async (_o: { name: string; data: unknown }) => {
        if (result instanceof Error) throw result;
        return { result };
      }),
    };
  }

  it('initialises once with the env and calls the function with { action, params }', async () => {
    const cloud = fakeCloud({ ok: true, data: { openid: 'o1' } });
    const invoke = createCloudTransport({ cloud, env: 'env-1' });
    await expect(invoke('user', 'me', {})).resolves.toEqual({ openid: 'o1' });
    await invoke('user', 'me', {});
    expect(cloud.init).toHaveBeenCalledTimes(1);
    expect(cloud.init).toHaveBeenCalledWith({ env: 'env-1', traceUser: true });
    expect(cloud.callFunction).toHaveBeenCalledWith({ name: 'user', data: { action: 'me', params: {} } });
  });

  it('uses the default environment when none is configured', async () => {
    const cloud = fakeCloud({ ok: true, data: 1 });
    await createCloudTransport({ cloud, env: '' })('user', 'me', {});
    expect(cloud.init).toHaveBeenCalledWith({ env: undefined, traceUser: true });
  });

  it('turns a failed callFunction into NETWORK', async () => {
    const invoke = createCloudTransport({ cloud: fakeCloud(new Error('cloud.callFunction:fail timeout')) });
    await expect(invoke('user', 'me', {})).rejects.toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE });
  });

  it('the_platform_refusing_a_call_over_its_quota_is_BUSY_not_a_network_failure', async () => {
    // WeChat's documented codes (-501003 请求次数超出环境配额, -501004 请求并发数超出环境配额) and
    // CloudBase's concurrency names, as callFunction rejects with them.
    const refusals = [
      Object.assign(new Error('cloud.callFunction:fail'), { errCode: -501004, errMsg: 'cloud.callFunction:fail' }),
      Object.assign(new Error('x'), { errCode: -501003 }),
      Object.assign(new Error('x'), { errMsg: 'cloud.callFunction:fail Error: errCode: -501004  | errMsg: concurrent requests exceed the environment quota' }),
      new Error('cloud.callFunction:fail Error: errCode: -501000  | errMsg: [EXCEED_CONCURRENT_REQUEST_LIMIT] 并发超出限制'),
      new Error('cloud.callFunction:fail Error: errCode: -501000  | errMsg: [FUNCTION_EXCEED_RESOURCE_LIMIT]'),
      new Error('cloud.callFunction:fail ResourceLimitReached'),
    ];
    for (const e of refusals) {
      const invoke = createCloudTransport({ cloud: fakeCloud(e) });
      await expect(invoke('volunteer', 'signUp', {})).rejects.toMatchObject({ code: 'BUSY', message: '当前访问人数较多，请稍后再试。' });
    }
  });

  it('a_function_that_ran_and_failed_is_not_taken_for_a_platform_refusal', async () => {
    // -504002: the function started and threw (here because of a database refusal part way) —
    // it may have written, so this must not count as "refused before it ran".
    const ran = new Error(
      'errCode: -404011 cloud function execution error | errMsg: cloud.callFunction:fail requestID x, cloud function service error code -504002, error message Error: EXCEED_CONCURRENT_REQUEST_LIMIT',
    );
    const invoke = createCloudTransport({ cloud: fakeCloud(ran) });
    await expect(invoke('appointment', 'book', {})).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('passes error replies through as ApiError', async () => {
    const invoke = createCloudTransport({ cloud: fakeCloud({ ok: false, error: { code: 'CONFLICT', message: '已处理。' } }) });
    await expect(invoke('user', 'approveMember', {})).rejects.toMatchObject({ code: 'CONFLICT', message: '已处理。' });
  });
});

describe('http transport (h5)', () => {
  function fakeFetch(reply: { status?: number; body?: unknown; jsonFails?: boolean } | Error) {
    return jest.fn<ReturnType<FetchLike>, Parameters<FetchLike>>(async () => {
      if (reply instanceof Error) throw reply;
      return {
        status: reply.status ?? 200,
        json: async () => {
          if (reply.jsonFails) throw new SyntaxError('Unexpected token <');
          return reply.body;
        },
      };
    });
  }

  it('POSTs { action, params } to /api/<fn> with the demo identity header', async () => {
    const fetch = fakeFetch({ body: { ok: true, data: [1, 2] } });
    const invoke = createHttpTransport({ fetch, getOpenid: () => 'demo-admin', createAbort: () => null });
    await expect(invoke('user', 'listBranches', {})).resolves.toEqual([1, 2]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/user');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'Content-Type': 'application/json', 'X-WX-OPENID': 'demo-admin' });
    expect(JSON.parse(init.body)).toEqual({ action: 'listBranches', params: {} });
  });

  it('sends no identity header when none is chosen', async () => {
    const fetch = fakeFetch({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '未能识别您的身份。' } } });
    const invoke = createHttpTransport({ fetch, getOpenid: () => null, createAbort: () => null });
    await expect(invoke('user', 'me', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(fetch.mock.calls[0][1].headers).not.toHaveProperty('X-WX-OPENID');
  });

  it('reads error replies whatever the HTTP status', async () => {
    const fetch = fakeFetch({ status: 409, body: { ok: false, error: { code: 'FULL', message: '名额已满。' } } });
    const invoke = createHttpTransport({ fetch, getOpenid: () => 'x', createAbort: () => null });
    await expect(invoke('volunteer', 'signUp', {})).rejects.toMatchObject({ code: 'FULL', message: '名额已满。' });
  });

  it('turns a rejected fetch into NETWORK with the Chinese sentence', async () => {
    const invoke = createHttpTransport({ fetch: fakeFetch(new TypeError('Failed to fetch')), getOpenid: () => 'x', createAbort: () => null });
    const err = await invoke('user', 'me', {}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'NETWORK', message: '网络连接失败，请检查网络后重试。' });
    expect(errorMessage(err)).toBe('网络连接失败，请检查网络后重试。');
  });

  it('treats a non-JSON 404/5xx (no gateway behind the page) as NETWORK, other non-JSON as BAD_REPLY', async () => {
    const a = createHttpTransport({ fetch: fakeFetch({ status: 404, jsonFails: true }), getOpenid: () => 'x', createAbort: () => null });
    await expect(a('user', 'me', {})).rejects.toMatchObject({ code: 'NETWORK' });
    const b = createHttpTransport({ fetch: fakeFetch({ status: 502, jsonFails: true }), getOpenid: () => 'x', createAbort: () => null });
    await expect(b('user', 'me', {})).rejects.toMatchObject({ code: 'NETWORK' });
    const c = createHttpTransport({ fetch: fakeFetch({ status: 200, jsonFails: true }), getOpenid: () => 'x', createAbort: () => null });
    await expect(c('user', 'me', {})).rejects.toMatchObject({ code: 'BAD_REPLY' });
  });

  it('aborts a request that takes too long and reports NETWORK', async () => {
    jest.useFakeTimers();
    try {
      let aborted = false;
      const fetch: FetchLike = (_u, init) =>
        new Promise((_res, rej) => {
          (init.signal as { onabort?: () => void }).onabort = () => rej(new Error('aborted'));
        });
      const invoke = createHttpTransport({
        fetch,
        getOpenid: () => 'x',
        timeoutMs: 1000,
        createAbort: () => {
          const signal: { onabort?: () => void } = {};
          return { signal, abort: () => { aborted = true; signal.onabort?.(); } };
        },
      });
      const p = invoke('user', 'me', {});
      jest.advanceTimersByTime(1000);
      await expect(p).rejects.toMatchObject({ code: 'NETWORK' });
      expect(aborted).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('uses a base URL when given', async () => {
    const fetch = fakeFetch({ body: { ok: true, data: 1 } });
    await createHttpTransport({ fetch, getOpenid: () => 'x', baseUrl: 'http://127.0.0.1:8080', createAbort: () => null })('user', 'me', {});
    expect(fetch.mock.calls[0][0]).toBe('http://127.0.0.1:8080/api/user');
  });
});

describe('errorMessage', () => {
  it('never shows a non-Chinese technical message', () => {
    expect(errorMessage(new Error('TypeError: x is undefined'))).toBe('操作未成功，请稍后重试。');
    expect(errorMessage(undefined)).toBe('操作未成功，请稍后重试。');
    expect(errorMessage(new ApiError('CONFLICT', '该申请已被处理，请刷新列表。'))).toBe('该申请已被处理，请刷新列表。');
  });
});

describe('selectTransport', () => {
  const cloudReply = { ok: true, data: 'from cloud' };
  const httpReply = { ok: true, data: 'from http' };
  const deps = () => ({
    cloud: jest.fn(() => ({ init: jest.fn(), callFunction: jest.fn(async () => ({ result: cloudReply })) })),
    fetch: jest.fn(async () => ({ status: 200, json: async () => httpReply })),
    getOpenid: () => 'demo-member',
  });

  it('uses cloud.callFunction in weapp and never touches fetch', async () => {
    const d = deps();
    await expect(selectTransport('weapp', d)('user', 'me', {})).resolves.toBe('from cloud');
    expect(d.fetch).not.toHaveBeenCalled();
  });

  it('uses the HTTP gateway in h5 and never touches the cloud object', async () => {
    const d = deps();
    await expect(selectTransport('h5', d)('user', 'me', {})).resolves.toBe('from http');
    expect(d.cloud).not.toHaveBeenCalled();
  });

  it('refuses to build a transport without what it needs', () => {
    expect(() => selectTransport('weapp', {})).toThrow();
    expect(() => selectTransport('h5', {})).toThrow();
  });
});
