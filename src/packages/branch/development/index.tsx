import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { LoadMore } from '../../../components/LoadMore';
import { TextBox } from '../../../components/TextBox';
import { SubmitBar } from '../../../components/SubmitBar';
import { usePaged } from '../../../hooks/usePaged';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { BranchPicker, DateRow, parkToday, useKeptBranches } from '../components/shared';
import { newNonce } from '../../../domain/checkin';
import '../branch.scss';

type Stage = '入党申请人' | '入党积极分子' | '发展对象' | '预备党员' | '正式党员';
const STAGES: Stage[] = ['入党申请人', '入党积极分子', '发展对象', '预备党员', '正式党员'];

/** 发展党员: what is due within 30 days, then the files by stage; a new file from an 入党申请书. */
export default function Development() {
  const branches = useKeptBranches();
  const [branchId, setBranchId] = useState('');
  const [stage, setStage] = useState<Stage | ''>('');
  const [adding, setAdding] = useState(false);
  const due = useRemote(() => call('party', 'developmentDue', branchId ? { branchId } : {}), [branchId]);
  const list = usePaged(async (page) => {
    const r = await call('party', 'listDevelopment', { page, ...(branchId ? { branchId } : {}), ...(stage ? { stage } : {}) });
    return { items: r.items, total: r.total, hasMore: r.page * r.pageSize < r.total };
  }, [branchId, stage]);
  useDidShow(() => {
    if (list.items.length) {
      void list.reload();
      void due.reload();
    }
  });
  const kept = branches.data ?? [];
  const name = (id: string) => kept.find((b) => b.id === id)?.name ?? '';
  const dueItems = due.data?.items ?? [];
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <BranchPicker branches={kept} value={branchId} onPick={setBranchId} all />
          {!adding && (
            <View className="bw-row-actions">
              <Button className="rp-grow" type="primary" size="large" onClick={() => setAdding(true)}>
                登记入党申请人
              </Button>
            </View>
          )}
        </View>
        {adding && (
          <NewFile
            branches={kept}
            branchId={branchId || kept[0]?.id || ''}
            onDone={(id) => {
              setAdding(false);
              if (id) go(withQuery(ROUTES.branchDevFile, { id }));
            }}
          />
        )}
        <Text className="rp-section-title">近 30 天到期（{dueItems.length}）</Text>
        <StateView loading={due.loading && !due.data} error={due.error} empty={!!due.data && dueItems.length === 0} emptyTitle="暂无到期事项" onRetry={() => void due.reload()} rows={2}>
          {dueItems.slice(0, 20).map((it) => (
            <View key={`${it.id}:${it.kind}`} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(withQuery(ROUTES.branchDevFile, { id: it.id }))}>
              <View className="rp-between">
                <Text className="rp-name">{it.name}</Text>
                <Text className={`bw-tag bw-tag--${it.overdue ? 'active' : 'wait'}`}>{it.kind}</Text>
              </View>
              <Text className="rp-muted rp-line">{`${it.stage}${it.dueOn ? ` · ${it.overdue ? '已于' : '将于'} ${it.dueOn} 到期` : ''}`}</Text>
            </View>
          ))}
        </StateView>
        <Text className="rp-section-title">发展档案</Text>
        <PickChips items={[{ value: '' as const, label: '全部' }, ...STAGES.map((s) => ({ value: s, label: s }))]} selected={stage} onPick={setStage} scroll />
        <StateView loading={list.loading} error={list.error && !list.items.length ? list.error : undefined} empty={!list.loading && list.items.length === 0} emptyTitle="暂无发展档案" onRetry={() => void list.reload()} rows={4}>
          {list.items.map((it) => (
            <View key={it.id} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(withQuery(ROUTES.branchDevFile, { id: it.id }))}>
              <View className="rp-between">
                <Text className="rp-name">{it.name}</Text>
                <Text className="bw-tag bw-tag--gold">{it.stage}</Text>
              </View>
              <Text className="rp-muted rp-line">{`${name(it.branchId)}${name(it.branchId) ? ' · ' : ''}${it.stageOn} 起 · 培养联系人 ${it.contacts} 名`}</Text>
            </View>
          ))}
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.items.length ? list.error : undefined} count={list.items.length} total={list.total} onMore={() => void list.more()} />
        </StateView>
      </View>
    </PageShell>
  );
}

function NewFile({ branches, branchId, onDone }: { branches: { id: string; name: string }[]; branchId: string; onDone: (id?: string) => void }) {
  const [b, setB] = useState(branchId);
  const [name, setName] = useState('');
  const [appliedOn, setAppliedOn] = useState(parkToday());
  const [error, setError] = useState('');
  // One per opening of the form: a double tap or a retry opens one file (createDevelopment).
  const [requestId] = useState(() => newNonce());
  const save = useSubmit(async () => {
    setError('');
    if (!b) return setError('请选择支部。');
    if (!name.trim()) return setError('请填写姓名。');
    try {
      const r = await call('party', 'createDevelopment', { name: name.trim(), branchId: b, appliedOn, requestId });
      void Taro.showToast({ title: '已建档', icon: 'success' });
      onDone(r.id);
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">登记入党申请人</Text>
      <BranchPicker branches={branches} value={b} onPick={setB} />
      <TextBox label="姓名" value={name} onChange={setName} maxLength={40} />
      <DateRow title="递交入党申请书日期" value={appliedOn} end={parkToday()} onChange={setAppliedOn} />
      <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label="建立发展档案" />
      <View className="rp-actions">
        <Button size="large" block onClick={() => onDone()}>
          取消
        </Button>
      </View>
    </View>
  );
}
