import { useRouter, useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../branch.scss';

const STATE_LABEL: Record<string, string> = { pending: '待确认', confirmed: '已办结', rejected: '已退回', cancelled: '已撤回' };

/** One member: facts, the branches they belonged to and when (stretches), the transfers. */
export default function Member() {
  const id = useRouter().params.id ?? '';
  const r = useRemote(() => call('party', 'getMember', { id }), [id]);
  useDidShow(() => {
    if (r.data) void r.reload();
  });
  const d = r.data;
  const m = d?.member;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={r.loading && !d} error={r.error} onRetry={() => void r.reload()} rows={6}>
          {m && d && (
            <>
              <View className="rp-card">
                <View className="rp-between">
                  <Text className="rp-title">{m.name}</Text>
                  <Text className={`bw-tag bw-tag--${m.standing === '正式' ? 'active' : 'gold'}`}>{m.standing === '正式' ? '正式党员' : '预备党员'}</Text>
                </View>
                <ListRow title="所在支部" extra={m.branchName || '已转出园区'} />
                <ListRow title="入党日期" extra={m.joinedOn || '待补全'} />
                {m.standing === '正式' ? <ListRow title="转正日期" extra={m.confirmedOn || '—'} /> : null}
                <ListRow title="工作单位" extra={m.enterpriseName || '—'} />
                <ListRow title="组织关系" extra={m.relation === '已转入' ? '已转入园区' : `未转入${m.relationHeldAt ? `（${m.relationHeldAt}）` : ''}`} />
                <ListRow title="联系电话" extra={m.phone || '—'} />
                <ListRow title="小程序认证" extra={m.bound ? '已认证' : '未认证'} />
                {m.incomplete ? <Text className="bw-note">该党员的入党日期尚未登记，请补全。</Text> : null}
                {d.canEdit && (
                  <View className="bw-row-actions">
                    <Button className="rp-grow" type="primary" size="large" onClick={() => go(withQuery(ROUTES.branchMemberEdit, { id }))}>
                      修改信息
                    </Button>
                    {!m.pendingTransferId && (
                      <>
                        <Button className="rp-grow" size="large" onClick={() => go(withQuery(ROUTES.branchMove, { memberId: id, mode: 'between' }))}>
                          转到园区其他支部
                        </Button>
                        <Button className="rp-grow" size="large" onClick={() => go(withQuery(ROUTES.branchMove, { memberId: id, mode: 'out' }))}>
                          转出园区
                        </Button>
                      </>
                    )}
                  </View>
                )}
              </View>
              <Text className="rp-section-title">所在支部记录</Text>
              <View className="rp-card">
                {d.stretches.length === 0 ? <Text className="rp-muted">暂无记录</Text> : null}
                {d.stretches.map((s) => (
                  <ListRow key={s.id} title={s.branchName} extra={`${s.from} 至 ${s.to ?? '今'}`} />
                ))}
              </View>
              <Text className="rp-section-title">组织关系转接</Text>
              <View className="rp-card">
                {d.transfers.length === 0 ? <Text className="rp-muted">暂无转接记录</Text> : null}
                {d.transfers.map((t) => (
                  <View key={t.id} className="bw-step">
                    <View className="rp-between">
                      <Text className="rp-text">{t.kindLabel}</Text>
                      <Text className={`bw-tag bw-tag--${t.state === 'pending' ? 'wait' : t.state === 'confirmed' ? 'done' : 'ended'}`}>{STATE_LABEL[t.state]}</Text>
                    </View>
                    <Text className="rp-muted rp-line">
                      {t.fromBranchName || t.outsideOrg || '—'} → {t.toBranchName || t.outsideOrg || '—'} · 生效 {t.effectiveOn}
                      {t.letterNo ? ` · 介绍信 ${t.letterNo}` : ''}
                    </Text>
                  </View>
                ))}
              </View>
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
