import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { ShowMore } from '../../../components/ShowMore';
import { useRemote } from '../../../hooks/useRemote';
import { useShown } from '../../../hooks/useShown';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { saveXlsx } from '../components/xlsxFile';
import { BranchPicker, DateRow, parkToday, useKeptBranches } from '../components/shared';
import { parkYear, YearPicker } from '../components/year';
import '../branch.scss';

type Grade = '优秀' | '合格' | '基本合格' | '不合格';
const GRADES: Grade[] = ['优秀', '合格', '基本合格', '不合格'];
type Line = Result<'party', 'listReviews'>['members'][number];
const STATUS: Record<Line['status'], { label: string; tone: string }> = {
  none: { label: '未评议', tone: 'wait' },
  open: { label: '评议中', tone: 'active' },
  closed: { label: '已结束', tone: 'done' },
};
const FIELDS = [
  { key: 'leader', label: '企业领导评议' },
  { key: 'staff', label: '职工评议' },
  { key: 'branch', label: '支部评议' },
  { key: 'result', label: '评议结果' },
] as const;

/**
 * 民主评议党员 (三评议), one branch's year: every member with the three ratings and the result
 * (chosen, never typed), the 警示谈话 a 基本合格 / 不合格 needs, 结束评议, and the Excel export.
 */
export default function Review() {
  const branches = useKeptBranches();
  const [picked, setPicked] = useState('');
  const [year, setYear] = useState(parkYear());
  const kept = branches.data ?? [];
  const branchId = picked || kept[0]?.id || '';
  const view = useRemote(() => (branchId ? call('party', 'listReviews', { branchId, year }) : Promise.resolve(null)), [branchId, year]);
  const [exportError, setExportError] = useState('');
  const exp = useSubmit(async () => {
    setExportError('');
    try {
      const r = await call('party', 'exportReviews', { branchId, year });
      await saveXlsx(r.base64, r.fileName);
    } catch (err) {
      setExportError(errorMessage(err));
    }
  });
  const d = view.data;
  // About 30 nodes a member (four rows of chips): ten at a time.
  const w = useShown(d?.members, 10);
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <BranchPicker branches={kept} value={branchId} onPick={setPicked} />
          <YearPicker value={year} onPick={setYear} />
          {d && <Text className="rp-text rp-line">{`${d.branchName} ${year}年度：党员 ${d.totals.members} 人，已结束 ${d.totals.closed}，评议中 ${d.totals.open}，未评议 ${d.totals.none}`}</Text>}
          <Text className="rp-muted rp-line">“三评议”：企业领导评议、职工评议、支部评议，每年一次。评议结果为基本合格或不合格的，须先登记警示谈话才能结束评议。</Text>
          <View className="bw-row-actions">
            <Button className="rp-grow" size="large" loading={exp.loading} disabled={!branchId} onClick={() => void exp.run()}>
              {exp.label('导出评议登记表')}
            </Button>
          </View>
          {exportError ? <Text className="rp-error-text rp-block">{exportError}</Text> : null}
        </View>
        <StateView loading={(branches.loading || view.loading) && !d} error={branches.error ?? view.error} empty={(!!d && d.members.length === 0) || (!!branches.data && kept.length === 0)} emptyTitle="这一年度没有需要评议的党员" onRetry={() => void view.reload()} rows={6}>
          {w.shown.map((m) => (
            <ReviewRow key={`${m.memberId}:${year}`} line={m} year={year} onDone={() => void view.reload()} />
          ))}
          <ShowMore w={w} />
        </StateView>
      </View>
    </PageShell>
  );
}

function ReviewRow({ line, year, onDone }: { line: Line; year: number; onDone: () => void }) {
  const r = line.review;
  const [open, setOpen] = useState(false);
  const [talkOn, setTalkOn] = useState(parkToday());
  const [talkBy, setTalkBy] = useState('');
  const [talkNote, setTalkNote] = useState('');
  const [error, setError] = useState('');
  const closed = !!r?.closed;
  const guard = (fn: () => Promise<unknown>, done: string) => async () => {
    setError('');
    try {
      await fn();
      void Taro.showToast({ title: done, icon: 'success' });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const grade = useSubmit(async (key: (typeof FIELDS)[number]['key'], g: Grade) => guard(() => call('party', 'setReview', { memberId: line.memberId, year, ...({ [key]: g } as Partial<Record<(typeof FIELDS)[number]['key'], Grade>>) }), '已保存')());
  const talk = useSubmit(async () => {
    if (!talkBy.trim() || talkNote.trim().length < 2) return setError('请填写谈话人和谈话内容。');
    return guard(() => call('party', 'setWarningTalk', { memberId: line.memberId, year, on: talkOn, by: talkBy.trim(), note: talkNote.trim() }), '已登记')();
  });
  const close = useSubmit(guard(() => call('party', 'closeReview', { memberId: line.memberId, year }), '已结束评议'));
  const needsTalk = r?.result === '基本合格' || r?.result === '不合格';
  const st = STATUS[line.status];
  return (
    <View className="rp-card">
      <View className="rp-between" onClick={() => setOpen(!open)}>
        <Text className="rp-name">{line.name}</Text>
        <Text className={`bw-tag bw-tag--${st.tone}`}>{st.label}</Text>
      </View>
      <Text className="rp-muted rp-line">
        {r ? FIELDS.map((f) => `${f.label.replace('评议', '')}：${r[f.key] ?? '—'}`).join(' · ') : '尚未评议'}
        {r?.talk ? ` · 已于 ${r.talk.on} 警示谈话` : ''}
      </Text>
      {!closed && !open && (
        <View className="bw-row-actions">
          <Button className="rp-grow" size="large" onClick={() => setOpen(true)}>
            填写评议
          </Button>
        </View>
      )}
      {!closed && open && (
        <>
          {FIELDS.map((f) => (
            <PickChips key={f.key} label={f.label} items={GRADES.map((g) => ({ value: g, label: g, disabled: grade.loading }))} selected={r?.[f.key] ?? null} onPick={(g) => void grade.run(f.key, g)} />
          ))}
          {needsTalk && (
            <>
              <Text className="rp-label">警示谈话{r?.talk ? `（已登记：${r.talk.on} ${r.talk.by}）` : ''}</Text>
              <DateRow title="谈话日期" value={talkOn} start={`${year}-01-01`} end={parkToday()} onChange={setTalkOn} />
              <TextBox label="谈话人" value={talkBy} onChange={setTalkBy} maxLength={20} placeholder="例如 王书记" />
              <TextBox label="谈话内容" value={talkNote} onChange={setTalkNote} maxLength={500} multiline placeholder="指出的问题与整改要求" />
              <View className="bw-row-actions">
                <Button className="rp-grow" size="large" loading={talk.loading} onClick={() => void talk.run()}>
                  登记警示谈话
                </Button>
              </View>
            </>
          )}
          {r?.problem ? <Text className="rp-muted rp-line">{r.problem}</Text> : null}
          <View className="bw-row-actions">
            <Button className="rp-grow" type="primary" size="large" disabled={!r || !!r.problem} loading={close.loading} onClick={() => void close.run()}>
              结束评议
            </Button>
          </View>
        </>
      )}
      {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
    </View>
  );
}
