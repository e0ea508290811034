import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage, type Result } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { fmtStamp } from '../../../domain/appointment';
import { clockSkew, countdown, fmtDeadline, OPTION_LETTERS, toggleChoice, unanswered } from '../../../domain/study';
import { toast } from '../../../utils/nav';
import { QUIZ_STATE } from '../components/QuizState';
import '../study.scss';

type Paper = Result<'study', 'startAttempt'>;
type Answers = Record<string, number[]>;

/** Answers in progress survive closing the app (they never leave the device until 交卷). */
const draftKey = (attemptId: string) => `rp-quiz-draft:${attemptId}`;
function readDraft(attemptId: string): Answers {
  try {
    return (Taro.getStorageSync(draftKey(attemptId)) as Answers) || {};
  } catch {
    return {};
  }
}

/** A quiz: its rules and the caller's attempts, then the paper with a countdown set by the server. */
export default function Quiz() {
  const id = useRouter().params.id ?? '';
  const info = useRemote(() => call('study', 'getQuiz', { id }), [id]);
  const [paper, setPaper] = useState<Paper | null>(null);
  useReturnReload(() => {
    if (!paper) void info.reload();
  });

  const start = useSubmit(async () => {
    try {
      setPaper(await call('study', 'startAttempt', { quizId: id }));
    } catch (e) {
      toast(errorMessage(e));
      void info.reload();
    }
  });

  if (paper) return <Answering paper={paper} />;
  const d = info.data;
  const running = d?.attempts.find((a) => a.status === 'answering');
  const used = d?.attempts.length ?? 0;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={info.loading && !d} error={info.error} onRetry={() => void info.reload()} rows={5}>
          {d && (
            <>
              <View className="rp-card">
                <View className="st-between">
                  <Text className="rp-title">{d.quiz.title}</Text>
                  <Text className={`st-tag ${QUIZ_STATE[d.quiz.state].tone}`}>{QUIZ_STATE[d.quiz.state].label}</Text>
                </View>
                {d.quiz.description ? <Text className="rp-text st-line">{d.quiz.description}</Text> : null}
                <Text className="rp-text st-line">
                  每次随机 {d.quiz.questionCount} 题，限时 {Math.round(d.quiz.timeLimitSeconds / 60)} 分钟，每人可作答 {d.quiz.maxAttempts} 次（已用 {used} 次）。
                </Text>
                <Text className="rp-muted st-line">截止时间：{fmtDeadline(d.quiz.closesAt)}。计时从点击“开始答题”起，由系统统一计算，到时未交卷则本次作答不计成绩。</Text>
                {d.quiz.state === 'open' && (running || used < d.quiz.maxAttempts) ? (
                  <View className="rp-actions">
                    <Button type="primary" size="large" block loading={start.loading} onClick={() => void start.run()}>
                      {running ? '继续答题' : used ? '再答一次' : '开始答题'}
                    </Button>
                  </View>
                ) : null}
              </View>
              {d.attempts.length > 0 && (
                <>
                  <Text className="rp-section-title">我的作答</Text>
                  {d.attempts
                    .filter((a) => a.status !== 'answering')
                    .map((a) => (
                      <View key={a.attemptId} className="rp-card st-link st-between" hoverClass="st-pressed" onClick={() => void Taro.navigateTo({ url: `${ROUTES.studyResult}?attemptId=${encodeURIComponent(a.attemptId)}` })}>
                        <View>
                          <Text className="st-name">第 {a.attemptNo} 次</Text>
                          <Text className="rp-muted st-line">{fmtStamp(a.startedAt)} · {a.status === 'submitted' ? `答对 ${a.correct}/${a.total}` : '超时未交卷'}</Text>
                        </View>
                        <Text className="st-tag st-tag--active">{a.status === 'submitted' ? `${a.score} 分` : '看解析'}</Text>
                      </View>
                    ))}
                </>
              )}
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}

function Answering({ paper }: { paper: Paper }) {
  const [answers, setAnswers] = useState<Answers>(() => readDraft(paper.attemptId));
  // Deadline on the device's clock, corrected by the server's clock at the time of the reply.
  const skew = useRef(clockSkew(String(paper.serverNow), Date.now()));
  const deadline = new Date(paper.deadline).getTime() - skew.current;
  const [now, setNow] = useState(Date.now());
  const autoSent = useRef(false);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  useEffect(() => {
    Taro.setStorageSync(draftKey(paper.attemptId), answers);
  }, [answers]);

  const submit = useSubmit(async () => {
    try {
      await call('study', 'submitAttempt', { attemptId: paper.attemptId, answers: Object.entries(answers).map(([questionId, choice]) => ({ questionId, choice })) });
      Taro.removeStorageSync(draftKey(paper.attemptId));
    } catch (e) {
      // Already submitted (another tap or device) or too late: the result page says which.
      if (!(e instanceof ApiError && (e.code === 'CONFLICT' || e.code === 'CLOSED'))) {
        toast(errorMessage(e));
        return;
      }
      toast(errorMessage(e));
    }
    void Taro.redirectTo({ url: `${ROUTES.studyResult}?attemptId=${encodeURIComponent(paper.attemptId)}` });
  });

  // Time is up: hand in what is there (the server still accepts it for a few seconds).
  useEffect(() => {
    if (now >= deadline && !autoSent.current) {
      autoSent.current = true;
      void submit.run();
    }
  }, [now, deadline]);

  const ask = async () => {
    const left = unanswered(paper.questions, answers);
    const res = await Taro.showModal({
      title: '确认交卷',
      content: left ? `还有 ${left} 题没有作答，交卷后不能修改。确定交卷吗？` : '交卷后不能修改，确定交卷吗？',
      confirmText: '交卷',
      cancelText: '继续答题',
    });
    if (res.confirm) void submit.run();
  };

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <View className="st-timer">
          <Text>{paper.quiz.title} · 第 {paper.attemptNo} 次</Text>
          <Text className="st-timer__clock">{countdown(deadline, now)}</Text>
        </View>
        {paper.questions.map((q, n) => (
          <View key={q.id} className="rp-card st-question">
            <Text className="rp-muted">
              {n + 1}/{paper.questions.length} · {q.typeLabel}
            </Text>
            <Text className="st-question__stem">{q.stem}</Text>
            {q.options.map((o, i) => {
              const on = (answers[q.id] ?? []).includes(i);
              return (
                <View key={i} className={`st-option ${on ? 'st-option--on' : ''}`} onClick={() => setAnswers((a) => ({ ...a, [q.id]: toggleChoice(q.type, a[q.id] ?? [], i) }))}>
                  <View className="st-option__letter">{OPTION_LETTERS[i]}</View>
                  <Text className="rp-grow">{o}</Text>
                </View>
              );
            })}
          </View>
        ))}
        <View className="rp-card">
          <Text className="rp-muted">已答 {paper.questions.length - unanswered(paper.questions, answers)}/{paper.questions.length} 题</Text>
          <View className="rp-actions">
            <Button type="primary" size="large" block loading={submit.loading} onClick={() => void ask()}>
              {submit.loading ? '正在交卷…' : '交卷'}
            </Button>
          </View>
        </View>
      </View>
    </PageShell>
  );
}
