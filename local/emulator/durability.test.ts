import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DatabaseEmulator } from './emulator';

const COLLECTIONS = [{ collectionName: 'acks' }];
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'redpark-durability-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function count(emulator: DatabaseEmulator): Promise<number> {
  const reply = (await emulator.handle({ action: 'database.calculateDocument', collectionName: 'acks', queryType: 'WHERE', query: '{}' })) as {
    data: { total: number };
  };
  return reply.data.total;
}

describe('durability', () => {
  test('every acknowledged insert survives kill -9 of the writing process', async () => {
    const file = path.join(dir, 'db.sqlite');
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'durability-child.ts'), file, '1000000'], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const killedAfter = await new Promise<number>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^ack (\d+)$/.exec(line);
          if (m) acked.push(Number(m[1]));
        }
        if (acked.length >= 300 && child.exitCode === null && !child.killed) {
          child.kill('SIGKILL');
          resolve(acked.length);
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child exited early (${code}): ${stderr}`));
      });
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)));
    expect(child.signalCode).toBe('SIGKILL');
    expect(killedAfter).toBeGreaterThanOrEqual(300);

    const reopened = DatabaseEmulator.open({ file, collections: COLLECTIONS });
    const stored = await count(reopened);
    expect(stored).toBeGreaterThanOrEqual(acked.length); // it was killed mid-way: maybe a few more than we heard of
    expect(stored).toBeLessThan(1_000_000);
    const missing: number[] = [];
    for (const i of acked) {
      const reply = (await reopened.handle({
        action: 'database.getDocument',
        collectionName: 'acks',
        queryType: 'DOC',
        query: JSON.stringify({ _id: `d${i}` }),
      })) as { data: { list: string[] } };
      if (reply.data.list.length !== 1) missing.push(i);
    }
    expect(missing).toEqual([]);
    reopened.close();
  }, 20_000);

  test('data, dates and unique indexes survive close and reopen', async () => {
    const file = path.join(dir, 'db.sqlite');
    const collections = [{ collectionName: 'acks', createIndexes: [{ name: 'uniq_i', unique: true, keys: [{ name: 'i', direction: 1 }] }] }];
    const first = DatabaseEmulator.open({ file, collections });
    await first.handle({
      action: 'database.insertDocument',
      collectionName: 'acks',
      data: [JSON.stringify({ _id: 'keep', i: 1, at: { $date: { $numberLong: '1700000000000' } } })],
    });
    first.close();

    const second = DatabaseEmulator.open({ file, collections });
    const got = (await second.handle({ action: 'database.getDocument', collectionName: 'acks', queryType: 'DOC', query: '{"_id":"keep"}' })) as {
      data: { list: string[] };
    };
    expect(JSON.parse(got.data.list[0])).toEqual({ _id: 'keep', i: 1, at: { $date: { $numberLong: '1700000000000' } } });
    const dup = (await second.handle({ action: 'database.insertDocument', collectionName: 'acks', data: ['{"i":1}'] })) as { code?: string };
    expect(dup.code).toBe('DATABASE_DUPLICATE_WRITE');
    second.close();
  });

  test('an index declared later over data that violates it is reported and not enforced', async () => {
    const file = path.join(dir, 'db.sqlite');
    const plain = DatabaseEmulator.open({ file, collections: [{ collectionName: 'acks' }] });
    await plain.handle({ action: 'database.insertDocument', collectionName: 'acks', data: ['{"i":1}', '{"i":1}'] });
    plain.close();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const indexed = DatabaseEmulator.open({
      file,
      collections: [{ collectionName: 'acks', createIndexes: [{ name: 'uniq_i', unique: true, keys: [{ name: 'i', direction: 1 }] }] }],
    });
    warn.mockRestore();
    expect(indexed.warnings).toEqual([expect.stringContaining('uniq_i')]);
    indexed.close();
  });
});
