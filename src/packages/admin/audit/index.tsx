import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { parkDateTime, lastDays } from '../../../domain/checkin';
import { AUDIT_ACTION_LABEL, AUDIT_FN_LABEL, auditChanges, PERIOD_PRESETS } from '../../../domain/admin';
import '../admin.scss';

const FNS = ['', 'user', 'checkin', 'appointment', 'volunteer', 'policy', 'demand', 'study', 'admin'];

/** 操作日志: who changed what and when, before → after; filters and paging; read only. */
export default function Audit() {
  const [fn, setFn] = useState('');
  const [preset, setPreset] = useState(-1);
  const [target, setTarget] = useState('');
  const [targetQuery, setTargetQuery] = useState('');
  const [page, setPage] = useState(1);
  const range = preset >= 0 ? lastDays(PERIOD_PRESETS[preset].days) : null;
  const log = useRemote(
    () => call('admin', 'auditLog', { page, ...(fn ? { fn } : {}), ...(targetQuery ? { target: targetQuery } : {}), ...(range ?? {}) }),
    [fn, page, targetQuery, range?.from, range?.to],
  );
  const d = log.data;
  const pages = d ? Math.max(1, Math.ceil(d.total / d.pageSize)) : 1;
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-row adm-chips">
          {FNS.map((f) => (
            <Button key={f || 'all'} size="small" type={f === fn ? 'primary' : 'default'} onClick={() => { setPage(1); setFn(f); }}>
              {f ? AUDIT_FN_LABEL[f] ?? f : '全部'}
            </Button>
          ))}
        </View>
        <View className="rp-row adm-chips">
          <Button size="small" type={preset < 0 ? 'primary' : 'default'} onClick={() => { setPage(1); setPreset(-1); }}>不限时间</Button>
          {PERIOD_PRESETS.slice(0, 3).map((p, i) => (
            <Button key={p.label} size="small" type={i === preset ? 'primary' : 'default'} onClick={() => { setPage(1); setPreset(i); }}>
              {p.label}
            </Button>
          ))}
        </View>
        <View className="rp-row adm-chips">
          <Input className="adm-input rp-grow" value={target} placeholder="对象，如 users/ 或 enterprises/" maxlength={120} onInput={(e) => setTarget(e.detail.value)} onConfirm={() => { setPage(1); setTargetQuery(target.trim()); }} />
          <Button type="primary" size="large" onClick={() => { setPage(1); setTargetQuery(target.trim()); }}>筛选</Button>
        </View>
        <StateView loading={log.loading && !d} error={log.error} onRetry={() => void log.reload()} empty={d?.rows.length === 0} emptyTitle="没有操作记录" emptyText="换个条件再试。">
          <View className="rp-card">
            {d?.rows.map((r) => (
              <View key={r.id} className="adm-item">
                <Text className="adm-item__title">
                  {AUDIT_FN_LABEL[r.fn] ?? r.fn} · {AUDIT_ACTION_LABEL[r.action] ?? r.action}
                </Text>
                <Text className="adm-item__sub">
                  {parkDateTime(String(r.at))} · {r.actorName || r.actor} · {r.target}
                </Text>
                {auditChanges(r.before, r.after).map((c) => (
                  <Text key={c.field} className="adm-change">
                    {c.field}：{c.before} → <Text className="adm-change__after">{c.after}</Text>
                  </Text>
                ))}
              </View>
            ))}
          </View>
          <View className="rp-row adm-pager">
            <Button size="large" disabled={page <= 1} onClick={() => setPage(page - 1)}>上一页</Button>
            <Text className="rp-grow rp-muted" style={{ textAlign: 'center' }}>第 {page} / {pages} 页 · 共 {d?.total ?? 0} 条</Text>
            <Button size="large" disabled={page >= pages} onClick={() => setPage(page + 1)}>下一页</Button>
          </View>
        </StateView>
      </View>
    </PageShell>
  );
}
