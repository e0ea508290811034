import { View, Text } from '@tarojs/components';
import type { Result } from '../../../api/client';
import { fmtRange } from '../../../domain/appointment';
import { phaseTone, placesLine } from '../../../domain/volunteer';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';

type Activity = Result<'volunteer', 'listActivities'>['items'][number];

/** One activity in the list: what, who, when, where, places — and the caller's own status. */
export function ActivityCard({ a }: { a: Activity }) {
  const full = a.placesLeft === 0;
  return (
    <View className="rp-card vo-link vo-activity" hoverClass="vo-pressed" onClick={() => go(`${ROUTES.volDetail}?id=${a.id}`)}>
      <View className="vo-between">
        <Text className="vo-name">{a.title}</Text>
        <Text className={`vo-tag vo-tag--${phaseTone(a.phase)}`}>{a.phaseLabel}</Text>
      </View>
      <Text className="rp-muted vo-line">{a.teamName} · {a.category}{a.eligibility === 'members' ? ' · 仅限党员' : ''}</Text>
      <Text className="rp-text vo-line">{fmtRange(a.startAt, a.endAt)}</Text>
      <Text className="rp-muted vo-line">{a.place}</Text>
      <View className="vo-between">
        <Text className={`vo-places ${full ? 'vo-places--full' : ''}`}>{placesLine(a)}</Text>
        {a.mine ? <Text className={`vo-tag ${a.mine.status === 'confirmed' ? 'vo-tag--done' : 'vo-tag--gold'}`}>{a.mine.statusLabel}</Text> : null}
      </View>
    </View>
  );
}
