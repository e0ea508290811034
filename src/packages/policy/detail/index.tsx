import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useResource } from '../../../hooks/useResource';
import { call } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole, isEnterprise } from '../../../domain/roles';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { PolicyTags, Reasons } from '../components/PolicyCard';
import { ProxyPanel } from '../components/ProxyPanel';
import type { ProxyMode } from '../../../../cloudfunctions/policy/terms';
import '../components/policy.scss';

const VERDICT_TITLE = { match: '贵企业符合申报条件', near: '贵企业差一点就能申报', none: '贵企业暂不符合申报条件' } as const;

/** A policy in full; enterprises see how they fit and can ask the center to handle it (红色代办). */
export default function PolicyDetail() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const me = useResource(meResource, { load: false });
  const roles = me.data?.roles ?? [];
  const policy = useRemote(() => call('policy', 'get', { id }), [id]);
  const [asking, setAsking] = useState(false);
  const p = policy.data;

  const request = async (opts: { proxyMode: ProxyMode; note?: string }) => {
    const { demandId } = await call('policy', 'requestProxy', { policyId: id, ...opts });
    policy.setData((d) => (d ? { ...d, proxyDemandId: demandId } : d));
    setAsking(false);
    void Taro.showToast({ title: '已提交代办申请', icon: 'success' });
    go(withQuery(ROUTES.demandDetail, { id: demandId }));
  };

  const copyLink = () => {
    if (!p?.sourceUrl) return;
    Taro.setClipboardData({ data: p.sourceUrl }).catch(() => toast('复制失败，请稍后重试'));
  };

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={policy.loading && !p} error={!p ? policy.error : undefined} onRetry={() => void policy.reload()} rows={6}>
          {p ? (
            <>
              <View className="rp-card">
                <Text className="rp-title">{p.title}</Text>
                <PolicyTags p={p} />
                <View className="pl-section">
                  <View className="rp-kv">
                    <Text className="rp-kv__k">发文单位</Text>
                    <Text className="rp-kv__v">{p.issuer}</Text>
                  </View>
                  {p.docNo ? (
                    <View className="rp-kv">
                      <Text className="rp-kv__k">文号</Text>
                      <Text className="rp-kv__v">{p.docNo}</Text>
                    </View>
                  ) : null}
                  <View className="rp-kv">
                    <Text className="rp-kv__k">发布日期</Text>
                    <Text className="rp-kv__v">{p.issuedAt}</Text>
                  </View>
                  <View className="rp-kv">
                    <Text className="rp-kv__k">申报期</Text>
                    <Text className="rp-kv__v">{p.period}</Text>
                  </View>
                </View>
              </View>

              {p.fit ? (
                <View className={`rp-card pl-fit pl-fit--${p.fit.verdict}`}>
                  <Text className="rp-title">{VERDICT_TITLE[p.fit.verdict]}</Text>
                  <Text className="rp-muted rp-block">依据“{p.fit.enterpriseName}”的企业画像比对</Text>
                  <Reasons met={p.fit.met} gaps={p.fit.gaps} blockers={p.fit.blockers} />
                </View>
              ) : null}

              <View className="rp-card">
                <View>
                  <Text className="pl-section__title">政策概要</Text>
                  <Text className="pl-section__body">{p.summary}</Text>
                </View>
                <View className="pl-section">
                  <Text className="pl-section__title">支持内容</Text>
                  <Text className="pl-section__body">{p.benefits}</Text>
                </View>
                {p.conditions ? (
                  <View className="pl-section">
                    <Text className="pl-section__title">申报条件</Text>
                    <Text className="pl-section__body">{p.conditions}</Text>
                  </View>
                ) : null}
                <View className="pl-section">
                  <Text className="pl-section__title">匹配条件</Text>
                  {p.criteriaText.length ? (
                    p.criteriaText.map((c) => (
                      <Text key={c} className="pl-section__body">
                        · {c}
                      </Text>
                    ))
                  ) : (
                    <Text className="pl-section__body">不限条件，园区企业均可申报</Text>
                  )}
                </View>
                {p.packages.length ? (
                  <View className="pl-section">
                    <Text className="pl-section__title">所属礼包</Text>
                    <View className="rp-tags">
                      {p.packages.map((k) => (
                        <Text key={k.id} className="rp-tag rp-tag--gold" onClick={() => go(withQuery(ROUTES.policyPackage, { id: k.id }))}>
                          {k.title} ›
                        </Text>
                      ))}
                    </View>
                  </View>
                ) : null}
                {p.sourceUrl ? (
                  <View className="pl-section" onClick={copyLink}>
                    <Text className="pl-section__title">政策原文</Text>
                    <Text className="rp-muted">{p.sourceUrl}（点击复制链接）</Text>
                  </View>
                ) : null}
              </View>

              {isEnterprise(roles) && asking ? (
                <ProxyPanel what={`申请代办“${p.title}”`} confirmText="确认申请代办" onConfirm={request} onCancel={() => setAsking(false)} />
              ) : null}

              <View className="rp-actions">
                {isEnterprise(roles) && p.proxyDemandId ? (
                  <Button type="primary" size="large" block onClick={() => go(withQuery(ROUTES.demandDetail, { id: p.proxyDemandId! }))}>
                    查看代办进度
                  </Button>
                ) : null}
                {isEnterprise(roles) && !p.proxyDemandId && p.status === '未开始' ? (
                  <Text className="rp-muted rp-block">该政策将于 {p.applyFrom} 开始受理，届时可申请红色代办。</Text>
                ) : null}
                {isEnterprise(roles) && !p.proxyDemandId && !asking && p.status === '有效' ? (
                  <Button type="primary" size="large" block onClick={() => setAsking(true)}>
                    申请红色代办
                  </Button>
                ) : null}
                {isEnterprise(roles) ? (
                  <Button size="large" block onClick={() => go(withQuery(ROUTES.demandSubmit, { policyId: p.id, policyTitle: p.title, category: '政策咨询' }))}>
                    咨询这项政策
                  </Button>
                ) : null}
                {!isEnterprise(roles) && me.data && !me.data.enterprise ? (
                  <View className="rp-card">
                    <Text className="rp-text">企业联系人绑定企业后，可查看贵企业是否符合条件，并申请中心“红色代办”。</Text>
                    <View className="rp-actions">
                      <Button size="large" block onClick={() => go(ROUTES.redeemInvite)}>
                        绑定企业
                      </Button>
                    </View>
                  </View>
                ) : null}
                {hasRole(roles, 'admin') ? (
                  <Button size="large" block onClick={() => go(withQuery(ROUTES.policyEdit, { id: p.id }))}>
                    编辑政策
                  </Button>
                ) : null}
              </View>
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
