import { useEffect, useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { Field } from '../../../components/Field';
import { LoadMore } from '../../../components/LoadMore';
import { PickChips } from '../../../components/PickChips';
import { useRemote } from '../../../hooks/useRemote';
import { call, type Result } from '../../../api/client';
import { FORM_TONE } from '../../../domain/org';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import '../org.scss';

type Flag = 'all' | 'noInstructor' | 'mismatch' | 'noOrg';
type Row = Result<'org', 'ledgerList'>['rows'][number];

const FLAGS: { value: Flag; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'mismatch', label: '组建形式不符' },
  { value: 'noInstructor', label: '无党建指导员' },
  { value: 'noOrg', label: '未建党组织' },
];

/** The 五清 ledger: search by name, filter by industry and by the rule / instructor flags; a page at a time. */
export default function Ledger() {
  const params = useRouter().params;
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [flag, setFlag] = useState<Flag>((params.flag as Flag) || 'all');
  const [industry, setIndustry] = useState(params.industry ? decodeURIComponent(params.industry) : '');
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<Row[]>([]);
  const list = useRemote(
    () => call('org', 'ledgerList', { flag, page, ...(q ? { q } : {}), ...(industry ? { industry } : {}) }),
    [q, flag, industry, page],
  );
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  useEffect(() => {
    if (!list.data) return;
    setRows((prev) => (list.data!.page === 1 ? list.data!.rows : [...prev.filter((r) => !list.data!.rows.some((x) => x.id === r.id)), ...list.data!.rows]));
  }, [list.data]);
  const restart = (f: () => void) => {
    f();
    setPage(1);
  };
  const d = list.data;

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Field label="搜索企业" value={typed} onChange={setTyped} placeholder="输入企业名称关键字" maxLength={30} />
          <Button size="large" block type="primary" onClick={() => restart(() => setQ(typed.trim()))}>
            搜索
          </Button>
          <PickChips items={FLAGS.map((f) => ({ value: f.value, label: f.label, sub: d ? `${d.counts[f.value]} 家` : undefined }))} selected={flag} onPick={(v) => restart(() => setFlag(v))} />
          <PickChips scroll items={[{ value: '', label: '全部行业' }, ...(d?.industries ?? []).map((i) => ({ value: i.industry, label: i.industry, sub: `${i.count}` }))]} selected={industry} onPick={(v) => restart(() => setIndustry(v))} />
        </View>
        <StateView loading={list.loading && rows.length === 0} error={rows.length === 0 ? list.error : undefined} empty={!!d && rows.length === 0} emptyTitle="没有符合条件的企业" onRetry={() => void list.reload()} rows={6}>
          <Text className="rp-muted rp-line">共 {d?.total ?? 0} 家</Text>
          {rows.map((r) => (
            <View key={r.id} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(`${ROUTES.orgEnterprise}?id=${r.id}`)}>
              <View className="rp-between">
                <Text className="rp-name">{r.name}</Text>
                {r.form ? <Text className={`og-tag og-tag--${FORM_TONE[r.form] ?? 'active'}`}>{r.form}</Text> : <Text className="og-tag og-tag--ended">未建党组织</Text>}
              </View>
              <Text className="rp-muted rp-line">
                {r.industry}{r.building ? ` · ${r.building}` : ''} · 从业 {r.headcount} 人 · 党员 {r.full + r.probationary}（正式 {r.full}）
              </Text>
              {r.branchName ? <Text className="rp-text rp-line">{r.branchName}</Text> : null}
              <View className="og-tags">
                {r.mismatch ? <Text className="og-tag og-tag--wait">组建形式不符</Text> : null}
                {r.instructorName !== null ? <Text className="og-tag og-tag--gold">{`指导员 ${r.instructorName}`}</Text> : <Text className="og-tag og-tag--ended">无党建指导员</Text>}
              </View>
            </View>
          ))}
          {d && rows.length > 0 ? (
            <LoadMore hasMore={rows.length < d.total} loading={list.loading} error={list.error} count={rows.length} total={d.total} onMore={() => (list.error ? void list.reload() : setPage((p) => p + 1))} />
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
