import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useResource } from '../../../hooks/useResource';
import { ApiError, call } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole, isEnterprise } from '../../../domain/roles';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import type { ProxyMode } from '../../../../cloudfunctions/policy/terms';
import { PolicyCard, Reasons } from '../components/PolicyCard';
import { ProxyPanel } from '../components/ProxyPanel';
import '../components/policy.scss';

/** A 惠企礼包 with its policies (and the fit of each for an enterprise); enterprises claim it here. */
export default function PackageDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const me = useResource(meResource, { load: false });
  const roles = me.data?.roles ?? [];
  const pkg = useRemote(() => call('policy', 'getPackage', { id }), [id]);
  const [claiming, setClaiming] = useState(false);
  const k = pkg.data;

  const claim = async (opts: { proxyMode: ProxyMode; note?: string }) => {
    try {
      const { demandId } = await call('policy', 'claimPackage', { packageId: id, ...opts });
      pkg.setData((d) => (d ? { ...d, claimedDemandId: demandId } : d));
      setClaiming(false);
      void Taro.showToast({ title: '领取成功', icon: 'success' });
      go(withQuery(ROUTES.demandDetail, { id: demandId }));
    } catch (e) {
      // Claimed meanwhile (another contact, another tap): show the existing claim.
      if (e instanceof ApiError && e.code === 'CONFLICT') void pkg.reload();
      throw e;
    }
  };

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={pkg.loading && !k} error={!k ? pkg.error : undefined} onRetry={() => void pkg.reload()} rows={6}>
          {k ? (
            <>
              <View className="rp-card">
                <Text className="rp-title">{k.title}</Text>
                <View className="rp-tags">
                  <Text className="rp-tag rp-tag--gold">含 {k.policies.length} 项政策</Text>
                  {k.enterpriseName ? <Text className="rp-tag rp-tag--success">贵企业符合其中 {k.matchedCount} 项</Text> : null}
                  {k.claimedDemandId ? <Text className="rp-tag rp-tag--success">已领取</Text> : null}
                </View>
                <Text className="rp-text rp-block">{k.description}</Text>
                <Text className="rp-muted rp-block">适用：{k.audience}</Text>
              </View>

              {isEnterprise(roles) && claiming ? (
                <ProxyPanel what={`领取“${k.title}”`} confirmText="确认领取" onConfirm={claim} onCancel={() => setClaiming(false)} />
              ) : null}
              {isEnterprise(roles) && !claiming ? (
                <View className="pl-claim">
                  {k.claimedDemandId ? (
                    <Button type="primary" size="large" block onClick={() => go(withQuery(ROUTES.demandDetail, { id: k.claimedDemandId! }))}>
                      已领取，查看办理进度
                    </Button>
                  ) : (
                    <Button type="primary" size="large" block onClick={() => setClaiming(true)}>
                      领取礼包
                    </Button>
                  )}
                </View>
              ) : null}

              <Text className="rp-section-title">礼包内的政策</Text>
              {k.policies.map((p) => (
                <PolicyCard key={p.id} p={p} showSummary={false}>
                  {p.fit ? <Reasons met={p.fit.verdict === 'match' ? p.fit.met : []} gaps={p.fit.verdict === 'near' ? p.fit.gaps : []} blockers={p.fit.verdict === 'none' ? p.fit.blockers.slice(0, 1) : []} /> : null}
                </PolicyCard>
              ))}

              {hasRole(roles, 'admin') ? (
                <View className="rp-actions">
                  <Button size="large" block onClick={() => go(withQuery(ROUTES.packageEdit, { id: k.id }))}>
                    编辑礼包
                  </Button>
                </View>
              ) : null}
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
