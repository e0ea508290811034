import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useResource } from '../../../hooks/useResource';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { ROUTES } from '../../../domain/routes';
import { parkDayAfter } from '../../../domain/study';
import { TextBox } from '../../../components/TextBox';
import { PickChips } from '../../../components/PickChips';
import { ListRow } from '../../../components/ListRow';
import { fmtDay } from '../../../domain/appointment';
import '../study.scss';

const PARK_WIDE = '__park__';

/** Sets up a 党建知识竞赛 drawing from the 党章和党的基本知识 bank: park-wide (admins) or for a group one runs. */
export default function QuizEdit() {
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  const home = useRemote(() => call('study', 'home', {}));
  const [scope, setScope] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [count, setCount] = useState('10');
  const [minutes, setMinutes] = useState('10');
  const [attempts, setAttempts] = useState('3');
  const [opensOn, setOpensOn] = useState(parkDayAfter(0));
  const [closesOn, setClosesOn] = useState(parkDayAfter(30));
  const [error, setError] = useState('');

  const scopes = [...(isAdmin ? [{ value: PARK_WIDE, label: '全园区党员' }] : []), ...(home.data?.groups ?? []).filter((g) => g.manager).map((g) => ({ value: g.id, label: g.name }))];

  const save = useSubmit(async () => {
    if (!scope) {
      setError('请选择竞赛面向的范围。');
      return;
    }
    setError('');
    try {
      const q = await call('study', 'upsertQuiz', {
        title: title.trim(),
        description: description.trim(),
        groupId: scope === PARK_WIDE ? null : scope,
        questionCount: Number(count) || 0,
        timeLimitMinutes: Number(minutes) || 0,
        maxAttempts: Number(attempts) || 0,
        opensOn: opensOn.trim(),
        closesOn: closesOn.trim(),
      });
      void Taro.redirectTo({ url: `${ROUTES.studyQuiz}?id=${q.id}` });
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={home.loading && !home.data} error={home.error} onRetry={() => void home.reload()}>
          <View className="rp-card">
            <Text className="rp-title st-head">设置知识竞赛</Text>
            <Text className="rp-muted">题目从“党章和党的基本知识”题库随机抽取，答案在交卷后由系统判分并显示解析。</Text>
            <PickChips label="面向范围" items={scopes} selected={scope} onPick={setScope} />
            <TextBox label="竞赛名称" value={title} onChange={setTitle} placeholder="如：党章党规知识竞赛" maxLength={40} />
            <TextBox label="说明（选填）" multiline value={description} onChange={setDescription} maxLength={300} />
            <TextBox label="每次抽题数量（3–50）" type="number" value={count} onChange={setCount} maxLength={2} />
            <TextBox label="限时（分钟）" type="number" value={minutes} onChange={setMinutes} maxLength={3} />
            <TextBox label="每人可作答次数" type="number" value={attempts} onChange={setAttempts} maxLength={2} />
            {/* Pickers, as on the org-life form (G-22: typed dates were easy to get wrong); they give the YYYY-MM-DD the server reads. */}
            <View className="st-pickers">
              <Picker mode="date" value={opensOn} onChange={(e) => setOpensOn(String(e.detail.value))}>
                <ListRow title="开始日期" extra={fmtDay(`${opensOn}T12:00:00+08:00`)} onClick={() => undefined} />
              </Picker>
              <Picker mode="date" value={closesOn} start={opensOn} onChange={(e) => setClosesOn(String(e.detail.value))}>
                <ListRow title="结束日期" extra={fmtDay(`${closesOn}T12:00:00+08:00`)} onClick={() => undefined} />
              </Picker>
            </View>
            {error ? <Text className="rp-error-text st-line">{error}</Text> : null}
            <View className="rp-actions">
              <Button type="primary" size="large" block loading={save.loading} onClick={() => void save.run()}>
                {save.loading ? '正在保存…' : '发布竞赛'}
              </Button>
            </View>
          </View>
        </StateView>
      </View>
    </PageShell>
  );
}
