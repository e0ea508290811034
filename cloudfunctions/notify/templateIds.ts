/**
 * Template key → WeChat subscribe-message template id, parsed from the deployment's one setting
 * REDPARK_SUBSCRIBE_TEMPLATES: JSON (`{"bookingResult":"<id>",…}`) or `bookingResult=<id>,…`.
 * A pure module without imports: the notify function reads the setting at run time, and the app is
 * built with the same pairs (TARO_APP_SUBSCRIBE_TEMPLATES, passed by `npm run upload/preview`) to
 * know which ids to ask for — config/index.ts SHARED_WITH_SERVER compiles this file into the app,
 * so both sides read the pairs the same way.
 *
 * Answers null for malformed JSON (the caller decides how loudly to fail); pairs without a key or
 * an id are left out.
 */
export function parseTemplateIds(raw: string | undefined | null): Record<string, string> | null {
  const v = (raw ?? '').trim();
  if (!v) return {};
  if (!v.startsWith('{')) {
    const out: Record<string, string> = {};
    for (const pair of v.split(',')) {
      const parts = pair.split('=').map((s) => s.trim());
      if (parts.length === 2 && parts[0] && parts[1]) out[parts[0]] = parts[1];
    }
    return out;
  }
  try {
    const parsed = JSON.parse(v) as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const k of Object.keys(parsed)) {
      const id = parsed[k];
      if (typeof id === 'string' && id) out[k] = id;
    }
    return out;
  } catch {
    return null;
  }
}
