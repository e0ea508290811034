/**
 * Replacing an openid inside keys and snapshots ("v:venue-hall:<openid>:2026-01-02", "users/<openid>").
 * Only a WHOLE openid is replaced: one bounded on both sides by a character that cannot be part of
 * an openid (WeChat openids are letters, digits, '_' and '-'). A plain substring replace would also
 * rewrite a longer openid that happens to contain this one — harmless with 28-character WeChat
 * openids, but local ones such as demo-enterprise-a / demo-enterprise-a2 do, and the other person's
 * rows would be corrupted.
 */
const OPENID_CHAR = 'A-Za-z0-9_-';

export function replaceToken(text: string, token: string, by: string): string {
  if (!token) return text;
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![${OPENID_CHAR}])${escaped}(?![${OPENID_CHAR}])`, 'g'), () => by);
}
