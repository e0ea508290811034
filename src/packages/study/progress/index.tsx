import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { fmtRange } from '../../../domain/appointment';
import { streakText } from '../../../domain/study';
import { Figure } from '../components/Figure';
import { LearningHoursCard } from '../components/LearningHoursCard';
import '../study.scss';

/**
 * The member's own year of study — no ranking, no "study time": what was read and written,
 * quiz results, Party lectures attended, a streak that forgives a missed week, and the 集中学习
 * 学时 counted from attended, code-verified sessions against the 条例's 32 (56) a year.
 */
export default function Progress() {
  const data = useRemote(() => call('study', 'myProgress', {}));
  useReturnReload(() => data.reload());
  const d = data.data;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={data.loading && !d} error={data.error} onRetry={() => void data.reload()} rows={6}>
          {d && (
            <>
              <View className="rp-card">
                <Text className="rp-title">{d.year}年我的学习</Text>
                <Text className="rp-text st-line">{streakText(d.streak)}</Text>
                <View className="st-figures">
                  <Figure value={d.materialsRead} label="学习资料" />
                  <Figure value={d.recordsWritten} label="自学记录" />
                  <Figure value={d.lecturesAttended} label="大党课出勤" />
                </View>
                <Text className="rp-muted st-line">这些记录只有您自己能看到。</Text>
              </View>

              <LearningHoursCard />

              <Text className="rp-section-title">知识竞赛</Text>
              <StateView loading={false} empty={d.quizzes.length === 0} emptyTitle="今年还没有参加竞赛" emptyText="在“党建知识竞赛”中答题，成绩会显示在这里。">
                <View className="rp-card">
                  {d.quizzes.map((q) => (
                    <View key={q.quizId} className="st-between st-link">
                      <View className="rp-grow">
                        <Text className="st-name">{q.title}</Text>
                        <Text className="rp-muted st-line">作答 {q.attempts} 次</Text>
                      </View>
                      <Text className="st-tag st-tag--active">最好 {q.bestScore} 分</Text>
                    </View>
                  ))}
                </View>
              </StateView>

              <Text className="rp-section-title">大党课</Text>
              <StateView loading={false} empty={d.lectures.length === 0} emptyTitle="今年暂无大党课安排" emptyText="党课通知发布后会在这里显示，现场扫描大屏签到码即计出勤。">
                <View className="rp-card">
                  {d.lectures.map((l) => (
                    <View key={l.id} className="st-between st-link">
                      <View className="rp-grow">
                        <Text className="st-name">{l.title}</Text>
                        <Text className="rp-muted st-line">{fmtRange(l.startAt, l.endAt)} · {l.place}</Text>
                      </View>
                      <Text className={`st-tag ${l.attended ? 'st-tag--done' : l.past ? 'st-tag--ended' : 'st-tag--wait'}`}>{l.attended ? '已出勤' : l.past ? '未签到' : '待参加'}</Text>
                    </View>
                  ))}
                </View>
              </StateView>
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
