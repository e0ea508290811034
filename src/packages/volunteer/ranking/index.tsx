import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { Pills } from '../components/Pills';
import '../volunteer.scss';

/** Teams ranked by volunteer hours, and the chosen team's volunteers ranked by hours. */
export default function Ranking() {
  const [teamId, setTeamId] = useState('');
  const r = useRemote(() => call('volunteer', 'teamRanking', teamId ? { teamId } : {}), [teamId]);
  const d = r.data;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={r.loading && !d} error={!d ? r.error : undefined} onRetry={() => void r.reload()} rows={5}>
          {d && (
            <>
              <Text className="rp-section-title">服务队志愿时长</Text>
              {d.teams.map((t, i) => (
                <View key={t.id} className="rp-card rp-row">
                  <Text className="vo-rank">{i + 1}</Text>
                  <View className="rp-grow">
                    <Text className="vo-name">{t.name}</Text>
                    <Text className="rp-muted vo-line">{t.people} 名志愿者 · 累计 {t.label}</Text>
                  </View>
                </View>
              ))}
              <Text className="rp-section-title">队员志愿时长</Text>
              <Pills options={d.teams.map((t) => ({ value: t.id, label: t.name }))} value={d.teamId ?? ''} onChange={setTeamId} />
              <StateView loading={r.loading} empty={d.volunteers.length === 0} emptyTitle="暂无时长记录" emptyText="队员参加活动签到签退后会出现在这里">
                {d.volunteers.map((v) => (
                  <View key={v.rank} className={`rp-card rp-row ${v.isMe ? 'vo-me' : ''}`}>
                    <Text className="vo-rank">{v.rank}</Text>
                    <View className="rp-grow">
                      <Text className="vo-name">{v.name}{v.isMe ? '（我）' : ''}</Text>
                      <Text className="rp-muted vo-line">参加 {v.activities} 次</Text>
                    </View>
                    <Text className="vo-tag vo-tag--done">{v.label}</Text>
                  </View>
                ))}
              </StateView>
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
