import { PickChips } from '../../../components/PickChips';
import { parkToday } from './shared';

/** The park's current year. */
export const parkYear = (now = Date.now()) => Number(parkToday(now).slice(0, 4));

/** This year and the four before it, as chips (an annual review is entered at year end or early next year). */
export function YearPicker(p: { value: number; onPick: (y: number) => void }) {
  const y = parkYear();
  const items = [0, 1, 2, 3, 4].map((i) => ({ value: y - i, label: `${y - i}年度` }));
  return <PickChips label="年度" items={items} selected={p.value} onPick={p.onPick} scroll />;
}
