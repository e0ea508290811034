import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
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
import { saveXlsx } from '../components/xlsxFile';
import { BranchPicker, useKeptBranches } from '../components/shared';
import '../branch.scss';

type Filter = '' | '正式' | '预备' | '未转入' | 'incomplete' | 'out';
const FILTERS: { value: Filter; label: string }[] = [
  { value: '', label: '全部' },
  { value: '正式', label: '正式党员' },
  { value: '预备', label: '预备党员' },
  { value: '未转入', label: '关系未转入' },
  { value: 'incomplete', label: '待补全' },
  { value: 'out', label: '已转出' },
];

/** 党员花名册: search by name or phone, filter, a page at a time. */
export default function Roster() {
  const branches = useKeptBranches();
  const [branchId, setBranchId] = useState('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<Filter>('');
  const [exportError, setExportError] = useState('');
  const list = usePaged(async (page) => {
    const r = await call('party', 'listMembers', {
      page,
      ...(branchId ? { branchId } : {}),
      ...(q ? { q } : {}),
      ...(filter === '正式' || filter === '预备' ? { standing: filter } : {}),
      ...(filter === '未转入' ? { relation: '未转入' as const } : {}),
      ...(filter === 'incomplete' ? { incomplete: true } : {}),
      ...(filter === 'out' ? { state: 'transferredOut' as const } : {}),
    });
    return { items: r.rows, total: r.total, hasMore: r.page * r.pageSize < r.total };
  }, [branchId, q, filter]);
  useDidShow(() => {
    if (list.items.length) void list.reload();
  });
  const kept = branches.data ?? [];
  const target = branchId || (kept.length === 1 ? kept[0].id : '');
  const exp = useSubmit(async () => {
    setExportError('');
    try {
      const r = await call('party', 'exportRoster', target ? { branchId: target } : {});
      await saveXlsx(r.base64, r.fileName);
    } catch (err) {
      setExportError(errorMessage(err));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <BranchPicker branches={kept} value={branchId} onPick={setBranchId} all />
          <View className="rp-between">
            <Input className="rp-textbox__input rp-grow" value={typed} placeholder="姓名或电话" maxlength={20} confirmType="search" onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setQ(typed.trim())} />
            <Button size="large" onClick={() => setQ(typed.trim())}>
              搜索
            </Button>
          </View>
          <PickChips items={FILTERS} selected={filter} onPick={setFilter} scroll />
          <View className="bw-row-actions">
            {target ? (
              <Button className="rp-grow" type="primary" size="large" onClick={() => go(withQuery(ROUTES.branchMemberEdit, { branchId: target }))}>
                登记党员
              </Button>
            ) : null}
            <Button className="rp-grow" size="large" onClick={() => go(withQuery(ROUTES.branchTransferIn, { branchId: target }))}>
              登记转入
            </Button>
          </View>
          {/* Excel on a row of its own: four large buttons on one phone row squeeze their words. */}
          <View className="bw-row-actions">
            <Button className="rp-grow" size="large" loading={exp.loading} onClick={() => void exp.run()}>
              {exp.label('导出 Excel')}
            </Button>
            <Button className="rp-grow" size="large" onClick={() => go(ROUTES.branchImport)}>
              导入 Excel
            </Button>
          </View>
          {exportError ? <Text className="rp-error-text rp-block">{exportError}</Text> : null}
        </View>
        <StateView loading={list.loading} error={list.error && !list.items.length ? list.error : undefined} empty={!list.loading && list.items.length === 0} emptyTitle="没有符合条件的党员" emptyText="换个条件查找，或登记党员。" onRetry={() => void list.reload()} rows={6}>
          <Text className="rp-section-title">共 {list.total} 人</Text>
          {list.items.map((m) => (
            <View key={m.id} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(withQuery(ROUTES.branchMember, { id: m.id }))}>
              <View className="rp-between">
                <Text className="rp-name">{m.name}</Text>
                <Text className={`bw-tag bw-tag--${m.standing === '正式' ? 'active' : 'gold'}`}>{m.standing === '正式' ? '正式党员' : '预备党员'}</Text>
              </View>
              <Text className="rp-muted rp-line">
                {m.branchName || '已转出'} · 入党 {m.joinedOn || '待补全'} · 组织关系{m.relation}
                {m.pendingTransferId ? ' · 转接待确认' : ''}
              </Text>
            </View>
          ))}
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.items.length ? list.error : undefined} count={list.items.length} total={list.total} onMore={() => void list.more()} />
        </StateView>
      </View>
    </PageShell>
  );
}
