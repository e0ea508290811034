import { useEffect, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ApiError } from '../api/errors';
import { clearDemoIdentity, readDemoIdentity } from '../domain/identity';
import { ROUTES } from '../domain/routes';
import { meResource } from '../store/me';
import { useResource } from '../hooks/useResource';
import { usePrivacyConsent } from '../hooks/usePrivacyConsent';
import { useCare } from '../store/care';
import { taroKV } from '../utils/storage';
import { DemoBanner } from './DemoBanner';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** This page with its query, so 选择演示身份 can bring the person back (e.g. to a scanned check-in link). */
function loginUrl(): string {
  const router = Taro.getCurrentInstance().router;
  const params = Object.entries(router?.params ?? {}).filter(([k, v]) => !k.startsWith('$') && typeof v === 'string');
  const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`).join('&');
  const here = router?.path ? router.path.split('?')[0] + (query ? `?${query}` : '') : '';
  return here ? `${ROUTES.demoLogin}?redirect=${encodeURIComponent(here)}` : ROUTES.demoLogin;
}

/**
 * Every page's frame: in h5 the demo identity (sent to 选择演示身份 when none is chosen, a
 * banner saying who you are), the first-use privacy prompt ('off' on pages that ask themselves
 * or must stay readable, like the 隐私保护指引), WeChat's privacy requests on every page, and the
 * 关怀模式 (large text) root class.
 */
export function PageShell({ children, privacy = 'auto' }: { children: ReactNode; privacy?: 'auto' | 'off' }) {
  const identity = IS_H5 ? readDemoIdentity(taroKV) : null;
  const me = useResource(meResource, { load: !IS_H5 || !!identity });
  // Always listening to WeChat's own privacy requests; prompting on first use only when 'auto'.
  const consent = usePrivacyConsent({ auto: privacy === 'auto', platform: true });
  // 关怀模式: one root class scales every token-sized text and tap target on the page.
  const care = useCare();

  useEffect(() => {
    if (IS_H5 && !identity) void Taro.reLaunch({ url: loginUrl() });
  }, [identity]);

  useEffect(() => {
    // The gateway did not recognise the chosen identity: choose again.
    if (IS_H5 && me.error instanceof ApiError && me.error.code === 'UNAUTHENTICATED') {
      clearDemoIdentity(taroKV);
      meResource.reset();
      void Taro.reLaunch({ url: ROUTES.demoLogin });
    }
  }, [me.error]);

  return (
    <View className={`rp-shell ${care.className}`}>
      {identity ? <DemoBanner identity={identity} /> : null}
      {children}
      {consent.dialog}
    </View>
  );
}
