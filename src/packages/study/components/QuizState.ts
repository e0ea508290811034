/** How a quiz's state and the caller's own attempts read in a list or on its page. */
export const QUIZ_STATE: Record<'upcoming' | 'open' | 'closed', { label: string; tone: string }> = {
  upcoming: { label: '未开始', tone: 'st-tag--ended' },
  open: { label: '进行中', tone: 'st-tag--active' },
  closed: { label: '已结束', tone: 'st-tag--ended' },
};
