/**
 * Pure helpers of the room-booking pages (no Taro, unit-tested): choosing a period on the
 * half-hour grid by tapping its first and last cell.
 */
export interface GridSlot {
  start: string;
  state: 'free' | 'taken' | 'past';
}

/** '10:30' → '11:00' */
export function addHalfHour(hhmm: string): string {
  const m = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) + 30;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export interface Pick {
  /** First and last cell tapped ('HH:mm' starts), in order. */
  from: string | null;
  to: string | null;
}

/**
 * The next selection after tapping `cell`: the first tap picks one cell; a second tap extends to a
 * range; a tap on a chosen single cell or outside a range starts again. Only free cells count.
 */
export function tapCell(slots: readonly GridSlot[], pick: Pick, cell: string): Pick {
  const at = slots.find((s) => s.start === cell);
  if (!at || at.state !== 'free') return pick;
  if (!pick.from || pick.to !== pick.from) return { from: cell, to: cell };
  if (cell === pick.from) return { from: null, to: null };
  const [a, b] = cell < pick.from ? [cell, pick.from] : [pick.from, cell];
  return { from: a, to: b };
}

/** The chosen period ({ start, end }) or why it cannot be booked. */
export function chosenPeriod(slots: readonly GridSlot[], pick: Pick, maxCells = 8): { start?: string; end?: string; error?: string } {
  if (!pick.from || !pick.to) return { error: '请在时间表上点选开始和结束的时段' };
  const inside = slots.filter((s) => s.start >= pick.from! && s.start <= pick.to!);
  if (inside.some((s) => s.state !== 'free')) return { error: '所选时间段中有已被预约的时段，请重新选择' };
  if (inside.length > maxCells) return { error: `单次预约最长 ${maxCells / 2} 小时` };
  return { start: pick.from, end: addHalfHour(pick.to) };
}

export const isPicked = (pick: Pick, cell: string) => !!pick.from && !!pick.to && cell >= pick.from && cell <= pick.to;
