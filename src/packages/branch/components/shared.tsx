import { Picker, View } from '@tarojs/components';
import { ListRow } from '../../../components/ListRow';
import { PickChips } from '../../../components/PickChips';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';

const DAY = 86_400_000;

/** Today in the park (Asia/Shanghai, UTC+8 all year), whatever the phone's time zone. */
export function parkToday(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function parkMonth(now = Date.now()): string {
  return parkToday(now).slice(0, 7);
}

/** The month before/after `month` (YYYY-MM). */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** 12.50 元 from fen. */
export const yuan = (fen: number | null) => (fen === null ? '—' : (fen / 100).toFixed(2));

/** Fen from what was typed in 元 ("12", "12.5", "12.50"); null when it is not an amount. */
export function toFen(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

export const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

/**
 * The branches the caller keeps: a secretary their own, an admin every branch. duesSummary answers
 * exactly that scope (with names), so no second "list my branches" action is needed.
 */
export function useKeptBranches() {
  return useRemote(async () => (await call('party', 'duesSummary', {})).branches.map((b) => ({ id: b.branchId, name: b.name })));
}

/** A row of branch chips; `all` adds 全部支部 (value ''). Hidden when there is only one branch and no `all`. */
export function BranchPicker(p: { branches: { id: string; name: string }[]; value: string; onPick: (id: string) => void; all?: boolean }) {
  if (p.branches.length <= 1 && !p.all) return null;
  const items = [...(p.all ? [{ value: '', label: '全部支部' }] : []), ...p.branches.map((b) => ({ value: b.id, label: b.name }))];
  return <PickChips label="支部" items={items} selected={p.value} onPick={p.onPick} scroll />;
}

/** A date chosen with the platform's date picker (never typed). */
export function DateRow(p: { title: string; value: string; onChange: (v: string) => void; start?: string; end?: string; id?: string }) {
  return (
    <View className="bw-pickers" id={p.id}>
      <Picker mode="date" value={p.value} start={p.start} end={p.end} onChange={(e) => p.onChange(String(e.detail.value))}>
        <ListRow title={p.title} extra={p.value || '请选择'} onClick={() => undefined} />
      </Picker>
    </View>
  );
}

/** A month chosen with the platform's picker (fields="month"). */
export function MonthRow(p: { title: string; value: string; onChange: (v: string) => void; end?: string }) {
  return (
    <View className="bw-pickers">
      <Picker mode="date" fields="month" value={p.value} end={p.end} onChange={(e) => p.onChange(String(e.detail.value).slice(0, 7))}>
        <ListRow title={p.title} extra={monthLabel(p.value)} onClick={() => undefined} />
      </Picker>
    </View>
  );
}
