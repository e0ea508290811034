import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { TextBox } from '../../../components/TextBox';
import { useRemote } from '../../../hooks/useRemote';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { askAt } from '../../../utils/subscribe';
import { saveXlsx } from '../components/xlsxFile';
import { BranchPicker, DateRow, monthLabel, MonthRow, parkMonth, parkToday, toFen, useKeptBranches, yuan } from '../components/shared';
import '../branch.scss';

type Row = { memberId: string; name: string; standing: string; amountFen: number | null; paidOn: string | null; status: '未登记' | '未缴' | '免缴' | '已缴' };
const TONE: Record<Row['status'], string> = { 未登记: 'wait', 未缴: 'active', 免缴: 'ended', 已缴: 'done' };

/**
 * 党费收缴登记本, one branch's month: every member of the month with the amount due (entered in 元)
 * and 标记已缴 with the day paid; a payment marked by mistake is undone with a reason.
 */
export default function Dues() {
  const branches = useKeptBranches();
  const [picked, setPicked] = useState('');
  const [month, setMonth] = useState(parkMonth());
  const kept = branches.data ?? [];
  const branchId = picked || kept[0]?.id || '';
  const view = useRemote(() => (branchId ? call('party', 'duesMonth', { branchId, month }) : Promise.resolve(null)), [branchId, month]);
  const [exportError, setExportError] = useState('');
  const exp = useSubmit(async (quarter?: number) => {
    setExportError('');
    try {
      const r = await call('party', 'exportDuesBook', { branchId, year: Number(month.slice(0, 4)), ...(quarter ? { quarter } : {}) });
      await saveXlsx(r.base64, r.fileName);
    } catch (err) {
      setExportError(errorMessage(err));
    }
  });
  const d = view.data;
  // The reply puts open rows first; a row keeps its place after an entry (not jumping past the
  // shown ten) until the branch or month changes.
  const order = useRef({ key: '', ids: [] as string[] });
  const key = d ? `${d.branchId}:${d.month}` : '';
  if (d && order.current.key !== key) order.current = { key, ids: d.members.map((m) => m.memberId) };
  const pos = (id: string) => {
    const i = order.current.ids.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const rows = d ? [...d.members].sort((a, b) => pos(a.memberId) - pos(b.memberId)) : undefined;
  // About 20 nodes a row (amount, date picker, buttons): ten at a time keeps a page far under 1,000.
  const w = useShown(rows, 10);
  const quarter = Math.floor((Number(month.slice(5)) - 1) / 3) + 1;
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <BranchPicker branches={kept} value={branchId} onPick={setPicked} />
          <MonthRow title="月份" value={month} end={`${parkMonth()}-01`} onChange={setMonth} />
          {d && (
            <Text className="rp-text rp-line">
              {`${d.branchName} ${monthLabel(month)}：党员 ${d.totals.members} 人，已缴 ${d.totals.paid}，免缴 ${d.totals.exempt}，未缴 ${d.totals.unpaid}，未登记 ${d.totals.unregistered}；应缴 ${yuan(d.totals.dueFen)} 元，已缴 ${yuan(d.totals.paidFen)} 元`}
            </Text>
          )}
          <View className="bw-row-actions">
            <Button className="rp-grow" size="large" loading={exp.loading} disabled={!branchId} onClick={() => void exp.run(quarter)}>
              {exp.label(`导出第${quarter}季度`)}
            </Button>
            <Button className="rp-grow" size="large" disabled={!branchId || exp.loading} onClick={() => void exp.run()}>
              导出全年
            </Button>
          </View>
          {exportError ? <Text className="rp-error-text rp-block">{exportError}</Text> : null}
        </View>
        <StateView loading={(branches.loading || view.loading) && !d} error={branches.error ?? view.error} empty={!!d && d.members.length === 0 || (!!branches.data && kept.length === 0)} emptyTitle="这个月没有需要登记的党员" onRetry={() => void view.reload()} rows={6}>
          {w.shown.map((m) => (
            <DuesRow key={`${m.memberId}:${month}`} row={m} month={month} canMark={!!d?.canMarkPaid} onDone={() => void view.reload()} />
          ))}
          <ShowMore w={w} />
        </StateView>
      </View>
    </PageShell>
  );
}

