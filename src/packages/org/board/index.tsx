import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { quarterName, quarterOfInstant, recentQuarters } from '../../../domain/org';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { saveXlsx } from '../components/xlsxFile';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import '../org.scss';

type Board = Result<'org', 'orgLifeBoard'>;
type Cell = Board['cells'][number];
type Status = 'held' | 'due' | 'overdue';
type Kind = Cell['kind'];

const KINDS: Kind[] = ['支部党员大会', '支委会', '党小组会', '党课', '主题党日'];
const TAG: Record<Status, string> = { held: 'done', due: 'wait', overdue: 'active' };
const ALL = '';

/**
 * 三会一课落实情况 (F-01): per branch, each kind's months (or the quarter) as 已开 / 待开 / 逾期未开,
 * counted from verified records only. A secretary sees their own branch's list of what is still
 * to hold, nearest deadline first (the reminders open this page); admins see the park as a grid
 * per branch with filters, and export it for the 督查.
 */
export default function OrgLifeBoard() {
  const params = useRouter().params;
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  const quarters = recentQuarters(quarterOfInstant(), 4);
  const [quarter, setQuarter] = useState(params.quarter && quarters.includes(params.quarter) ? params.quarter : quarters[0]);
  const [status, setStatus] = useState<Status | ''>(ALL);
  const [kind, setKind] = useState<Kind | ''>(ALL);
  const [branchId, setBranchId] = useState(params.branchId ?? ALL);
  const board = useRemote(
    () => call('org', 'orgLifeBoard', { quarter, ...(branchId ? { branchId } : {}), ...(kind ? { kind } : {}), ...(status ? { status } : {}) }),
    [quarter, branchId, kind, status],
  );
  useDidShow(() => {
    if (board.data) void board.reload();
  });
  const exportFile = useSubmit(async () => {
    try {
      const r = await call('org', 'orgLifeBoard', { quarter, excel: true });
      if (r.file) await saveXlsx(r.file.base64, r.file.fileName);
    } catch (err) {
      toast(errorMessage(err));
    }
  });
  const b = board.data;

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <PickChips items={quarters.map((q) => ({ value: q, label: quarterName(q) }))} selected={quarter} onPick={setQuarter} />
          <PickChips
            items={[{ value: ALL, label: '全部状态' }, { value: 'overdue', label: '逾期未开' }, { value: 'due', label: '待开' }, { value: 'held', label: '已开' }] as { value: Status | ''; label: string }[]}
            selected={status}
            onPick={setStatus}
          />
          <PickChips scroll items={[{ value: ALL as Kind | '', label: '全部类别' }, ...KINDS.map((k) => ({ value: k as Kind | '', label: k }))]} selected={kind} onPick={setKind} />
          {isAdmin && b && b.branches.length > 1 && !params.branchId && (
            <PickChips scroll items={[{ value: ALL, label: '全部党组织' }, ...b.branches.map((x) => ({ value: x.id, label: x.name }))]} selected={branchId} onPick={setBranchId} />
          )}
          {isAdmin && branchId && (
            <Button size="small" onClick={() => setBranchId(ALL)}>
              查看全园区
            </Button>
          )}
        </View>
        <StateView
          loading={board.loading && !b}
          error={board.error}
          empty={!!b && b.cells.length === 0}
          emptyTitle={status || kind ? '没有符合条件的项目' : '暂无需要召开的会议'}
          emptyText={isAdmin ? '可调整上方的季度、状态或类别。' : '本季度没有符合条件的会议要求；支部书记由党务管理员设置。'}
          onRetry={() => void board.reload()}
          rows={4}
        >
          {b && (
            <>
              <View className="og-tiles">
                <Tile value={b.totals.overdue} label="逾期未开" />
                <Tile value={b.totals.due} label="待开" />
                <Tile value={b.totals.held} label="已开" />
              </View>
              <Text className="rp-muted rp-line">“已开”只计已核实计入的记录；会后 7 日以上补录或修改的记录须经党务管理员核实后计入。</Text>
              {b.truncated && <Text className="rp-muted rp-line">党组织过多，仅显示前 500 个。</Text>}
              {isAdmin ? <Grid board={b} /> : <DueList cells={b.cells} />}
              {isAdmin && (
                <Button type="primary" size="large" block loading={exportFile.loading} onClick={() => void exportFile.run()}>
                  导出全园区情况表（Excel）
                </Button>
              )}
              <Button size="large" block onClick={() => go(ROUTES.orgLife)}>
                记录组织生活
              </Button>
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}

function Tile({ value, label }: { value: number; label: string }) {
  return (
    <View className="og-tile">
      <Text className="og-tile__value">{value}</Text>
      <Text className="og-tile__label">{label}</Text>
    </View>
  );
}

const cellText = (c: Cell) => `${c.periodLabel} ${c.statusLabel}${c.held ? ` ${c.held}/${c.min}` : ''}${c.pending ? ` · ${c.pending} 条待核实` : ''}`;

/** Admins: one card per branch, a line per kind with its periods. */
function Grid({ board }: { board: Board }) {
  const byBranch = new Map<string, Cell[]>();
  for (const c of board.cells) byBranch.set(c.branchId, [...(byBranch.get(c.branchId) ?? []), c]);
  // A branch's card is ~100 nodes: five at a time keeps the page inside WeChat's audit limits
  // (< 1,000 nodes, ≤ 60 children, setData < 256 KB) however many branches the park has.
  const w = useShown([...byBranch], 5, { bottom: false });
  return (
    <>
      {w.shown.map(([id, cells]) => (
        <View key={id} className="rp-card og-board" data-branch={id}>
          <Text className="rp-name">{cells[0].branchName}</Text>
          {KINDS.filter((k) => cells.some((c) => c.kind === k)).map((k) => (
            <View key={k} className="rp-line">
              <Text className="rp-text">{k}</Text>
              <View className="og-tags">
                {cells.filter((c) => c.kind === k).map((c) => (
                  <Text key={c.period} className={`og-tag og-tag--${TAG[c.status]}`}>{cellText(c)}</Text>
                ))}
              </View>
            </View>
          ))}
        </View>
      ))}
      <ShowMore w={w} />
    </>
  );
}

/** Secretaries: what is still to hold (overdue first, then by deadline), and what is done. */
function DueList({ cells }: { cells: Cell[] }) {
  const open = cells.filter((c) => c.status !== 'held').sort((a, b) => (a.status === b.status ? a.dueOn.localeCompare(b.dueOn) : a.status === 'overdue' ? -1 : 1));
  const held = cells.filter((c) => c.status === 'held');
  return (
    <>
      {open.map((c) => (
        <View key={`${c.branchId}${c.kind}${c.period}`} className="rp-card">
          <View className="rp-between">
            <Text className="rp-name">{c.kind}</Text>
            <Text className={`og-tag og-tag--${TAG[c.status]}`}>{c.statusLabel}</Text>
          </View>
          <Text className="rp-text rp-line">{c.branchName} · {c.periodLabel}应开 {c.min} 次，已开 {c.held} 次{c.pending ? `，${c.pending} 条待核实` : ''}</Text>
          <Text className="rp-muted rp-line">{c.status === 'overdue' ? `已于 ${c.dueOn} 截止` : `${c.dueOn} 前召开`}</Text>
        </View>
      ))}
      {held.length > 0 && (
        <View className="rp-card">
          <Text className="rp-name">已开</Text>
          <View className="og-tags">
            {held.map((c) => (
              <Text key={`${c.branchId}${c.kind}${c.period}`} className="og-tag og-tag--done">{`${c.kind} ${c.periodLabel}`}</Text>
            ))}
          </View>
        </View>
      )}
    </>
  );
}
