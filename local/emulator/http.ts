/**
 * The HTTP face of the emulator: what `serviceUrl` points at. The SDK POSTs JSON to
 * `<serviceUrl>?env=<env>&seqId=<id>` with a TC3 signature in `Authorization`; the emulator ignores the
 * signature (it is local) and answers every request with status 200 and a JSON body. A non-200 status
 * would make the SDK throw an error whose `.code` is the status number, which no production code expects.
 */
import type { IncomingMessage, ServerResponse } from 'http';

/** CloudBase rejects requests above a few MB; 16 MB (MongoDB's document limit) is generous. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Markers handed to DatabaseEmulator.handle, which answers them with INVALID_PARAM. */
export const MALFORMED_BODY = Symbol('malformed body');
export const BODY_TOO_LARGE = Symbol('body too large');

export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  // A gateway may have parsed the body already (express.json() and friends put it on req.body and
  // consume the stream); waiting for 'end' again would hang.
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined) {
    if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) return Promise.resolve(parseJson(parsed.toString()));
    return Promise.resolve(parsed);
  }
  if (req.readableEnded) return Promise.resolve(MALFORMED_BODY);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooBig) return resolve(BODY_TOO_LARGE);
      resolve(parseJson(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', () => resolve(MALFORMED_BODY));
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return MALFORMED_BODY;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
