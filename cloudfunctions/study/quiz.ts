/**
 * Grading of 党建知识竞赛 attempts. Pure, so the rules are unit-tested:
 *  - a single-choice or true/false question is right when the one chosen option is the answer;
 *  - a multiple-choice question is right only when exactly the right options are chosen
 *    (少选、错选均不得分, the usual rule of Party knowledge contests);
 *  - an unanswered question is wrong; every question weighs the same; the score is 0–100.
 */
import { randomInt } from 'crypto';
import type { QuizQuestionType } from './docs';

export interface GradableQuestion {
  id: string;
  type: QuizQuestionType;
  options: string[];
  answer: number[];
}

export const TYPE_LABEL: Record<QuizQuestionType, string> = { single: '单选题', multiple: '多选题', judge: '判断题' };

/** The chosen options as a sorted set of valid indexes; null when the choice is not allowed for the type. */
export function normaliseChoice(q: Pick<GradableQuestion, 'type' | 'options'>, choice: readonly number[]): number[] | null {
  const set = [...new Set(choice)].sort((a, b) => a - b);
  if (set.some((i) => !Number.isInteger(i) || i < 0 || i >= q.options.length)) return null;
  if (q.type !== 'multiple' && set.length > 1) return null;
  return set;
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export interface Graded {
  items: { id: string; choice: number[]; correct: boolean }[];
  correct: number;
  total: number;
  score: number;
}

/** Grades `answers` against `questions` in the attempt's order; unknown question ids are ignored. */
export function grade(questions: GradableQuestion[], answers: { questionId: string; choice: number[] }[]): Graded {
  const given = new Map(answers.map((a) => [a.questionId, a.choice]));
  const items = questions.map((q) => {
    const choice = normaliseChoice(q, given.get(q.id) ?? []) ?? [];
    const key = [...q.answer].sort((a, b) => a - b);
    return { id: q.id, choice, correct: choice.length > 0 && same(choice, key) };
  });
  const correct = items.filter((i) => i.correct).length;
  const total = questions.length;
  return { items, correct, total, score: total ? Math.round((correct / total) * 100) : 0 };
}

/** Checks a bank question is well-formed (used by upsertQuestion and the seed's own test). */
export function questionProblem(q: Pick<GradableQuestion, 'type' | 'options' | 'answer'>): string | null {
  if (q.type === 'judge' && (q.options.length !== 2 || q.options[0] !== '正确' || q.options[1] !== '错误')) return '判断题的选项应为“正确”“错误”';
  if (q.type !== 'judge' && (q.options.length < 2 || q.options.length > 6)) return '选择题需要 2–6 个选项';
  if (new Set(q.options.map((o) => o.trim())).size !== q.options.length) return '选项不能重复';
  const key = normaliseChoice({ type: 'multiple', options: q.options }, q.answer);
  if (!key || key.length === 0) return '请设置正确答案';
  if (q.type !== 'multiple' && key.length !== 1) return '单选题和判断题只能有一个正确答案';
  if (q.type === 'multiple' && key.length < 2) return '多选题至少有两个正确答案';
  return null;
}

/** `n` distinct ids at random, uniformly (a partial Fisher–Yates shuffle with a CSPRNG). */
export function drawIds(ids: readonly string[], n: number, rand: (max: number) => number = randomInt): string[] {
  const a = [...ids];
  const k = Math.min(n, a.length);
  for (let i = 0; i < k; i++) {
    const j = i + rand(a.length - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}
