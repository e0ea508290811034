import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import { platformPrivacy, type PlatformPrivacyApi } from './domain/platformPrivacy';
import './app.scss';

// WeChat's privacy requests are answered by our consent dialog (PageShell renders it on every page).
if (process.env.TARO_ENV === 'weapp') platformPrivacy.install(Taro as unknown as PlatformPrivacyApi);

function App({ children }: PropsWithChildren) {
  // Pages do their own loading (see PageShell); nothing to do at launch.
  return children;
}

export default App;
