import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { BranchPicker, useKeptBranches } from '../components/shared';
import '../branch.scss';

type State = '' | 'pending' | 'confirmed' | 'rejected' | 'cancelled';
const STATES: { value: State; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'pending', label: '待确认' },
  { value: 'confirmed', label: '已办结' },
  { value: 'rejected', label: '已退回' },
  { value: 'cancelled', label: '已撤回' },
];
const STATE_LABEL: Record<string, string> = { pending: '待确认', confirmed: '已办结', rejected: '已退回', cancelled: '已撤回' };

/** 党员转接记录本: transfers in, between park branches (the receiving secretary decides) and out. */
export default function Transfers() {
  const branches = useKeptBranches();
  const [branchId, setBranchId] = useState('');
  const [state, setState] = useState<State>('');
  const [error, setError] = useState('');
  const list = usePaged(async (page) => {
    const r = await call('party', 'listTransfers', { page, ...(branchId ? { branchId } : {}), ...(state ? { state } : {}) });
    return { items: r.rows, total: r.total, hasMore: r.page * r.pageSize < r.total };
  }, [branchId, state]);
  useDidShow(() => {
    if (list.items.length) void list.reload();
  });
  const act = useSubmit(async (kind: 'confirm' | 'decline' | 'cancel', id: string) => {
    setError('');
    try {
      if (kind === 'cancel') await call('party', 'cancelTransfer', { id });
      else await call('party', 'decideTransfer', { id, confirm: kind === 'confirm' });
      await Taro.showToast({ title: kind === 'confirm' ? '已确认转入' : kind === 'decline' ? '已退回' : '已撤回', icon: 'success' });
      await list.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const kept = branches.data ?? [];
  const target = branchId || (kept.length === 1 ? kept[0].id : '');
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <BranchPicker branches={kept} value={branchId} onPick={setBranchId} all />
          <PickChips items={STATES} selected={state} onPick={setState} scroll />
          <View className="bw-row-actions">
            <Button className="rp-grow" type="primary" size="large" onClick={() => go(withQuery(ROUTES.branchTransferIn, { branchId: target }))}>
              登记转入
            </Button>
          </View>
          <Text className="rp-muted rp-line">转到园区其他支部或转出园区：在花名册中打开该党员办理。</Text>
          {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
        </View>
        <StateView loading={list.loading} error={list.error && !list.items.length ? list.error : undefined} empty={!list.loading && list.items.length === 0} emptyTitle="暂无转接记录" onRetry={() => void list.reload()} rows={5}>
          {list.items.map((t) => (
            <View key={t.id} className="rp-card">
              <View className="rp-between">
                <Text className="rp-name" onClick={() => go(withQuery(ROUTES.branchMember, { id: t.memberId }))}>{t.memberName}</Text>
                <Text className={`bw-tag bw-tag--${t.state === 'pending' ? 'wait' : t.state === 'confirmed' ? 'done' : 'ended'}`}>{`${t.kindLabel} · ${STATE_LABEL[t.state]}`}</Text>
              </View>
              <Text className="rp-muted rp-line">
                {t.fromBranchName || t.outsideOrg || '—'} → {t.toBranchName || t.outsideOrg || '—'}
              </Text>
              <Text className="rp-muted rp-line">
                生效日期 {t.effectiveOn}
                {t.letterNo ? ` · 介绍信 ${t.letterNo}（${t.letterDate}）` : ''}
                {t.note ? ` · ${t.note}` : ''}
              </Text>
              {(t.canDecide || t.canCancel) && (
                <View className="bw-row-actions">
                  {t.canDecide && (
                    <>
                      <Button className="rp-grow" type="primary" size="large" loading={act.loading} onClick={() => void act.run('confirm', t.id)}>
                        确认转入
                      </Button>
                      <Button className="rp-grow" size="large" disabled={act.loading} onClick={() => void act.run('decline', t.id)}>
                        退回
                      </Button>
                    </>
                  )}
                  {t.canCancel && !t.canDecide && (
                    <Button className="rp-grow" size="large" loading={act.loading} onClick={() => void act.run('cancel', t.id)}>
                      撤回申请
                    </Button>
                  )}
                </View>
              )}
            </View>
          ))}
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.items.length ? list.error : undefined} count={list.items.length} total={list.total} onMore={() => void list.more()} />
        </StateView>
      </View>
    </PageShell>
  );
}
