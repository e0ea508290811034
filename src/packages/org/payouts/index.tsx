import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { ShowMore } from '../../../components/ShowMore';
import { TextBox } from '../../../components/TextBox';
import { ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { useResource } from '../../../hooks/useResource';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { useShown } from '../../../hooks/useShown';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { quarterName, quarterOfInstant, recentQuarters, shiftQuarter, starText } from '../../../domain/org';
import { parkToday } from '../../../domain/demand';
import { toast } from '../../../utils/nav';
import { saveXlsx } from '../components/xlsxFile';
import { Tile } from '../components/Tile';
import '../org.scss';

type Row = Result<'org', 'listPayouts'>['rows'][number];
type State = Row['state'];
type Pending = { row: Row; kind: 'approve' | 'paid' | 'withdraw' } | null;

const TONE: Record<State, string> = { pending: 'wait', approved: 'active', paid: 'done', withdrawn: 'gold' };
const TITLE = { approve: '确认审批', paid: '登记发放', withdraw: '撤销发放' } as const;

/**
 * 红星津贴发放 (F-08): a finalised quarter's recipients per branch, 待审批 → 已审批 → 已发放 (or 已撤销
 * with a reason, before payment), every step confirmed in a dialog; the quarter's totals, the
 * running total paid since the ledger began, and the Excel export. Amounts are the finalised
 * rating's: nothing here edits them. Anyone else who opens the page sees only their own payouts.
 */
export default function Payouts() {
  // Loaded once (cached): who is asking decides which list the page shows.
  const me = useResource(meResource);
  if (!me.data) {
    return (
      <PageShell>
        <StateView loading={!me.error} error={me.error} onRetry={() => void me.reload()} rows={3} />
      </PageShell>
    );
  }
  return hasRole(me.data.roles, 'admin') ? <AdminPayouts /> : <MyPayouts />;
}

/** 我的红星津贴: a recipient's own rows only (the server selects them by the caller). */
function MyPayouts() {
  const mine = useRemote(() => call('org', 'myPayouts', {}));
  useDidShow(() => {
    if (mine.data) void mine.reload();
  });
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={mine.loading && !mine.data} error={mine.error} empty={mine.data?.length === 0} emptyTitle="暂无红星津贴记录" emptyText="所在党组织定级并审批后，发放情况会显示在这里。" onRetry={() => void mine.reload()} rows={3}>
          {(mine.data ?? []).map((r) => (
            <View key={r.id} className="rp-card">
              <View className="rp-between">
                <Text className="rp-name">{r.label}</Text>
                <Text className={`og-tag og-tag--${TONE[r.state]}`}>{r.stateLabel}</Text>
              </View>
              <Text className="rp-text rp-line">{r.branchName}</Text>
              <Text className="rp-muted rp-line">{starText(r.stars)} · {r.amount} 元{r.paidOn ? ` · ${r.paidOn} 发放` : ''}</Text>
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}

function AdminPayouts() {
  // Ratings are finalised after a quarter ends: the picker starts at the last quarter.
  const quarters = recentQuarters(shiftQuarter(quarterOfInstant(), -1), 4);
  const [quarter, setQuarter] = useState(quarters[0]);
  const list = useRemote(() => call('org', 'listPayouts', { quarter }), [quarter]);
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  const [paidOn, setPaidOn] = useState(parkToday());
  const d = list.data;
  const w = useShown(d?.rows, 10);

  const generate = useSubmit(async () => {
    try {
      const r = await call('org', 'generatePayouts', { quarter });
      toast(r.created ? `已生成 ${r.created} 条待审批记录` : '没有新的发放对象');
      if (r.noSecretary.length) toast(`${r.noSecretary.length} 个党组织未设书记，请设置后再生成`);
    } catch (err) {
      toast(errorMessage(err));
    }
    void list.reload();
  });
  const exportFile = useSubmit(async () => {
    try {
      const r = await call('org', 'exportPayouts', { quarter });
      await saveXlsx(r.base64, r.fileName);
    } catch (err) {
      toast(errorMessage(err));
    }
  });
  const act = useSubmit(async () => {
    if (!pending) return;
    const { row, kind } = pending;
    if (kind === 'withdraw' && reason.trim().length < 2) return toast('请写明撤销原因');
    try {
      if (kind === 'paid') await call('org', 'markPayoutPaid', { id: row.id, paidOn });
      else if (kind === 'approve') await call('org', 'decidePayout', { id: row.id, decision: 'approve' });
      else await call('org', 'decidePayout', { id: row.id, decision: 'withdraw', reason: reason.trim() });
      toast(kind === 'paid' ? '已登记发放' : kind === 'approve' ? '已审批' : '已撤销');
      setPending(null);
    } catch (err) {
      toast(errorMessage(err));
      setPending(null);
    }
    void list.reload();
  });
  const open = (row: Row, kind: 'approve' | 'paid' | 'withdraw') => {
    setReason('');
    setPaidOn(parkToday());
    setPending({ row, kind });
  };

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <PickChips items={quarters.map((q) => ({ value: q, label: quarterName(q) }))} selected={quarter} onPick={setQuarter} />
        </View>
        <StateView
          loading={list.loading && !d}
          error={list.error}
          empty={!!d && d.rows.length === 0 && d.withoutRows.length === 0}
          emptyTitle="本季度没有红星津贴"
          emptyText="星级评定定级后（二星及以上有津贴），可在这里生成发放名单。"
          onRetry={() => void list.reload()}
          rows={4}
        >
          {d && (
            <>
              <View className="og-tiles">
                <Tile value={`${d.totals.approved}`} label="本季度已审批（元）" hint={`待审批 ${d.totals.pending} 元`} />
                <Tile value={`${d.totals.paid}`} label="本季度已发放（元）" hint={`共 ${d.totals.rows} 条，已撤销 ${d.totals.withdrawn} 条`} />
                <Tile value={`${d.runningPaid}`} label="累计已发放（元）" hint={`历年共发放 ${d.runningPayments} 笔`} />
              </View>
              {d.withoutRows.length > 0 && (
                <View className="rp-card">
                  <Text className="og-note og-note--warn">
                    {d.withoutRows.length} 个已定级党组织还没有发放对象：{d.withoutRows.map((x) => x.branchName).join('、')}。生成时按各支部现任书记列入；未设书记的请先设置。
                  </Text>
                  <Button type="primary" size="large" block loading={generate.loading} onClick={() => void generate.run()}>
                    {generate.label('生成发放名单')}
                  </Button>
                </View>
              )}
              {w.shown.map((r) => (
                <View key={r.id} className="rp-card">
                  <View className="rp-between">
                    <Text className="rp-name">{r.name}</Text>
                    <Text className={`og-tag og-tag--${TONE[r.state]}`}>{r.stateLabel}</Text>
                  </View>
                  <Text className="rp-text rp-line">{r.branchName}</Text>
                  <Text className="rp-muted rp-line">
                    {starText(r.stars)} · {r.amount} 元{r.source === 'roster' ? ' · 管理员增加' : ' · 支部书记'}
                    {r.approvedOn ? ` · ${r.approvedOn} 审批` : ''}
                    {r.paidOn ? ` · ${r.paidOn} 发放${r.paidByName ? `（${r.paidByName}登记）` : ''}` : ''}
                  </Text>
                  {r.withdrawReason ? <Text className="og-note">撤销原因：{r.withdrawReason}</Text> : null}
                  {r.state === 'pending' || r.state === 'approved' ? (
                    <View className="og-row-actions">
                      <Button className="rp-grow" size="large" onClick={() => open(r, 'withdraw')}>
                        撤销
                      </Button>
                      <Button className="rp-grow" type="primary" size="large" onClick={() => open(r, r.state === 'pending' ? 'approve' : 'paid')}>
                        {r.state === 'pending' ? '审批' : '登记发放'}
                      </Button>
                    </View>
                  ) : null}
                </View>
              ))}
              <ShowMore w={w} />
              {rated(d).length > 0 && <AddRecipient quarter={quarter} branches={rated(d)} onAdded={() => void list.reload()} />}
              {d.rows.length > 0 && (
                <Button size="large" block loading={exportFile.loading} onClick={() => void exportFile.run()}>
                  {exportFile.label('导出发放台账（Excel）')}
                </Button>
              )}
            </>
          )}
        </StateView>
      </View>
      <Dialog
        visible={!!pending}
        title={pending ? TITLE[pending.kind] : ''}
        content={
          pending ? (
            <View>
              <Text className="rp-text">{`${pending.row.branchName} · ${pending.row.name} · ${pending.row.amount} 元`}</Text>
              {pending.kind === 'paid' && (
                <Picker mode="date" value={paidOn} start={pending.row.approvedOn ?? undefined} end={parkToday()} onChange={(e) => setPaidOn(String(e.detail.value))}>
                  <ListRow title="发放日期" extra={paidOn} onClick={() => undefined} />
                </Picker>
              )}
              {pending.kind === 'withdraw' && <TextBox id="payout-withdraw-reason" label="撤销原因" value={reason} onChange={setReason} maxLength={200} placeholder="例如 该书记本季度已调离" />}
              {pending.kind === 'approve' && <Text className="rp-muted rp-line">审批后可登记发放；发放前仍可撤销。</Text>}
            </View>
          ) : null
        }
        confirmText={act.loading ? '提交中…' : pending ? TITLE[pending.kind] : '确认'}
        cancelText="取消"
        onConfirm={() => void act.run()}
        onCancel={() => setPending(null)}
        onClose={() => setPending(null)}
      />
    </PageShell>
  );
}

type Listed = Result<'org', 'listPayouts'>;

/** The quarter's finalised branches with an allowance: those with rows and those still without. */
function rated(d: Listed): { branchId: string; branchName: string }[] {
  const seen = new Map<string, string>();
  for (const r of [...d.rows, ...d.withoutRows]) if (!seen.has(r.branchId)) seen.set(r.branchId, r.branchName);
  return [...seen].map(([branchId, branchName]) => ({ branchId, branchName }));
}

/**
 * 增加发放对象 (org.addPayoutRecipient): besides the secretary the list is generated with, an admin
 * adds another 党务工作者 (a 组织委员, a 党务专干) from the branch's current 花名册, with the reason.
 * Someone who left the branch during the quarter is not offered here (the roster search shows
 * today's members); the server accepts anyone who belonged at some time in the quarter.
 */
function AddRecipient(p: { quarter: string; branches: { branchId: string; branchName: string }[]; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  const [branchId, setBranchId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [memberId, setMemberId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const members = useRemote(
    () => (open && branchId ? call('party', 'listMembers', { branchId, q: q.trim() || undefined }) : Promise.resolve(null)),
    [open, branchId, q],
  );
  const rows = members.data?.rows ?? [];
  const add = useSubmit(async () => {
    if (!branchId || !memberId) return toast('请选择党组织和发放对象');
    if (reason.trim().length < 2) return toast('请写明增加的原因');
    try {
      const r = await call('org', 'addPayoutRecipient', { quarter: p.quarter, branchId, memberId, reason: reason.trim() });
      toast(`已增加 ${r.name}（${r.amount} 元，待审批）`);
      setOpen(false);
      setMemberId(null);
      setReason('');
      p.onAdded();
    } catch (err) {
      toast(errorMessage(err));
    }
  });
  if (!open) {
    return (
      <Button size="large" block onClick={() => setOpen(true)}>
        增加发放对象
      </Button>
    );
  }
  return (
    <View className="rp-card" id="payout-add">
      <Text className="rp-name">增加发放对象</Text>
      <Text className="rp-muted rp-line">从已定级支部的花名册中选择党务工作者，金额按该支部定级的津贴标准。</Text>
      <PickChips
        label="党组织"
        items={p.branches.map((b) => ({ value: b.branchId, label: b.branchName }))}
        selected={branchId}
        onPick={(v) => {
          setBranchId(v);
          setMemberId(null);
        }}
      />
      {branchId && (
        <>
          <TextBox id="payout-add-q" label="搜索姓名" value={q} onChange={setQ} maxLength={20} placeholder="输入姓名或手机号" />
          <StateView loading={members.loading && !members.data} error={members.error} empty={!!members.data && rows.length === 0} emptyTitle="花名册中没有找到" emptyText="换个姓名试试，或先在花名册中登记。" onRetry={() => void members.reload()} rows={2}>
            <PickChips label="发放对象" items={rows.map((m) => ({ value: m.id, label: m.name }))} selected={memberId} onPick={setMemberId} window={20} />
          </StateView>
        </>
      )}
      <TextBox id="payout-add-reason" label="增加原因" value={reason} onChange={setReason} maxLength={200} placeholder="例如 组织委员，协助书记开展党建工作" />
      <View className="og-row-actions">
        <Button className="rp-grow" size="large" onClick={() => setOpen(false)}>
          取消
        </Button>
        <Button className="rp-grow" type="primary" size="large" loading={add.loading} onClick={() => void add.run()}>
          {add.label('增加')}
        </Button>
      </View>
    </View>
  );
}
