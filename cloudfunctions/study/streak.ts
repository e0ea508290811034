/**
 * The study streak ("points without pressure"): consecutive park weeks with any study activity
 * (a material read, a record written, a quiz submitted, a lecture attended).
 *
 * It forgives: one week without study between two study weeks neither breaks the streak nor
 * counts in it; two missed weeks in a row end it. The current week never breaks it (it is not
 * over yet), so nobody sees their streak "lost" on a Monday morning. Nothing here is compared
 * between people — the number is shown to its owner only.
 */
import { addWeeks } from './calendar';

export interface Streak {
  /** Study weeks in the current run. */
  weeks: number;
  /** Whether the current week already has study in it. */
  thisWeek: boolean;
  /** Missed weeks the current run has forgiven. */
  forgiven: number;
}

export function studyStreak(activeWeeks: Iterable<string>, currentWeek: string): Streak {
  const active = new Set(activeWeeks);
  const thisWeek = active.has(currentWeek);
  let weeks = thisWeek ? 1 : 0;
  let forgiven = 0;
  let gap = 0;
  // Walk back from last week; stop at the second missed week in a row.
  let w = addWeeks(currentWeek, -1);
  // A bound keeps a corrupt set from looping for ever: ten years of weeks.
  for (let i = 0; i < 520; i++, w = addWeeks(w, -1)) {
    if (active.has(w)) {
      if (gap === 1) forgiven += 1;
      weeks += 1;
      gap = 0;
      continue;
    }
    gap += 1;
    if (gap >= 2) break;
  }
  return { weeks, thisWeek, forgiven };
}
