import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { call } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { fmtDeadline } from '../../../domain/study';
import { go } from '../../../utils/nav';
import { QUIZ_STATE } from '../components/QuizState';
import '../study.scss';

/** The quizzes a member can take, with their own attempts and best score (their own only). */
export default function Quizzes() {
  const list = useRemote(() => call('study', 'listQuizzes', {}));
  useReturnReload(() => list.reload());
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title st-head">党建知识竞赛</Text>
          <Text className="rp-text">每次从题库随机抽题、限时作答，交卷后可以看到每道题的正确答案和解析。成绩只有您自己能看到。</Text>
        </View>
        <StateView loading={list.loading && !list.data} error={list.error} onRetry={() => void list.reload()} empty={list.data?.length === 0} emptyTitle="暂无竞赛" emptyText="支部或党群服务中心发布竞赛后会在这里显示。">
          {list.data?.map((q) => (
            <View key={q.id} className="rp-card st-link" hoverClass="st-pressed" onClick={() => go(`${ROUTES.studyQuiz}?id=${q.id}`)}>
              <View className="st-between">
                <Text className="st-name">{q.title}</Text>
                <Text className={`st-tag ${QUIZ_STATE[q.state].tone}`}>{QUIZ_STATE[q.state].label}</Text>
              </View>
              <Text className="rp-text st-line">
                每次 {q.questionCount} 题 · 限时 {Math.round(q.timeLimitSeconds / 60)} 分钟 · 可答 {q.maxAttempts} 次
              </Text>
              <Text className="rp-muted st-line">
                {q.attemptsUsed ? `已答 ${q.attemptsUsed} 次${q.bestScore !== null ? `，最好成绩 ${q.bestScore} 分` : ''}` : '还没有作答'} · 截止 {fmtDeadline(q.closesAt)}
              </Text>
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
