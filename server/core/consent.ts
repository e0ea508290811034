/**
 * "No personal data before consent", enforced on the server: every action that stores something
 * about a person beyond their bare openid (profile, a sign-up, a check-in, a demand, an enterprise
 * binding…) calls this first. The app asks for consent before showing such a form, but the server
 * is what makes it true for every client.
 */
import { AppError } from './errors';
import type { Caller } from './caller';

export function requirePrivacyConsent(caller: Caller, what: string): void {
  if (!caller.user.privacyAcceptedAt) {
    throw new AppError('FORBIDDEN', `请先阅读并同意《隐私保护指引》，再${what}。`);
  }
}
