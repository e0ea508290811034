import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { PolicyCard, Reasons } from '../components/PolicyCard';
import '../components/policy.scss';

/**
 * 可享政策 (政策找企业): from the enterprise's own profile, the open policies it matches and why,
 * the near misses with what is missing, and the packages worth claiming.
 */
export default function Match() {
  const m = useRemote(() => call('policy', 'match', {}));
  // Back from 完善企业画像 or a claim: read again.
  useReturnReload(m.reload);
  usePullDownRefresh(() => {
    void m.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const d = m.data;
  const p = d?.profile;
  // A policy card with its reasons is about 15 nodes: ten of each list at a time.
  const kw = useShown(d?.packages, 10, { bottom: false });
  const mw = useShown(d?.matched, 10, { bottom: false });
  const nw = useShown(d?.near, 10);

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={m.loading && !d} error={!d ? m.error : undefined} onRetry={() => void m.reload()} rows={6}>
          {d && p ? (
            <>
              <View className="rp-card">
                <Text className="rp-title">{p.name}</Text>
                <View className="pl-profile__row">
                  <Text className="pl-profile__item">行业：{p.industry || '未填'}</Text>
                  <Text className="pl-profile__item">员工：{p.headcount ?? '未填'} 人</Text>
                  <Text className="pl-profile__item">年营收：{p.annualRevenueWan ?? '未填'} 万元</Text>
                  <Text className="pl-profile__item">成立：{p.foundedAt || '未填'}</Text>
                  <Text className="pl-profile__item">入园：{p.settledAt || '未填'}</Text>
                </View>
                <Text className="rp-muted rp-block">资质：{p.qualifications.length ? p.qualifications.join('、') : '暂无认定资质'}</Text>
                {p.missing.length ? <Text className="rp-error-text rp-block">企业画像缺少：{p.missing.join('、')}，补充后匹配更准确。</Text> : null}
                <View className="rp-actions">
                  <Button size="large" block onClick={() => go(ROUTES.policyProfile)}>
                    完善企业画像
                  </Button>
                </View>
              </View>

              <Text className="rp-section-title">推荐礼包</Text>
              {kw.shown.map((k) => (
                <View key={k.id} className="rp-card pl-card" hoverClass="pl-card--pressed" onClick={() => go(withQuery(ROUTES.policyPackage, { id: k.id }))}>
                  <View className="pl-pkg">
                    <Text className="pl-pkg__count">
                      {k.matchedCount}/{k.policyCount}
                    </Text>
                    <View className="rp-grow">
                      <Text className="pl-card__title">{k.title}</Text>
                      <Text className="rp-muted pl-card__meta">
                        符合 {k.matchedCount} 项{k.nearCount ? `，差一点 ${k.nearCount} 项` : ''} · {k.claimedDemandId ? '已领取' : '可领取'}
                      </Text>
                    </View>
                  </View>
                </View>
              ))}
              <ShowMore w={kw} />

              <Text className="rp-section-title">可享政策（{d.matched.length}）</Text>
              <StateView loading={false} empty={d.matched.length === 0} emptyTitle="暂未匹配到可享政策" emptyText="完善企业画像或取得相关资质后，这里会列出可申报的政策。">
                {mw.shown.map((x) => (
                  <PolicyCard key={x.id} p={x} showSummary={false}>
                    <Reasons met={x.met} />
                    {x.proxyDemandId ? <Text className="pl-reason pl-reason--met">已申请红色代办</Text> : null}
                  </PolicyCard>
                ))}
                <ShowMore w={mw} />
              </StateView>

              <Text className="rp-section-title">差一点就能享受（{d.near.length}）</Text>
              <StateView loading={false} empty={d.near.length === 0} emptyTitle="没有差一点的政策" emptyText="贵企业暂无只差一两项条件的政策。">
                {nw.shown.map((x) => (
                  <PolicyCard key={x.id} p={x} showSummary={false}>
                    <Reasons met={x.met} gaps={x.gaps} />
                  </PolicyCard>
                ))}
                <ShowMore w={nw} />
              </StateView>
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
