/** The local gateway itself: what reaches it before any function runs. */
import http from 'http';
import { startTestGateway, type TestGateway } from './testing';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.close();
});

/** A raw GET, the path sent byte for byte (fetch would normalise it). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: gw.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a_malformed_url_answers_a_coded_400_and_the_gateway_keeps_running', async () => {
  expect((await rawGet('/healthz')).status).toBe(200);
  for (const bad of ['/%E0%A4%A', '/%', '/pages/%ZZ/index', '/%E0%A4%A?x=1']) {
    const r = await rawGet(bad);
    expect([bad, r.status]).toEqual([bad, 400]);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^[^a-zA-Z]*$/) } });
  }
  expect((await rawGet('/healthz')).status).toBe(200);
  expect((await gw.call('user', 'me', {}, 'demo-admin')).body.ok).toBe(true);
});
