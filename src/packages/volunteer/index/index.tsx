import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Switch } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { ActivityCard } from '../components/ActivityCard';
import { Pills } from '../components/Pills';
import '../volunteer.scss';

/** 志愿服务: upcoming activities first, filtered by team and by 我能报名; past ones on their own tab. */
export default function VolunteerHome() {
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  const [scope, setScope] = useState<'upcoming' | 'past'>('upcoming');
  const [teamId, setTeamId] = useState('');
  const [canSignUp, setCanSignUp] = useState(false);
  const teams = useRemote(() => call('volunteer', 'listTeams', {}));
  const list = useRemote(
    () => call('volunteer', 'listActivities', { scope, canSignUp: scope === 'upcoming' && canSignUp, ...(teamId ? { teamId } : {}) }),
    [scope, teamId, canSignUp],
  );
  useDidShow(() => void list.reload());
  usePullDownRefresh(() => {
    void list.reload().then(() => Taro.stopPullDownRefresh());
  });

  const teamOptions = [{ value: '', label: '全部服务队' }, ...(teams.data ?? []).map((t) => ({ value: t.id, label: t.name }))];

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title vo-head">志愿服务</Text>
          <Text className="rp-text">园区志愿服务队开展送党课、送培训、送服务、科普、科技扶贫等活动，欢迎报名参加，签到签退自动记录志愿时长。</Text>
        </View>
        <ListCard>
          <ListRow title="我的报名" description="已报名、候补中和参加过的活动" onClick={() => go(ROUTES.volMine)} />
          <ListRow title="我的志愿时长" description="累计时长与每次活动记录" onClick={() => go(ROUTES.volHours)} />
          <ListRow title="志愿时长排行" description="各服务队与队员的志愿时长" onClick={() => go(ROUTES.volRanking)} />
          <ListRow title="时长证明" description="生成带验证码的证明，或核验别人的证明" onClick={() => go(ROUTES.volCertificate)} />
          {isAdmin ? <ListRow title="发布志愿活动" description="填写时间、地点、名额和报名条件" onClick={() => go(ROUTES.volEdit)} /> : null}
          {isAdmin ? <ListRow title="待确认时长" description="缺少签退记录的志愿者，请确认或修改" onClick={() => go(ROUTES.volPending)} /> : null}
        </ListCard>

        <Pills
          options={[{ value: 'upcoming', label: '即将开始' }, { value: 'past', label: '往期活动' }]}
          value={scope}
          onChange={setScope}
        />
        {teams.data && teams.data.length > 0 ? <Pills options={teamOptions} value={teamId} onChange={setTeamId} /> : null}
        {scope === 'upcoming' ? (
          <View className="rp-card vo-between">
            <Text className="rp-text">只看我能报名的活动</Text>
            <Switch checked={canSignUp} onChange={(v) => setCanSignUp(v)} aria-label="我能报名" />
          </View>
        ) : null}

        <StateView
          loading={list.loading && !list.data}
          error={list.error}
          empty={list.data?.length === 0}
          emptyTitle={scope === 'upcoming' ? '暂无可参加的活动' : '暂无往期活动'}
          emptyText={canSignUp ? '可以关闭“只看我能报名的活动”查看全部' : '新的活动发布后会显示在这里'}
          onRetry={() => void list.reload()}
        >
          {list.data?.map((a) => <ActivityCard key={a.id} a={a} />)}
        </StateView>
      </View>
    </PageShell>
  );
}
