import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { SubmitBar } from '../../../components/SubmitBar';
import { Chips } from '../../../components/Chips';
import { TextAreaField } from '../../../components/TextAreaField';
import { ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage, type Result } from '../../../api/client';
import { monthBefore, parkTime, parkToday, stars } from '../../../domain/demand';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import '../components/demand.scss';

type Item = Result<'demand', 'callbacks'>['items'][number];

const REACHED = [
  { value: 'yes', label: '已联系上' },
  { value: 'no', label: '未联系上' },
] as const;
const SATISFIED = [
  { value: 'yes', label: '满意' },
  { value: 'no', label: '不满意' },
] as const;

/** Recording one 回访: reached or not, satisfied or not, and what was said. Once per demand. */
function RecordForm({ item, onDone }: { item: Item; onDone: () => void }) {
  const [reached, setReached] = useState<'yes' | 'no' | ''>('');
  const [satisfied, setSatisfied] = useState<'yes' | 'no' | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const save = useSubmit(async () => {
    setError('');
    try {
      if (!reached) throw new ApiError('VALIDATION', '请选择是否联系上');
      if (reached === 'yes' && !satisfied) throw new ApiError('VALIDATION', '请选择对方是否满意');
      if (note.trim().length < 2) throw new ApiError('VALIDATION', '请记录回访情况');
      await call('demand', 'recordCallback', {
        id: item.id,
        reached: reached === 'yes',
        ...(reached === 'yes' ? { satisfied: satisfied === 'yes' } : {}),
        note: note.trim(),
      });
      toast('已记录回访');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  });
  return (
    <View className="dm-callback-form">
      <Chips label="是否联系上" options={REACHED} value={reached} onChange={setReached} />
      {reached === 'yes' ? <Chips label="对办理是否满意" options={SATISFIED} value={satisfied} onChange={setSatisfied} /> : null}
      <TextAreaField label="回访记录" required value={note} onChange={setNote} maxLength={500} rows={2} placeholder="如：电话回访，企业表示问题已解决" />
      <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label="记录回访" />
    </View>
  );
}

/**
 * 回访 (admin): the month's sample of closed demands — every 不满意 one and at least 10 % of the
 * rest, drawn by the system — what is still due first, and recording each call.
 */
export default function Callbacks() {
  const today = parkToday();
  const [month, setMonth] = useState(today.slice(0, 7));
  const list = useRemote(() => call('demand', 'callbacks', { month }), [month]);
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const [open, setOpen] = useState('');
  const data = list.data;
  const choices = [
    { value: today.slice(0, 7), label: '本月' },
    { value: monthBefore(today, 1), label: '上月' },
  ];
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Chips label="办结月份" options={choices} value={choices.some((c) => c.value === month) ? month : ''} onChange={(v) => v && setMonth(v)} />
          <Picker mode="date" fields="month" value={`${month}-01`} end={today} onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}>
            <ListRow title="选择其他月份" extra={month} onClick={() => undefined} />
          </Picker>
          {data ? (
            <Text className="rp-muted rp-block">
              {data.month} 办结并评价 {data.closed} 件，抽取回访 {data.sampled} 件（不满意的全部回访，其余至少抽取 10%），待回访 {data.due} 件。
            </Text>
          ) : null}
        </View>
        <StateView
          loading={list.loading && !data}
          error={!data ? list.error : undefined}
          empty={!!data && data.items.length === 0}
          emptyTitle="这个月没有需要回访的诉求"
          emptyText="诉求办结并经企业评价后，才会进入回访抽样。"
          onRetry={() => void list.reload()}
        >
          {data?.items.map((it) => (
            <View key={it.id} className="rp-card">
              <View className="dm-card__head">
                <Text className="dm-card__title" onClick={() => go(withQuery(ROUTES.demandDetail, { id: it.id }))}>
                  {it.title} ›
                </Text>
                <Text className={`rp-tag ${it.due ? 'rp-tag--primary' : 'rp-tag--success'}`}>{it.due ? '待回访' : '已回访'}</Text>
              </View>
              <View className="rp-tags">
                <Text className={`rp-tag ${it.why === 'unsatisfied' ? 'rp-tag--warning' : ''}`}>{it.why === 'unsatisfied' ? '不满意必访' : '抽样回访'}</Text>
                <Text className="rp-tag">{it.category}</Text>
                {it.score ? <Text className="rp-tag rp-tag--gold">{stars(it.score)}</Text> : null}
              </View>
              <Text className="rp-muted rp-block">
                {[it.enterpriseName, it.submitterName, it.contactPhone].filter(Boolean).join(' · ')}
                {it.handlerName ? ` · 办理人：${it.handlerName}` : ''}
              </Text>
              {it.callback ? (
                <Text className="rp-text rp-block">
                  {it.callback.reached ? (it.callback.satisfied ? '已联系，满意' : '已联系，不满意') : '未联系上'}：{it.callback.note}（{it.callback.name} · {parkTime(it.callback.at)}）
                </Text>
              ) : open === it.id ? (
                <RecordForm
                  item={it}
                  onDone={() => {
                    setOpen('');
                    void list.reload();
                  }}
                />
              ) : (
                <View className="rp-actions">
                  <Text className="rp-link" onClick={() => setOpen(it.id)}>
                    记录回访 ›
                  </Text>
                </View>
              )}
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
