/**
 * Pure helpers of the 党员学习 pages (no Taro, unit-tested): how a month's standing, a record's
 * length, a quiz countdown and a streak are worded, how a choice toggles, and where a shared
 * card's group proof comes from. Wording stays encouraging and personal — nothing here
 * compares one person with another.
 */
import { charCount } from '../../cloudfunctions/study/text';
import { parkParts } from './appointment';
import type { MaterialKind } from './studyOpen';

export { charCount };
export { standingText, type Standing } from './studyStanding';
export * from './studyOpen';

/** '还差 23 字' or '' once the minimum is reached. */
export function recordShortfall(text: string, min: number): string {
  const n = charCount(text);
  return n >= min ? '' : `还差 ${min - n} 字`;
}

/** '12:05' minutes and seconds left (never negative). */
export function countdown(deadlineMs: number, nowMs: number): string {
  const left = Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
  return `${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`;
}

/**
 * The device's clock may be wrong: the deadline is shown relative to the server's `serverNow`
 * at the time of the reply, i.e. as an offset added to the device clock.
 */
export function clockSkew(serverNowIso: string, deviceNowMs: number): number {
  const t = new Date(serverNowIso).getTime();
  return Number.isNaN(t) ? 0 : t - deviceNowMs;
}

/** Tapping option `i`: single/judge replace the choice, multiple toggles it. */
export function toggleChoice(type: 'single' | 'multiple' | 'judge', current: readonly number[], i: number): number[] {
  if (type !== 'multiple') return [i];
  return current.includes(i) ? current.filter((x) => x !== i) : [...current, i].sort((a, b) => a - b);
}

export function unanswered(questions: readonly { id: string }[], answers: Record<string, number[]>): number {
  return questions.filter((q) => !(answers[q.id]?.length > 0)).length;
}

export const OPTION_LETTERS = 'ABCDEFGHIJ';
/** 'A、C' for a set of option indexes. */
export function letters(choice: readonly number[]): string {
  return choice.length ? choice.map((i) => OPTION_LETTERS[i] ?? '?').join('、') : '未作答';
}

export interface StreakView {
  weeks: number;
  thisWeek: boolean;
  forgiven: number;
}

/** A warm sentence about the person's own streak. */
export function streakText(s: StreakView): string {
  if (s.weeks === 0) return '本周学一点，就从这里开始。';
  const base = `已连续学习 ${s.weeks} 周`;
  if (!s.thisWeek) return `${base}，本周还没有学习记录，有空时学一点就能接上。`;
  return s.forgiven > 0 ? `${base}（中间有一周没学也没关系，已为您接上）。` : `${base}，继续保持。`;
}

export const MATERIAL_KIND: Record<MaterialKind, { label: string; glyph: string }> = {
  text: { label: '图文', glyph: '文' },
  link: { label: '链接', glyph: '链' },
  video: { label: '视频', glyph: '视' },
  channels: { label: '视频号', glyph: '号' },
};

/** '11月30日 24:00' for a deadline instant at midnight (the end of the previous day). */
export function fmtDeadline(at: string | Date): string {
  const p = parkParts(new Date(new Date(at).getTime() - 1));
  return `${p.month}月${p.day}日 24:00`;
}

/** 'YYYY-MM-DD' of today + n days in park time. */
export function parkDayAfter(n: number, now = Date.now()): string {
  const p = parkParts(now + n * 86400_000);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** 'YYYY-MM' of the park month `n` months after the one of `now`. */
export function parkMonthAfter(n: number, now = Date.now()): string {
  const p = parkParts(now);
  const k = p.year * 12 + (p.month - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/**
 * Where the proof of "opened in this chat" comes from on the join page: in WeChat the cloudID
 * of the launch (getGroupEnterInfo), in the local h5 demo the `chat` query parameter as the
 * gateway's test form. Null when the page was not opened from a chat.
 */
export function demoShare(chat: string | undefined): { cloudID: string } | null {
  return chat && /^[A-Za-z0-9_-]{4,128}$/.test(chat) ? { cloudID: `test:${chat}` } : null;
}

/** Scenes in which a mini-program is opened from a card in a group chat. */
export const CHAT_SCENES = [1008, 1044];

/**
 * The topic editor's warning before saving (findings G-11): a new material means everyone who had
 * finished the month must read it too, so they show as unfinished again. Null when nobody had
 * finished or no material is new (an edit of an existing one keeps its id and their marks).
 */
export function newMaterialWarning(finished: number, drafts: readonly { id?: string }[]): string | null {
  const added = drafts.filter((m) => !m.id).length;
  if (finished <= 0 || added === 0) return null;
  return `本月已有 ${finished} 人完成学习。新增 ${added} 份资料后，他们需读完新资料才算完成，将暂时显示为未完成。确定发布吗？`;
}

/**
 * The branches offered on 创建学习小组: what `org.listOrgBranches` returns — every branch to an
 * admin, only the branches a secretary leads (G-22: all 21 were offered, another branch refused on
 * submit). The only one is chosen already; none leaves a hint instead of an empty row.
 */
export function groupBranchChoices(branches: readonly { id: string; name: string }[]): { items: { value: string; label: string }[]; preset: string | null; hint: string } {
  return {
    items: branches.map((b) => ({ value: b.id, label: b.name })),
    preset: branches.length === 1 ? branches[0].id : null,
    hint: branches.length === 0 ? '您目前没有担任书记的支部，可创建主题学习小组。' : '',
  };
}
