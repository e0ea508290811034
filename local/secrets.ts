/**
 * Local stand-ins for deployment secrets. In production REDPARK_CHECKIN_SECRET comes from the
 * function's environment (cloudbaserc.json). Locally, unless the person starting the gateway set
 * it, a random key is made once per data folder and kept there, so the kiosk codes on screen stay
 * valid across a restart and two data folders never accept each other's codes.
 */
import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';

/** Whether the value in the environment is ours (then a new gateway may replace it) or the user's. */
let setByGateway = false;

export function ensureCheckinSecret(dataDir: string): void {
  if (process.env.REDPARK_CHECKIN_SECRET && !setByGateway) return;
  const file = path.join(dataDir, 'checkin-secret');
  let secret = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (secret.length < 32) {
    secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  }
  process.env.REDPARK_CHECKIN_SECRET = secret;
  setByGateway = true;
}

let publicUrlByGateway = false;

/** The address local QR codes point phones to: REDPARK_PUBLIC_URL if given, else the gateway's own. */
export function ensurePublicUrl(url: string): void {
  if (process.env.REDPARK_PUBLIC_URL && !publicUrlByGateway) return;
  process.env.REDPARK_PUBLIC_URL = url;
  publicUrlByGateway = true;
}
