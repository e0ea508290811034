/**
 * Child process for durability.test.ts: inserts documents one by one and prints `ack <i>` (synchronously,
 * straight to fd 1) only after the emulator has acknowledged each insert. The parent kill -9s it mid-way.
 */
import * as fs from 'fs';
import { DatabaseEmulator } from './emulator';

async function main(): Promise<void> {
  const [file, countText] = process.argv.slice(2);
  const emulator = DatabaseEmulator.open({ file, collections: [{ collectionName: 'acks' }] });
  fs.writeSync(1, 'ready\n');
  for (let i = 0; i < Number(countText); i++) {
    const reply = (await emulator.handle({
      action: 'database.insertDocument',
      collectionName: 'acks',
      data: [JSON.stringify({ _id: `d${i}`, i, at: { $date: { $numberLong: String(Date.now()) } } })],
    })) as { code?: string };
    if (reply.code) throw new Error(`insert ${i} failed: ${reply.code}`);
    fs.writeSync(1, `ack ${i}\n`);
    // Yield to the event loop now and then, like a server between requests.
    if (i % 16 === 0) await new Promise((r) => setImmediate(r));
  }
  emulator.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
