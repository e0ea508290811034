import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListRow } from '../../../components/ListRow';
import { TextBox } from '../../../components/TextBox';
import { SubmitBar } from '../../../components/SubmitBar';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { askAt } from '../../../utils/subscribe';
import { saveXlsx } from '../components/xlsxFile';
import { DateRow, parkToday } from '../components/shared';
import { SearchPick } from '../components/SearchPick';
import '../branch.scss';

/** 发展党员档案: every dated step, the next one with its earliest day, 推进 with a date and two 培养联系人, 终止. */
export default function DevFile() {
  const id = useRouter().params.id ?? '';
  const r = useRemote(() => call('party', 'developmentFile', { id }), [id]);
  const d = r.data?.record;
  const [exportError, setExportError] = useState('');
  const exp = useSubmit(async () => {
    setExportError('');
    try {
      const f = (await call('party', 'developmentFile', { id, excel: true })).file;
      if (f) await saveXlsx(f.base64, f.fileName);
    } catch (err) {
      setExportError(errorMessage(err));
    }
  });
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={r.loading && !d} error={r.error} onRetry={() => void r.reload()} rows={6}>
          {d && (
            <>
              <View className="rp-card">
                <View className="rp-between">
                  <Text className="rp-title">{d.name}</Text>
                  <Text className={`bw-tag bw-tag--${d.state === 'active' ? 'gold' : 'ended'}`}>{d.state === 'active' ? d.stage : '已终止'}</Text>
                </View>
                <ListRow title="支部" extra={d.branchName} />
                {d.enterpriseName ? <ListRow title="工作单位" extra={d.enterpriseName} /> : null}
                <ListRow title="培养联系人" extra={d.contacts.length ? d.contacts.map((c) => c.name).join('、') : '未确定'} />
                {d.withdrawal ? <Text className="bw-note">{`已终止：${d.withdrawal.reason}（${d.withdrawal.byName}）`}</Text> : null}
                <View className="bw-row-actions">
                  <Button className="rp-grow" size="large" loading={exp.loading} onClick={() => void exp.run()}>
                    {exp.label('导出档案 Excel')}
                  </Button>
                </View>
                {exportError ? <Text className="rp-error-text rp-block">{exportError}</Text> : null}
              </View>
              <Text className="rp-section-title">发展步骤</Text>
              <View className="rp-card">
                {d.steps.map((s) => (
                  <View key={s.stage} className="bw-step">
                    <View className="rp-between">
                      <Text className="rp-text">{s.stage}</Text>
                      <Text className="rp-text">{s.on}</Text>
                    </View>
                    <Text className="rp-muted rp-line">{`登记人 ${s.byName}${s.note ? ` · ${s.note}` : ''}`}</Text>
                  </View>
                ))}
              </View>
              {d.next && d.state === 'active' ? <Advance id={id} branchId={d.branchId} next={d.next} contacts={d.contacts} onDone={() => void r.reload()} /> : null}
              {d.state === 'active' && (d.stage === '入党申请人' || d.stage === '入党积极分子' || d.stage === '发展对象') ? <Withdraw id={id} onDone={() => void r.reload()} /> : null}
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}

function Advance(p: { id: string; branchId: string; next: { stage: string; earliestOn: string | null; needsContacts: boolean }; contacts: { memberId: string; name: string }[]; onDone: () => void }) {
  const [on, setOn] = useState(parkToday());
  // The two chosen, with names (a chosen one may sit on a page not loaded, or be out of the current search).
  const [picked, setPicked] = useState<{ id: string; name: string }[]>(p.contacts.map((c) => ({ id: c.memberId, name: c.name })));
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  useEffect(() => setPicked(p.contacts.map((c) => ({ id: c.memberId, name: c.name }))), [p.contacts]);
  const wantsContacts = p.next.stage === '发展对象' || p.next.stage === '入党积极分子';
  // 培养联系人 are 正式党员 of the branch: searched by name over the whole roster, a page at a time.
  const pick = (o: { id: string; name: string }) =>
    setPicked((cur) => (cur.some((c) => c.id === o.id) ? cur.filter((c) => c.id !== o.id) : cur.length >= 2 ? [cur[1], { id: o.id, name: o.name }] : [...cur, { id: o.id, name: o.name }]));
  const save = useSubmit(async () => {
    setError('');
    if (p.next.stage === '发展对象' && picked.length !== 2) return setError('请从花名册中选择两名培养联系人。');
    try {
      await call('party', 'advanceDevelopment', { id: p.id, to: p.next.stage as '入党积极分子', on, ...(picked.length === 2 ? { contacts: picked.map((c) => c.id) } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      void Taro.showToast({ title: `已列为${p.next.stage}`, icon: 'success' });
      p.onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">{`推进到“${p.next.stage}”`}</Text>
      {p.next.earliestOn ? <Text className="rp-muted rp-line">{`最早可于 ${p.next.earliestOn} 推进`}</Text> : null}
      <DateRow title={`列为${p.next.stage}的日期`} value={on} end={parkToday()} onChange={setOn} />
      {wantsContacts && (
        <>
          <Text className="rp-section-title">培养联系人（选两名本支部正式党员）</Text>
          <Text className="rp-muted rp-line" id="contacts-picked">{picked.length ? `已选：${picked.map((c) => c.name).join('、')}` : '尚未选择'}</Text>
          <SearchPick
            id="contacts-pick"
            placeholder="姓名或电话"
            selected={picked.map((c) => c.id)}
            onPick={pick}
            fetch={async (q, page) => {
              const r = await call('party', 'listMembers', { branchId: p.branchId, standing: '正式', page, ...(q ? { q } : {}) });
              return { items: r.rows.map((m) => ({ id: m.id, name: m.name, sub: m.joinedOn ? `入党 ${m.joinedOn}` : undefined })), total: r.total, hasMore: r.page * r.pageSize < r.total };
            }}
            emptyTitle="没有找到正式党员"
            emptyText="换个姓名搜索；培养联系人须是本支部的正式党员。"
          />
        </>
      )}
      <TextBox label="备注（选填）" value={note} onChange={setNote} maxLength={500} />
      <SubmitBar
        error={error}
        loading={save.loading}
        onClick={() => {
          // The subscribe prompt must be asked inside the tap, before any await.
          void askAt('partyDesk');
          void save.run();
        }}
        label="推进发展步骤"
      />
    </View>
  );
}

function Withdraw({ id, onDone }: { id: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const save = useSubmit(async () => {
    setError('');
    if (reason.trim().length < 2) return setError('请写明终止原因。');
    try {
      await call('party', 'withdrawDevelopment', { id, reason: reason.trim() });
      setOpen(false);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  if (!open) {
    return (
      <View className="rp-actions">
        <Button size="large" block onClick={() => setOpen(true)}>
          终止发展
        </Button>
      </View>
    );
  }
  return (
    <View className="rp-card">
      <TextBox label="终止原因" value={reason} onChange={setReason} maxLength={200} />
      <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label="确认终止" primary={false} />
    </View>
  );
}
