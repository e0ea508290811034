import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { View, Text, WebView } from '@tarojs/components';
import { webviewAllowed } from '../../../domain/study';
import '../study.scss';

/** WeChat passes the query as it was written (encoded); h5's router has already decoded it. */
function decoded(raw: string): string {
  if (!/^https?%3A/i.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

/**
 * A study material on one of the park's registered business domains (WEBVIEW_DOMAINS, findings
 * G-10), shown in WeChat's web-view. Kept light: no NutUI, no remote call. The address is checked
 * again here, so a hand-made link cannot turn the page into a frame for any site.
 */
export default function StudyWebview() {
  const params = useRouter().params;
  const url = decoded(params.url ?? '');
  const title = decoded(params.title ?? '');
  const ok = webviewAllowed(url);

  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title: title.slice(0, 16) }).catch(() => undefined);
  }, [title]);

  if (ok) return <WebView src={url} />;
  return (
    <View className="rp-page">
      <View className="rp-card">
        <Text className="rp-title">无法在小程序内打开</Text>
        <Text className="rp-muted st-line">
          {url ? '这个网址不在园区登记的网站范围内，请返回后复制链接，在手机浏览器中打开。' : '缺少要打开的网址，请返回学习资料页面重试。'}
        </Text>
      </View>
    </View>
  );
}
