import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { SubmitBar } from '../../../components/SubmitBar';
import { Chips } from '../../../components/Chips';
import { Field } from '../../../components/Field';
import { ListRow } from '../../../components/ListRow';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage, type Result } from '../../../api/client';
import { addDays, dayRange, parkTime, parkToday, weekdayLabel } from '../../../domain/demand';
import { toast } from '../../../utils/nav';
import { COMPLAINT, SERVICE_CLASSES, type ServiceClass } from '../../../../cloudfunctions/demand/terms';
import '../components/demand.scss';

type Level = Result<'demand', 'serviceLevels'>['levels'][number];

const RULES = [
  { value: 'holiday', label: '节假日（休息）' },
  { value: 'workday', label: '调休上班' },
  { value: 'normal', label: '恢复为普通日' },
] as const;
type Rule = (typeof RULES)[number]['value'];
const RULE_LABEL: Record<string, string> = { holiday: '休息', workday: '调休上班' };

/** Editing one category's class and deadline; a stale edit (a colleague saved first) is refused. */
function LevelForm({ level, onSaved, onCancel }: { level: Level; onSaved: (levels: Level[]) => void; onCancel: () => void }) {
  const complaint = level.category === COMPLAINT;
  const [cls, setCls] = useState<ServiceClass>(level.serviceClass);
  const [days, setDays] = useState(String(level.days));
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const save = useSubmit(async () => {
    setError('');
    try {
      const n = Number(days);
      if (!Number.isInteger(n) || n < 1 || n > 60) throw new ApiError('VALIDATION', '办理时限请填写 1–60 之间的整数（工作日）');
      if (reason.trim().length < 2) throw new ApiError('VALIDATION', '请说明调整原因');
      const r = await call('demand', 'setServiceLevel', { category: level.category, serviceClass: cls, days: n, version: level.version, reason: reason.trim() });
      toast('已保存');
      onSaved(r.levels);
    } catch (e) {
      setError(errorMessage(e));
    }
  });
  return (
    <View className="dm-edit">
      {complaint ? (
        <Text className="rp-muted rp-block">投诉建议单独使用“投诉建议”等级，只可调整时限。</Text>
      ) : (
        <Chips label="服务等级" options={SERVICE_CLASSES.filter((c) => c !== COMPLAINT)} value={cls} onChange={(v) => v && setCls(v)} />
      )}
      <Field label="办理时限（工作日）" type="number" value={days} onChange={setDays} maxLength={2} placeholder="1–60" />
      <Field label="调整原因" required value={reason} onChange={setReason} maxLength={200} placeholder="如：按园区服务承诺调整" />
      <Text className="rp-muted rp-block">只对调整后提交的诉求生效，已提交的诉求仍按原承诺计时。</Text>
      <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label="保存时限" />
      <View className="rp-actions">
        <Text className="rp-link" onClick={onCancel}>
          取消
        </Text>
      </View>
    </View>
  );
}

