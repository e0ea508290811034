/**
 * What an action button says while its action runs. Waiting out a rush (api/retry.ts) gets its
 * own word, so a person sees the app is queueing for them, not stuck — and does not tap away.
 */
export const QUEUED_LABEL = '排队中…';

export function submitLabel(label: string, { loading, queued }: { loading: boolean; queued: boolean }, busyLabel?: string): string {
  if (loading && queued) return QUEUED_LABEL;
  if (loading && busyLabel) return busyLabel;
  return label;
}
