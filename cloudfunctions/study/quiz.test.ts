import { drawIds, grade, normaliseChoice, questionProblem, type GradableQuestion } from './quiz';

const qs: GradableQuestion[] = [
  { id: 'a', type: 'single', options: ['甲', '乙', '丙', '丁'], answer: [2] },
  { id: 'b', type: 'multiple', options: ['甲', '乙', '丙', '丁'], answer: [0, 1, 3] },
  { id: 'c', type: 'judge', options: ['正确', '错误'], answer: [1] },
  { id: 'd', type: 'single', options: ['甲', '乙'], answer: [0] },
];

describe('grade', () => {
  test('scores_right_answers_out_of_100_with_equal_weights', () => {
    const g = grade(qs, [
      { questionId: 'a', choice: [2] },
      { questionId: 'b', choice: [3, 1, 0] },
      { questionId: 'c', choice: [1] },
      { questionId: 'd', choice: [1] },
    ]);
    expect(g.items.map((i) => i.correct)).toEqual([true, true, true, false]);
    expect(g).toMatchObject({ correct: 3, total: 4, score: 75 });
  });

  test('a_multiple_choice_with_too_few_or_a_wrong_option_scores_nothing', () => {
    expect(grade([qs[1]], [{ questionId: 'b', choice: [0, 1] }]).score).toBe(0);
    expect(grade([qs[1]], [{ questionId: 'b', choice: [0, 1, 2, 3] }]).score).toBe(0);
  });

  test('unanswered_invalid_and_unknown_answers_are_wrong_not_errors', () => {
    const g = grade(qs, [
      { questionId: 'a', choice: [1, 2] },
      { questionId: 'c', choice: [7] },
      { questionId: 'zzz', choice: [0] },
    ]);
    expect(g).toMatchObject({ correct: 0, total: 4, score: 0 });
    expect(g.items[0].choice).toEqual([]);
  });

  test('scores_round_to_whole_points', () => {
    const three = qs.slice(0, 3);
    expect(grade(three, [{ questionId: 'a', choice: [2] }]).score).toBe(33);
    expect(grade(three, [{ questionId: 'a', choice: [2] }, { questionId: 'c', choice: [1] }]).score).toBe(67);
  });
});

describe('question checks', () => {
  test('normalise_sorts_dedupes_and_refuses_out_of_range', () => {
    expect(normaliseChoice(qs[1], [3, 0, 3])).toEqual([0, 3]);
    expect(normaliseChoice(qs[0], [4])).toBeNull();
    expect(normaliseChoice(qs[0], [0, 1])).toBeNull();
  });

  test('bank_questions_need_a_consistent_answer_key', () => {
    expect(questionProblem(qs[0])).toBeNull();
    expect(questionProblem({ type: 'single', options: ['甲', '乙'], answer: [0, 1] })).not.toBeNull();
    expect(questionProblem({ type: 'multiple', options: ['甲', '乙', '丙'], answer: [1] })).not.toBeNull();
    expect(questionProblem({ type: 'judge', options: ['对', '错'], answer: [0] })).not.toBeNull();
    expect(questionProblem({ type: 'single', options: ['甲', '甲'], answer: [0] })).not.toBeNull();
  });
});

describe('drawIds', () => {
  const bank = Array.from({ length: 71 }, (_, i) => `q${i}`);

  test('draws_the_asked_number_of_distinct_questions_from_the_bank', () => {
    for (let round = 0; round < 200; round++) {
      const d = drawIds(bank, 10);
      expect(d).toHaveLength(10);
      expect(new Set(d).size).toBe(10);
      expect(d.every((id) => bank.includes(id))).toBe(true);
    }
    expect(drawIds(bank.slice(0, 3), 10).sort()).toEqual(['q0', 'q1', 'q2']);
  });

  test('every_question_can_be_drawn', () => {
    const seen = new Set<string>();
    for (let round = 0; round < 400; round++) drawIds(bank, 10).forEach((id) => seen.add(id));
    expect(seen.size).toBe(bank.length);
  });
});