/** Marking a range of days (up to 31) as 节假日, 调休上班 or back to the plain week, with date pickers. */
function CalendarForm({ onSaved }: { onSaved: () => void }) {
  const today = parkToday();
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [rule, setRule] = useState<Rule>('holiday');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const days = dayRange(from, to);
  const save = useSubmit(async () => {
    setError('');
    try {
      if (days.length === 0) throw new ApiError('VALIDATION', '结束日期不能早于开始日期');
      if (days.length > 31) throw new ApiError('VALIDATION', '一次最多设置 31 天，请分段设置');
      if (rule !== 'normal' && !name.trim()) throw new ApiError('VALIDATION', '请填写节假日或调休的名称，例如“国庆节”。');
      await call('demand', 'setCalendarDays', { days, rule, ...(rule !== 'normal' ? { name: name.trim() } : {}) });
      toast('已保存');
      setName('');
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">设置节假日或调休</Text>
      <Picker
        mode="date"
        value={from}
        onChange={(e) => {
          const v = String(e.detail.value);
          setFrom(v);
          if (to < v) setTo(v);
        }}
      >
        <ListRow title="开始日期" extra={`${from} ${weekdayLabel(from)}`} onClick={() => undefined} />
      </Picker>
      <Picker mode="date" value={to} start={from} end={addDays(from, 30)} onChange={(e) => setTo(String(e.detail.value))}>
        <ListRow title="结束日期" extra={`${to} ${weekdayLabel(to)}`} onClick={() => undefined} />
      </Picker>
      <Chips label="设为" options={RULES} value={rule} onChange={(v) => v && setRule(v)} />
      {rule !== 'normal' ? <Field label="名称" required value={name} onChange={setName} maxLength={20} placeholder="如：国庆节、春节调休" /> : null}
      <Text className="rp-muted rp-block">
        共 {days.length} 天。周一至周五默认上班、周末休息；这里只记例外。修改后所有未办结诉求的时限和统计立即按新日历重算。
      </Text>
      <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label="保存日历" />
    </View>
  );
}

/**
 * 服务时限与工作日历 (admin): each category's service class and deadline in working days, and the
 * park calendar's exceptions (holidays, 调休 working weekends) the clock counts on.
 */
export default function Levels() {
  const levels = useRemote(() => call('demand', 'serviceLevels', {}));
  const cal = useRemote(() => call('demand', 'calendar', {}));
  usePullDownRefresh(() => {
    void Promise.all([levels.reload(), cal.reload()]).finally(() => Taro.stopPullDownRefresh());
  });
  const [editing, setEditing] = useState('');
  const [removing, setRemoving] = useState('');
  const remove = async (day: string) => {
    if (removing) return;
    setRemoving(day);
    try {
      await call('demand', 'setCalendarDays', { days: [day], rule: 'normal' });
      toast('已恢复为普通日');
      await cal.reload();
    } catch (e) {
      toast(errorMessage(e));
    } finally {
      setRemoving('');
    }
  };
  return (
    <PageShell>
      <View className="rp-page">
        <Text className="rp-section-title">服务时限</Text>
        <StateView loading={levels.loading && !levels.data} error={!levels.data ? levels.error : undefined} onRetry={() => void levels.reload()}>
          <View className="rp-card">
            <Text className="rp-muted rp-block">诉求从提交起按工作日计时，等待企业补充材料期间暂停。点一行修改。</Text>
            {levels.data?.levels.map((l) => (
              <View key={l.category}>
                <ListRow
                  title={l.category}
                  description={l.updatedAt ? `第 ${l.version} 版 · ${parkTime(l.updatedAt)} 修改` : '默认'}
                  extra={`${l.serviceClass} · ${l.days} 个工作日`}
                  onClick={() => setEditing(editing === l.category ? '' : l.category)}
                />
                {editing === l.category ? (
                  <LevelForm
                    level={l}
                    onCancel={() => setEditing('')}
                    onSaved={(next) => {
                      setEditing('');
                      levels.setData(() => ({ ...levels.data!, levels: next }));
                    }}
                  />
                ) : null}
              </View>
            ))}
          </View>
        </StateView>

        <Text className="rp-section-title">园区工作日历</Text>
        <CalendarForm onSaved={() => void cal.reload()} />
        <StateView
          loading={cal.loading && !cal.data}
          error={!cal.data ? cal.error : undefined}
          empty={!!cal.data && cal.data.days.length === 0}
          emptyTitle="还没有设置节假日"
          emptyText="国务院公布每年的放假安排后，请在上面录入节假日和调休上班日。"
          onRetry={() => void cal.reload()}
        >
          <View className="rp-card">
            {cal.data ? <Text className="rp-muted rp-block">{cal.data.from} 至 {cal.data.to} 的例外日期</Text> : null}
            {cal.data?.days.map((d) => (
              <View key={d.day} className="dm-calday">
                <View className="rp-grow">
                  <Text className="rp-text">
                    {d.day} {weekdayLabel(d.day)} · {d.name}
                  </Text>
                  <Text className={`rp-tag ${d.rule === 'holiday' ? 'rp-tag--primary' : 'rp-tag--warning'}`}>{RULE_LABEL[d.rule] ?? d.rule}</Text>
                </View>
                <Text className="rp-link" onClick={() => void remove(d.day)}>
                  {removing === d.day ? '正在恢复…' : '恢复'}
                </Text>
              </View>
            ))}
          </View>
        </StateView>
      </View>
    </PageShell>
  );
}
