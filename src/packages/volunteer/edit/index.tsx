import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { Field } from '../../../components/Field';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { dayKey, fmtTime } from '../../../domain/appointment';
import { activityParams, type ActivityForm } from '../../../domain/volunteer';
import { ROUTES } from '../../../domain/routes';
import { toast } from '../../../utils/nav';
import { Pills } from '../components/Pills';
import '../volunteer.scss';

const CATEGORIES = ['送党课', '送培训', '送服务', '科普', '科技扶贫', '其他'].map((c) => ({ value: c, label: c }));
const stamp = (at: string | Date) => `${dayKey(at)} ${fmtTime(at)}`;

const EMPTY: ActivityForm = {
  title: '', description: '', category: '送服务', tags: '', teamId: '', place: '',
  date: dayKey(Date.now() + 7 * 86400_000), start: '14:00', end: '16:00', capacity: '20', eligibility: 'all',
  signupClosesAt: '', cancelClosesAt: '',
};

/** Admin publishes an activity (no id) or edits one (`?id=`). */
export default function EditActivity() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const teams = useRemote(() => call('volunteer', 'listTeams', {}));
  const current = useRemote(() => (id ? call('volunteer', 'getActivity', { id }) : Promise.resolve(null)), [id]);
  const [f, setF] = useState<ActivityForm>(EMPTY);
  const [error, setError] = useState('');
  const [newTeam, setNewTeam] = useState('');
  const set = (k: keyof ActivityForm) => (v: string) => setF((x) => ({ ...x, [k]: v }));

  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑志愿活动' });
  }, [id]);
  useEffect(() => {
    const a = current.data;
    if (a) {
      setF({
        title: a.title, description: a.description, category: a.category, tags: a.tags.join('、'), teamId: a.teamId, place: a.place,
        date: dayKey(a.startAt), start: fmtTime(a.startAt), end: fmtTime(a.endAt), capacity: String(a.capacity), eligibility: a.eligibility,
        signupClosesAt: stamp(a.signupClosesAt), cancelClosesAt: stamp(a.cancelClosesAt),
      });
    } else if (!id && teams.data?.length && !f.teamId) {
      setF((x) => ({ ...x, teamId: teams.data![0].id }));
    }
  }, [current.data, teams.data]);

  const save = useSubmit(async () => {
    setError('');
    const { params: p, error: problem } = activityParams(f);
    if (!p) return setError(problem ?? '');
    try {
      const saved = id
        ? await call('volunteer', 'updateActivity', { id, ...(p as object) } as never)
        : await call('volunteer', 'createActivity', p as never);
      toast(id ? '已保存' : '活动已发布');
      void Taro.redirectTo({ url: `${ROUTES.volDetail}?id=${(saved as { id: string }).id}` });
    } catch (e) {
      setError(errorMessage(e));
    }
  });
  const addTeam = useSubmit(async () => {
    try {
      const t = await call('volunteer', 'createTeam', { name: newTeam.trim() });
      setNewTeam('');
      await teams.reload();
      setF((x) => ({ ...x, teamId: t.id }));
      toast('已添加服务队');
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={(teams.loading && !teams.data) || (!!id && current.loading && !current.data)} error={teams.error || current.error} onRetry={() => { void teams.reload(); void current.reload(); }}>
          <View className="rp-card">
            <Field label="活动名称" required value={f.title} onChange={set('title')} maxLength={40} placeholder="例如：送党课进企业" />
            <Text className="vo-form-label">活动类别</Text>
            <Pills options={CATEGORIES} value={f.category} onChange={set('category')} />
            <Text className="vo-form-label">志愿服务队</Text>
            <Pills options={(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))} value={f.teamId} onChange={set('teamId')} />
            <Field label="活动地点" required value={f.place} onChange={set('place')} maxLength={60} placeholder="例如：党群服务中心大厅" />
            <Field label="活动日期" required value={f.date} onChange={set('date')} maxLength={10} hint="格式 2026-12-01" />
            <Field label="开始时间" required value={f.start} onChange={set('start')} maxLength={5} hint="格式 14:00" />
            <Field label="结束时间" required value={f.end} onChange={set('end')} maxLength={5} hint="早于开始时间表示跨夜到次日" />
            <Field label="名额" required type="number" value={f.capacity} onChange={set('capacity')} maxLength={4} hint="名额满后可报名候补，有人取消时自动递补" />
            <Text className="vo-form-label">报名条件</Text>
            <Pills options={[{ value: 'all', label: '所有人' }, { value: 'members', label: '仅限党员' }]} value={f.eligibility} onChange={(v) => setF((x) => ({ ...x, eligibility: v }))} />
            <Field label="报名截止（选填）" value={f.signupClosesAt} onChange={set('signupClosesAt')} maxLength={16} hint="格式 2026-12-01 12:00；不填则截止到活动开始" />
            <Field label="取消截止（选填）" value={f.cancelClosesAt} onChange={set('cancelClosesAt')} maxLength={16} hint="不填则为活动开始前 2 小时" />
            <Field label="标签（选填）" value={f.tags} onChange={set('tags')} maxLength={60} hint="用顿号或空格分隔，最多 5 个" />
            <Text className="vo-form-label">活动介绍</Text>
            <Textarea className="vo-textarea" value={f.description} maxlength={1000} placeholder="活动内容、志愿者分工、注意事项" onInput={(e) => set('description')(e.detail.value)} />
          </View>
          {error ? <Text className="rp-error-text vo-line">{error}</Text> : null}
          <View className="rp-actions">
            <Button type="primary" size="large" block loading={save.loading} onClick={() => void save.run()}>
              {id ? '保存修改' : '发布活动'}
            </Button>
          </View>
          {!id ? (
            <View className="rp-card">
              <Text className="rp-section-title">新建志愿服务队</Text>
              <Field label="服务队名称" value={newTeam} onChange={setNewTeam} maxLength={30} placeholder="例如：园之帆志愿服务队" />
              <View className="rp-actions">
                <Button size="large" block disabled={newTeam.trim().length < 2} loading={addTeam.loading} onClick={() => void addTeam.run()}>添加服务队</Button>
              </View>
            </View>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
