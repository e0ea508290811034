/**
 * WeChat's own privacy authorisation (`__usePrivacyCheck__`): when a page calls a privacy API
 * (clipboard, phone number, album…) before the person agreed on the platform, WeChat holds the
 * call and fires onNeedPrivacyAuthorization with a `resolve`. We answer it with OUR consent
 * dialog — one dialog for both the platform and our server's record — instead of WeChat's
 * default popup. Plain TS (the Taro API is passed in) so the hand-off is unit-tested.
 */
export const AGREE_BUTTON_ID = 'agree-privacy';

export type PrivacyResolve = (o: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

export interface PlatformPrivacyApi {
  onNeedPrivacyAuthorization?: (listener: (resolve: PrivacyResolve) => void) => void;
}

export function createPlatformPrivacy() {
  let pending: PrivacyResolve | null = null;
  const listeners = new Set<() => void>();
  return {
    /** Registers the platform listener once (weapp only; older base libraries lack the API). */
    install(api: PlatformPrivacyApi): void {
      if (typeof api.onNeedPrivacyAuthorization !== 'function') return;
      api.onNeedPrivacyAuthorization((resolve) => {
        // A newer request replaces an unanswered one: the held call of the old one fails cleanly.
        pending?.({ event: 'disagree' });
        pending = resolve;
        resolve({ event: 'exposureAuthorization' });
        listeners.forEach((l) => l());
      });
    },
    isPending: (): boolean => pending !== null,
    /** Called when a platform request arrives; returns the unsubscribe. */
    subscribe(l: () => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    /** The person's answer in our dialog: the held privacy call continues or fails. */
    settle(agreed: boolean): void {
      const r = pending;
      pending = null;
      r?.(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
    },
  };
}

/** The app's one instance (installed in app.ts, read by usePrivacyConsent). */
export const platformPrivacy = createPlatformPrivacy();