function DuesRow({ row, month, canMark, onDone }: { row: Row; month: string; canMark: boolean; onDone: () => void }) {
  const [amount, setAmount] = useState(row.amountFen === null ? '' : yuan(row.amountFen));
  // The day it was paid: usually today, when the secretary records the money handed over.
  const [paidOn, setPaidOn] = useState(parkToday());
  const [reason, setReason] = useState('');
  const [undoing, setUndoing] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => setAmount(row.amountFen === null ? '' : yuan(row.amountFen)), [row.amountFen]);

  const save = useSubmit(async () => {
    setError('');
    const fen = toFen(amount);
    if (fen === null) return setError('请输入应缴金额（元），最多两位小数。');
    try {
      await call('party', 'setDues', { memberId: row.memberId, month, amountFen: fen });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const mark = useSubmit(async () => {
    setError('');
    try {
      await call('party', 'markPaid', { memberId: row.memberId, month, paidOn });
      void Taro.showToast({ title: '已标记已缴', icon: 'success' });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const unmark = useSubmit(async () => {
    setError('');
    if (reason.trim().length < 2) return setError('请写明撤销原因。');
    try {
      await call('party', 'unmarkPaid', { memberId: row.memberId, month, reason: reason.trim() });
      setUndoing(false);
      setReason('');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });

  return (
    <View className="rp-card bw-dues-row">
      <View className="rp-between">
        <Text className="rp-name">{row.name}</Text>
        <Text className={`bw-tag bw-tag--${TONE[row.status]}`}>{row.status}</Text>
      </View>
      <Text className="rp-muted rp-line">
        {row.standing === '正式' ? '正式党员' : '预备党员'} · 应缴 {yuan(row.amountFen)} 元{row.paidOn ? ` · ${row.paidOn} 缴纳` : ''}
      </Text>
      {!row.paidOn && (
        <>
          <View className="rp-between bw-row-actions">
            <Input id={`amount-${row.memberId}`} className="rp-textbox__input rp-grow bw-amount" type="digit" value={amount} placeholder="应缴金额（元），0 为免缴" maxlength={10} onInput={(e) => setAmount(e.detail.value)} />
            <Button
              size="large"
              loading={save.loading}
              onClick={() => {
                // The subscribe prompt must be asked inside the tap, before any await.
                void askAt('partyDesk');
                void save.run();
              }}
            >
              保存党费登记
            </Button>
          </View>
          {canMark && row.amountFen !== null && row.amountFen > 0 && (
            <>
              <DateRow title="缴纳日期" value={paidOn} end={parkToday()} onChange={setPaidOn} />
              <View className="bw-row-actions">
                <Button className="rp-grow" type="primary" size="large" loading={mark.loading} onClick={() => void mark.run()}>
                  标记已缴
                </Button>
              </View>
            </>
          )}
        </>
      )}
      {row.paidOn && !undoing && (
        <View className="bw-row-actions">
          <Button className="rp-grow" size="large" onClick={() => setUndoing(true)}>
            撤销已缴
          </Button>
        </View>
      )}
      {row.paidOn && undoing && (
        <>
          <TextBox label="撤销原因" value={reason} onChange={setReason} maxLength={200} placeholder="例如 误点了已缴" />
          <View className="bw-row-actions">
            <Button className="rp-grow" size="large" onClick={() => setUndoing(false)}>
              取消
            </Button>
            <Button className="rp-grow" type="primary" size="large" loading={unmark.loading} onClick={() => void unmark.run()}>
              确认撤销
            </Button>
          </View>
        </>
      )}
      {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
    </View>
  );
}
