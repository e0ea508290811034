import { messageTime } from './messages';

test('message_times_read_like_a_chat_list', () => {
  const now = new Date(2026, 10, 23, 15, 0);
  expect(messageTime(new Date(2026, 10, 23, 14, 59, 30).toISOString(), now)).toBe('刚刚');
  expect(messageTime(new Date(2026, 10, 23, 9, 5).toISOString(), now)).toBe('09:05');
  expect(messageTime(new Date(2026, 10, 20, 9, 30).toISOString(), now)).toBe('11月20日 09:30');
  expect(messageTime(new Date(2025, 0, 2, 9, 30).toISOString(), now)).toBe('2025年1月2日');
});
