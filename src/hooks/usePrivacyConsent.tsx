import { useEffect, useState } from 'react';
import { call } from '../api/client';
import { meResource } from '../store/me';
import { useResource } from './useResource';
import { PrivacyDialog } from '../components/PrivacyDialog';

/** Once dismissed, the automatic prompt stays away for the session (pages that need consent still ask). */
let dismissedThisSession = false;

/**
 * The privacy consent flow: whether the person has agreed, a function to ask, and the dialog
 * element to render. `auto` asks as soon as `user.me` says consent is missing; `required`
 * asks even if the person dismissed it earlier (pages that collect personal data).
 */
export function usePrivacyConsent(opts: { auto?: boolean; required?: boolean } = {}) {
  // Loading is the page's job (PageShell); this only listens.
  const me = useResource(meResource, { load: false });
  const [visible, setVisible] = useState(false);
  const accepted = !!me.data?.privacyAccepted;

  useEffect(() => {
    if (!me.data || me.data.privacyAccepted) return;
    if (opts.required || (opts.auto && !dismissedThisSession)) setVisible(true);
  }, [me.data, opts.auto, opts.required]);

  const agree = async () => {
    await call('user', 'acceptPrivacy', {});
    const cur = meResource.get().data;
    if (cur) meResource.set({ ...cur, privacyAccepted: true });
    setVisible(false);
  };

  const dialog = (
    <PrivacyDialog
      visible={visible}
      onAgree={agree}
      onDisagree={() => {
        dismissedThisSession = true;
        setVisible(false);
      }}
    />
  );
  return { accepted, loaded: !!me.data, ask: () => setVisible(true), dialog };
}
