import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { FORM_TONE } from '../../../domain/org';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../org.scss';

/**
 * Party organisations with their form, secretary, members and the enterprises they cover; each
 * enterprise checked against the form rule (≥3 full members → 单独组建, 1–2 → 联合/挂靠, none →
 * 派驻 instructor). Admins also see enterprises that need an organisation and have none.
 */
export default function Branches() {
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  const list = useRemote(() => call('org', 'listOrgBranches', {}));
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  const d = list.data;
  // About 40 nodes a branch with its enterprises and buttons: ten at a time stays far under 1,000.
  const uw = useShown(d?.unorganised, 10, { bottom: false });
  const bw = useShown(d?.branches, 10);

  return (
    <PageShell>
      <View className="rp-page">
        {isAdmin && (
          <View className="rp-card">
            <Text className="rp-text">组建规则：正式党员 3 名以上单独组建；不足 3 名联合组建或挂靠组建；暂无党员的企业派驻党建指导员。</Text>
            <View className="rp-actions">
              <Button type="primary" size="large" block onClick={() => go(ROUTES.orgBranch)}>
                新建党组织
              </Button>
            </View>
          </View>
        )}
        <StateView loading={list.loading && !d} error={list.error} empty={!!d && d.branches.length === 0} emptyTitle="暂无党组织" onRetry={() => void list.reload()} rows={6}>
          {d && d.unorganised.length > 0 && (
            <>
              <Text className="rp-section-title">有党员、尚未建立党组织（{d.unorganised.length}）</Text>
              {uw.shown.map((e) => (
                <View key={e.id} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(`${ROUTES.orgEnterprise}?id=${e.id}`)}>
                  <View className="rp-between">
                    <Text className="rp-name">{e.name}</Text>
                    <Text className="og-tag og-tag--wait">{`建议${e.suggested}`}</Text>
                  </View>
                  <Text className="rp-muted rp-line">{e.industry}{e.building ? ` · ${e.building}` : ''} · 正式党员 {e.full} 名 · 预备 {e.probationary} 名</Text>
                </View>
              ))}
              <ShowMore w={uw} />
            </>
          )}
          {d && <Text className="rp-section-title">党组织（{d.branches.length}）</Text>}
          {bw.shown.map((b) => (
            <View key={b.id} className="rp-card">
              <View className="rp-between">
                <Text className="rp-name">{b.name}</Text>
                <Text className={`og-tag og-tag--${FORM_TONE[b.form] ?? 'active'}`}>{b.form}</Text>
              </View>
              <Text className="rp-muted rp-line">
                书记 {b.secretaryName || '未设置'} · 台账党员 {b.ledgerMembers} 名（正式 {b.fullMembers}）· 已在线认证 {b.boundMembers} 名
              </Text>
              {b.attachedTo ? <Text className="rp-muted rp-line">挂靠：{b.attachedTo}</Text> : null}
              {b.enterprises.map((e) => (
                <View key={e.id} className="rp-item" onClick={isAdmin ? () => go(`${ROUTES.orgEnterprise}?id=${e.id}`) : undefined}>
                  <View className="rp-between">
                    <Text className="rp-text">{e.name}</Text>
                    <Text className="rp-muted">党员 {e.full + e.probationary}</Text>
                  </View>
                  {!e.ok ? <Text className="og-note og-note--warn">⚠ 建议{e.suggested}：{e.reason}</Text> : null}
                </View>
              ))}
              {b.mismatches === 0 ? <Text className="og-note og-note--ok">✓ 组建形式符合规则</Text> : null}
              {isAdmin && (
                <View className="og-row-actions">
                  <Button className="rp-grow" size="large" onClick={() => go(`${ROUTES.orgBranch}?id=${b.id}`)}>
                    调整
                  </Button>
                  <Button className="rp-grow" size="large" onClick={() => go(`${ROUTES.orgRatingBranch}?branchId=${b.id}`)}>
                    星级评定
                  </Button>
                </View>
              )}
            </View>
          ))}
          <ShowMore w={bw} />
        </StateView>
      </View>
    </PageShell>
  );
}
