import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { StateView } from '../../components/StateView';
import { useRemote } from '../../hooks/useRemote';
import { ApiError, NETWORK_MESSAGE } from '../../api/errors';
import {
  callerTitle,
  newGuestOpenid,
  parseDemoCallers,
  readDemoIdentity,
  safeRedirect,
  writeDemoIdentity,
  type DemoCaller,
} from '../../domain/identity';
import { ROUTES } from '../../domain/routes';
import { meResource } from '../../store/me';
import { taroKV } from '../../utils/storage';
import './index.scss';

/** The gateway's list of demo callers (local mode only). */
async function fetchCallers(): Promise<DemoCaller[]> {
  let res: Response;
  try {
    res = await fetch('/local/demo-callers', { headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError('NETWORK', NETWORK_MESSAGE);
  }
  try {
    return parseDemoCallers(await res.json());
  } catch {
    throw new ApiError('BAD_REPLY', '没有找到演示身份列表，请确认已用本地模式启动（npm start）。');
  }
}

function choose(openid: string, label: string, redirect: string) {
  writeDemoIdentity(taroKV, { openid, label });
  meResource.reset();
  void Taro.reLaunch({ url: redirect });
}

/** 选择演示身份 — h5 / local mode only; in WeChat the identity is the platform's. */
export default function DemoLogin() {
  const callers = useRemote(fetchCallers);
  const current = readDemoIdentity(taroKV);
  // Back to the page that needed an identity (e.g. a check-in link opened by a phone camera).
  const redirect = safeRedirect(useRouter().params.redirect, ROUTES.home);

  return (
    <View className="rp-page demo-login">
      <View className="demo-login__head">
        <Text className="rp-title">选择演示身份</Text>
        <Text className="rp-muted demo-login__lead">
          这是本地演示模式。请选择一位演示用户，以他的身份体验红色园区；随时可以在页面顶部切换。
        </Text>
      </View>

      <StateView
        loading={callers.loading && !callers.data}
        error={callers.error}
        empty={callers.data?.length === 0}
        emptyTitle="暂无演示身份"
        emptyText="可以用下方按钮以新访客身份体验。"
        onRetry={callers.reload}
        rows={6}
      >
        {callers.data?.map((c) => (
          <View
            key={c.openid}
            className={`rp-card demo-card ${current?.openid === c.openid ? 'demo-card--current' : ''}`}
            hoverClass="demo-card--pressed"
            onClick={() => choose(c.openid, callerTitle(c), redirect)}
          >
            <View className="rp-glyph">{Array.from(c.name || c.label)[0]}</View>
            <View className="rp-grow">
              <Text className="demo-card__title">{callerTitle(c)}</Text>
              {c.note ? <Text className="rp-muted demo-card__note">{c.note}</Text> : null}
            </View>
            {current?.openid === c.openid ? <Text className="demo-card__current">当前</Text> : null}
          </View>
        ))}
      </StateView>

      <View className="rp-actions">
        <Button size="large" block onClick={() => choose(newGuestOpenid(), '新访客', redirect)}>
          以新访客身份体验
        </Button>
      </View>
    </View>
  );
}
