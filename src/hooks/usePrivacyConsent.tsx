import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { meResource } from '../store/me';
import { useResource } from './useResource';
import { PrivacyDialog } from '../components/PrivacyDialog';
import { platformPrivacy } from '../domain/platformPrivacy';

/** Once dismissed, the automatic prompt stays away for the session (pages that need consent still ask). */
let dismissedThisSession = false;

/** After 删除我的数据 the person is new again: the first-use prompt comes back. */
export function rearmPrivacyPrompt(): void {
  dismissedThisSession = false;
}

/**
 * The privacy consent flow: whether the person has agreed, a function to ask, and the dialog
 * element to render. `auto` asks as soon as `user.me` says consent is missing; `required`
 * asks even if the person dismissed it earlier (pages that collect personal data); `platform`
 * also answers WeChat's own privacy requests (onNeedPrivacyAuthorization) with this dialog —
 * PageShell sets it, so every page has exactly one dialog that answers the platform.
 */
export function usePrivacyConsent(opts: { auto?: boolean; required?: boolean; platform?: boolean } = {}) {
  // Loading is the page's job (PageShell); this only listens.
  const me = useResource(meResource, { load: false });
  const [visible, setVisible] = useState(false);
  const [platformAsk, setPlatformAsk] = useState(false);
  const accepted = !!me.data?.privacyAccepted;

  useEffect(() => {
    if (!me.data) return;
    // Agreed elsewhere (another dialog on the page, another page): nothing left to ask.
    if (me.data.privacyAccepted) setVisible(false);
    else if (opts.required || (opts.auto && !dismissedThisSession)) setVisible(true);
  }, [me.data, opts.auto, opts.required]);

  useEffect(() => {
    if (!opts.platform) return undefined;
    if (platformPrivacy.isPending()) setPlatformAsk(true);
    return platformPrivacy.subscribe(() => setPlatformAsk(true));
  }, [opts.platform]);

  const agree = async () => {
    // Idempotent on the server: a person who agreed before and is asked again by the platform
    // (a new phone) keeps the first date.
    await call('user', 'acceptPrivacy', {});
    const cur = meResource.get().data;
    if (cur) meResource.set({ ...cur, privacyAccepted: true });
    setVisible(false);
    if (platformAsk) {
      platformPrivacy.settle(true);
      setPlatformAsk(false);
    }
  };

  const dialog = (
    <PrivacyDialog
      visible={visible || platformAsk}
      onAgree={agree}
      onDisagree={() => {
        dismissedThisSession = true;
        setVisible(false);
        if (platformAsk) {
          platformPrivacy.settle(false);
          setPlatformAsk(false);
        }
      }}
    />
  );
  return { accepted, loaded: !!me.data, ask: () => setVisible(true), dialog };
}
