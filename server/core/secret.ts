/**
 * A signing key from the function's environment (cloudbaserc.json → envVariables; locally the
 * gateway fills it from the local runtime's secrets.ts). Too short or missing is a deployment fault, not the
 * caller's: it is logged by name and the reply stays generic. Never sent to a client.
 */
import { AppError } from './errors';

/** The same floor scripts/deploy.ts checks before deploying: a key the deploy refuses must not run either. */
export const SECRET_MIN_LENGTH = 32;

export function envSecret(name: string, notConfigured: string): string {
  const s = process.env[name] ?? '';
  if (s.length < SECRET_MIN_LENGTH) {
    console.error(`${name} is missing or shorter than ${SECRET_MIN_LENGTH} characters`);
    throw new AppError('INTERNAL', notConfigured);
  }
  return s;
}
