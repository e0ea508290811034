import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { SubmitBar } from '../../../components/SubmitBar';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { fmtRange, fmtStamp } from '../../../domain/appointment';
import { recordActions, splitNames, ORG_LIFE_KINDS, type OrgLifeKind } from '../../../domain/org';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { MeetingPhotos } from '../components/MeetingPhotos';
import '../org.scss';

const SIGN_IN: Record<string, string> = { open: '签到进行中', not_started: '签到未开始（开始前 1 小时开放）', ended: '已结束，可由书记补录', closed: '签到已关闭' };

/**
 * One meeting: the branch's members present (scanned the rotating code, or added by the secretary),
 * 列席 apart (people outside the branch who scanned, and guests by name — never counted as members
 * present), the members not yet recorded; the kiosk code while sign-in is open; whether the record
 * counts yet (核实), who entered it and who confirmed it. Any sign-in can be struck (audited).
 */
export default function Meeting() {
  const { id } = useRouter().params;
  const rec = useRemote(() => call('org', 'getOrgLife', { id: id ?? '' }), [id]);
  useDidShow(() => {
    if (rec.data) void rec.reload();
  });
  const [picked, setPicked] = useState<string[]>([]);
  const [guests, setGuests] = useState('');
  const [removing, setRemoving] = useState<{ openid?: string; guestName?: string; label: string } | null>(null);
  const [mode, setMode] = useState<'view' | 'edit' | 'withdraw'>('view');
  const r = rec.data;
  const actions = r ? recordActions(r, r.locked) : null;
  const add = useSubmit(async () => {
    const names = splitNames(guests);
    if (picked.length + names.length === 0) return toast('请选择党员或填写列席人员');
    try {
      const res = await call('org', 'addAttendees', { id: id!, openids: picked, guestNames: names });
      toast(`已补录 ${res.members + res.guests} 人`);
      setPicked([]);
      setGuests('');
      void rec.reload();
    } catch (err) {
      toast(errorMessage(err));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={rec.loading && !r} error={rec.error} onRetry={() => void rec.reload()} rows={6}>
          {r && (
            <>
              <View className="rp-card">
                <View className="rp-between">
                  <Text className="rp-title">{r.topic}</Text>
                  <Text className={`og-tag og-tag--${r.kind === '主题党日' ? 'gold' : 'active'}`}>{r.kind}</Text>
                </View>
                <Text className="rp-muted rp-line">{r.branchName}</Text>
                <Text className="rp-text rp-line">{fmtRange(r.startAt, r.endAt)} · {r.place}</Text>
                {r.summary ? <Text className="rp-text rp-line">{r.summary}</Text> : null}
                {r.minutes ? (
                  <View className="rp-line">
                    <Text className="rp-label">会议记录</Text>
                    <Text className="rp-text og-minutes">{r.minutes}</Text>
                  </View>
                ) : null}
                <Text className="og-note og-note--ok">党员参加 {r.attendees} 人{r.guests ? ` · 列席 ${r.guests} 人` : ''} · {SIGN_IN[r.signIn] ?? ''}</Text>
                <Text className={`og-note og-note--${r.state === 'counted' ? 'ok' : 'warn'}`}>
                  {r.stateLabel}
                  {r.state === 'pending' ? (r.pendingReason === 'late' ? '（会后 7 天以上录入，经管理员核实后计入星级评定）' : '（会后修改，经管理员核实后计入星级评定）') : ''}
                </Text>
                <Text className="rp-muted rp-line">
                  录入人 {r.recordedByName || '—'}
                  {r.confirmedByName ? ` · 核实人 ${r.confirmedByName}` : ''}
                  {r.editedByName ? ` · 最近修改 ${r.editedByName}` : ''}
                </Text>
                {r.state === 'rejected' && r.reviewNote ? <Text className="rp-text rp-line">未通过原因：{r.reviewNote}</Text> : null}
                {actions && !actions.canEdit ? <Text className="rp-muted rp-line">{actions.reason}</Text> : null}
                {actions?.canEdit && mode === 'view' ? (
                  <View className="og-row-actions">
                    <Button className="rp-grow" size="large" onClick={() => setMode('edit')}>
                      修改记录
                    </Button>
                    <Button className="rp-grow" size="large" type="danger" fill="outline" onClick={() => setMode('withdraw')}>
                      撤回记录
                    </Button>
                  </View>
                ) : null}
                {r.signIn === 'open' ? (
                  <View className="rp-actions">
                    <Button type="primary" size="large" block onClick={() => go(`${ROUTES.checkinKiosk}?eventId=${r.eventId}`)}>
                      显示签到码
                    </Button>
                  </View>
                ) : null}
              </View>

              {actions?.canEdit && mode === 'edit' ? (
                <EditRecord
                  record={r}
                  onClose={() => setMode('view')}
                  onSaved={() => {
                    setMode('view');
                    void rec.reload();
                  }}
                />
              ) : null}
              {mode === 'view' ? <MeetingPhotos id={r.id} photos={r.photos} startAt={r.startAt} canEdit={!!actions?.canEdit} onChanged={() => void rec.reload()} /> : null}
              {actions?.canEdit && mode === 'withdraw' ? (
                <WithdrawRecord
                  id={r.id}
                  onClose={() => setMode('view')}
                  onDone={() => {
                    setMode('view');
                    void rec.reload();
                  }}
                />
              ) : null}

              <Text className="rp-section-title">参会党员（{r.signedIn.length}）</Text>
              <StateView loading={false} empty={r.signedIn.length === 0} emptyTitle="还没有人签到" emptyText="请党员扫描签到码，或在下方补录。">
                <View className="rp-card">
                  {r.signedIn.map((a) => (
                    <View key={a.openid} className="rp-item rp-between">
                      <Text className="rp-text">{a.name}</Text>
                      <View className="og-tags">
                        <Text className={`og-tag og-tag--${a.via === 'code' ? 'done' : 'wait'}`}>{a.via === 'code' ? `扫码 ${fmtStamp(a.at)}` : '书记补录'}</Text>
                        <Button size="small" onClick={() => setRemoving({ openid: a.openid, label: a.name })}>
                          移除
                        </Button>
                      </View>
                    </View>
                  ))}
                </View>
              </StateView>

              {r.guestsScanned.length + r.guestNames.length > 0 && (
                <>
                  <Text className="rp-section-title">列席人员（{r.guestsScanned.length + r.guestNames.length}）</Text>
                  <View className="rp-card">
                    {r.guestsScanned.map((a) => (
                      <View key={a.openid} className="rp-item rp-between">
                        <Text className="rp-text">{a.name}</Text>
                        <View className="og-tags">
                          <Text className="og-tag og-tag--wait">非本支部党员 · 扫码 {fmtStamp(a.at)}</Text>
                          <Button size="small" onClick={() => setRemoving({ openid: a.openid, label: a.name })}>
                            移除
                          </Button>
                        </View>
                      </View>
                    ))}
                    {r.guestNames.map((g) => (
                      <View key={g} className="rp-item rp-between">
                        <Text className="rp-text">{g}</Text>
                        <Button size="small" onClick={() => setRemoving({ guestName: g, label: g })}>
                          移除
                        </Button>
                      </View>
                    ))}
                  </View>
                </>
              )}

              {actions?.canEdit ? (
                <>
                  <Text className="rp-section-title">补录参会人员</Text>
                  <View className="rp-card">
                    <Text className="rp-label">本支部未签到的党员（可多选）</Text>
                    {r.absentMembers.length === 0 ? <Text className="rp-muted rp-line">本支部已认证党员均已记录</Text> : null}
                    <PickChips
                      items={r.absentMembers.map((m) => ({ value: m.openid, label: m.name || '（未填姓名）' }))}
                      selected={picked}
                      onPick={(v) => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p, v]))}
                    />
                    <TextBox label="列席人员（用逗号分隔）" value={guests} onChange={setGuests} maxLength={200} />
                    <SubmitBar label="补录" loading={add.loading} onClick={() => void add.run()} />
                  </View>
                </>
              ) : null}
            </>
          )}
        </StateView>
      </View>
      <Dialog
        visible={!!removing}
        title="移除参会人员"
        content={removing ? `确认将“${removing.label}”从本次组织生活的参会名单中移除？` : ''}
        confirmText="确认移除"
        cancelText="再想想"
        onConfirm={async () => {
          const target = removing!;
          setRemoving(null);
          try {
            await call('org', 'removeAttendee', { id: id!, ...(target.openid ? { openid: target.openid } : { guestName: target.guestName! }) });
            toast('已移除');
          } catch (err) {
            toast(errorMessage(err));
          }
          void rec.reload();
        }}
        onCancel={() => setRemoving(null)}
        onClose={() => setRemoving(null)}
      />
    </PageShell>
  );
}

