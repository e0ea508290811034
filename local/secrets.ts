/**
 * Local stand-ins for deployment secrets. In production REDPARK_CHECKIN_SECRET and REDPARK_CERT_SECRET come from the
 * function's environment (cloudbaserc.json). Locally, unless the person starting the gateway set
 * it, a random key is made once per data folder and kept there, so the kiosk codes on screen stay
 * valid across a restart and two data folders never accept each other's codes.
 */
import { randomBytes } from 'crypto';
import fs from 'fs';
import path from 'path';

/** Which values in the environment are ours (then a new gateway may replace them) and not the user's. */
const setByGateway = new Set<string>();

function ensureSecret(envName: string, fileName: string, dataDir: string): void {
  if (process.env[envName] && !setByGateway.has(envName)) return;
  const file = path.join(dataDir, fileName);
  let secret = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (secret.length < 32) {
    secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret + '\n', { mode: 0o600 });
  }
  process.env[envName] = secret;
  setByGateway.add(envName);
}

export function ensureCheckinSecret(dataDir: string): void {
  ensureSecret('REDPARK_CHECKIN_SECRET', 'checkin-secret', dataDir);
}

/** The volunteer certificates' key (cloudfunctions/volunteer/certSecret.ts): kept apart from the check-in key. */
export function ensureCertSecret(dataDir: string): void {
  ensureSecret('REDPARK_CERT_SECRET', 'cert-secret', dataDir);
}

let publicUrlByGateway = false;

/** The address local QR codes point phones to: REDPARK_PUBLIC_URL if given, else the gateway's own. */
export function ensurePublicUrl(url: string): void {
  if (process.env.REDPARK_PUBLIC_URL && !publicUrlByGateway) return;
  process.env.REDPARK_PUBLIC_URL = url;
  publicUrlByGateway = true;
}
