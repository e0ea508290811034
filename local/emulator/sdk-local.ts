/**
 * Makes the real @cloudbase/node-sdk fast against a local serviceUrl.
 *
 * SDK quirk (node-sdk 3.18.3, utils/cloudplatform.js + utils/metadata.js): before EVERY request it asks
 * "am I on Tencent Cloud?" twice by GETting http://metadata.tencentyun.com/latest/meta-data/app-id with a
 * 30 ms time-out. On Tencent Cloud the answer is cached after the first success; off the cloud the lookup
 * fails, nothing is cached, and every database call pays ~55 ms here (100 sequential doc().get() took
 * 5.5 s instead of 85 ms). Answering that one URL locally with an empty (non-appId) body — what the
 * metadata service would say off-cloud — makes the SDK cache "not on Tencent Cloud" once.
 *
 * It installs an interceptor on the axios instance the SDK itself resolves (process-wide, only that URL).
 * Call it once in any process that drives the SDK against the emulator (tests, local gateway).
 */
import * as path from 'path';

const METADATA_PREFIX = 'http://metadata.tencentyun.com';

interface AxiosLike {
  interceptors: { request: { use(fn: (config: Record<string, unknown>) => Record<string, unknown>): number } };
}

let installed = false;

export function skipSdkMetadataLookup(): void {
  if (installed) return;
  const sdkDir = path.dirname(require.resolve('@cloudbase/node-sdk/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const axios = require(require.resolve('axios', { paths: [sdkDir] })) as AxiosLike & { default?: AxiosLike };
  const instance = axios.interceptors ? axios : axios.default!;
  instance.interceptors.request.use((config) => {
    if (String(config.url ?? '').startsWith(METADATA_PREFIX)) {
      config.adapter = async () => ({ data: '', status: 200, statusText: 'OK', headers: {}, config });
    }
    return config;
  });
  installed = true;
}