type Rec = Result<'org', 'getOrgLife'>;

/** 修改记录: kind, topic, place, summary, 会议记录 (the time is not editable: a wrong date is withdrawn and entered again). */
function EditRecord({ record: r, onClose, onSaved }: { record: Rec; onClose: () => void; onSaved: () => void }) {
  const [kind, setKind] = useState<OrgLifeKind>(r.kind);
  const [topic, setTopic] = useState(r.topic);
  const [place, setPlace] = useState(r.place);
  const [summary, setSummary] = useState(r.summary);
  const [minutes, setMinutes] = useState(r.minutes);
  const [error, setError] = useState('');
  // After the meeting has begun an edit rewrites evidence: the record waits for 核实 again.
  const after = new Date(r.startAt).getTime() <= Date.now();
  const save = useSubmit(async () => {
    setError('');
    if (topic.trim().length < 2) return setError('请填写主题');
    if (!place.trim()) return setError('请填写地点');
    try {
      const res = await call('org', 'updateOrgLife', { id: r.id, kind, topic: topic.trim(), place: place.trim(), summary: summary.trim(), minutes: minutes.trim() });
      toast(res.changed === 0 ? '没有需要保存的修改' : res.state === 'pending' ? '已修改，待管理员核实' : '已修改');
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">修改记录</Text>
      {after ? <Text className="og-note og-note--warn">会议开始后修改记录，需经管理员重新核实后才计入星级评定。</Text> : null}
      <Text className="rp-label">类型</Text>
      <PickChips items={ORG_LIFE_KINDS.map((k) => ({ value: k, label: k }))} selected={kind} onPick={setKind} />
      <TextBox id="ol-edit-topic" label="主题" value={topic} onChange={setTopic} maxLength={40} />
      <TextBox label="地点" value={place} onChange={setPlace} maxLength={40} />
      <TextBox label="内容摘要（选填）" value={summary} onChange={setSummary} maxLength={500} multiline />
      <TextBox id="ol-edit-minutes" label="会议记录（选填）" value={minutes} onChange={setMinutes} maxLength={5000} multiline tall placeholder="议程、发言要点、决议事项" />
      {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
      <View className="og-row-actions">
        <Button className="rp-grow" size="large" disabled={save.loading} onClick={onClose}>
          取消
        </Button>
        <Button className="rp-grow" type="primary" size="large" loading={save.loading} onClick={() => void save.run()}>
          {save.label('保存修改')}
        </Button>
      </View>
    </View>
  );
}

/** 撤回记录: with a reason; the record stays for the audit trail and never counts again. */
function WithdrawRecord({ id, onClose, onDone }: { id: string; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const withdraw = useSubmit(async () => {
    setError('');
    if (reason.trim().length < 2) return setError('请填写撤回原因');
    try {
      await call('org', 'withdrawOrgLife', { id, reason: reason.trim() });
      toast('已撤回');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">撤回记录</Text>
      <Text className="rp-text rp-line">撤回后记录仍保留备查，但不再计入星级评定，也不能恢复。</Text>
      <TextBox id="ol-withdraw-reason" label="撤回原因" value={reason} onChange={setReason} maxLength={100} placeholder="例如 重复录入" />
      {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
      <View className="og-row-actions">
        <Button className="rp-grow" size="large" disabled={withdraw.loading} onClick={onClose}>
          取消
        </Button>
        <Button className="rp-grow" type="danger" size="large" loading={withdraw.loading} onClick={() => void withdraw.run()}>
          {withdraw.label('确认撤回')}
        </Button>
      </View>
    </View>
  );
}
