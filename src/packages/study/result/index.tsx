import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { letters, OPTION_LETTERS } from '../../../domain/study';
import '../study.scss';

/** An attempt's result: the score, then every question with the right answer, the person's choice and why. */
export default function QuizResult() {
  const attemptId = decodeURIComponent(useRouter().params.attemptId ?? '');
  const data = useRemote(() => call('study', 'getAttempt', { attemptId }), [attemptId]);
  const d = data.data;
  const r = d && d.status !== 'answering' ? d : null;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={data.loading && !d} error={data.error} onRetry={() => void data.reload()} rows={6}>
          {d?.status === 'answering' && (
            <View className="rp-card">
              <Text className="rp-text">这次作答还在进行中。</Text>
              <View className="rp-actions">
                <Button type="primary" size="large" block onClick={() => void Taro.redirectTo({ url: `${ROUTES.studyQuiz}?id=${d.quiz.id}` })}>
                  继续答题
                </Button>
              </View>
            </View>
          )}
          {r && (
            <>
              <View className="rp-card">
                <Text className="rp-muted">{r.quiz.title} · 第 {r.attemptNo} 次</Text>
                {r.status === 'submitted' ? (
                  <>
                    <Text className="st-score">{r.score}</Text>
                    <Text className="rp-text st-line st-center">
                      答对 {r.correct} / {r.total} 题
                    </Text>
                  </>
                ) : (
                  <Text className="rp-title st-line">超时未交卷，本次不计成绩</Text>
                )}
                <Text className="rp-muted st-line">下面是每道题的正确答案和解析，错题可以多看两遍。</Text>
                {r.attemptsLeft > 0 && r.quiz.state === 'open' ? (
                  <View className="rp-actions">
                    <Button size="large" block onClick={() => void Taro.redirectTo({ url: `${ROUTES.studyQuiz}?id=${r.quiz.id}` })}>
                      再答一次（还可答 {r.attemptsLeft} 次）
                    </Button>
                  </View>
                ) : null}
              </View>
              {r.questions.map((q, n) => (
                <View key={q.id} className="rp-card">
                  <View className="st-between">
                    <Text className="rp-muted">
                      {n + 1}. {q.typeLabel}
                    </Text>
                    <Text className={`st-tag ${q.correct ? 'st-tag--done' : 'st-tag--active'}`}>{q.correct ? '答对' : '答错'}</Text>
                  </View>
                  <Text className="st-question__stem">{q.stem}</Text>
                  {q.options.map((o, i) => {
                    const right = q.answer.includes(i);
                    const chosen = q.choice.includes(i);
                    return (
                      <View key={i} className={`st-option ${right ? 'st-option--right' : chosen ? 'st-option--wrong' : ''}`}>
                        <View className="st-option__letter">{OPTION_LETTERS[i]}</View>
                        <Text className="rp-grow">{o}</Text>
                        {right ? <Text className="st-tag st-tag--done">正确答案</Text> : chosen ? <Text className="st-tag st-tag--active">您的选择</Text> : null}
                      </View>
                    );
                  })}
                  <Text className="rp-muted st-line">
                    正确答案：{letters(q.answer)} · 您的答案：{letters(q.choice)}
                  </Text>
                  <Text className="st-explain">解析：{q.explanation}</Text>
                </View>
              ))}
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
