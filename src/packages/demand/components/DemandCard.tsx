import { View, Text } from '@tarojs/components';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { parkTime, slaTag, stars, type SlaLike } from '../../../domain/demand';
import { stateTone, type DemandState } from '../../../../cloudfunctions/demand/terms';

export interface DemandRow {
  id: string;
  kind: string;
  category: string;
  title: string;
  enterpriseName: string;
  state: DemandState;
  stateLabel: string;
  handlerName: string | null;
  dueDate: string | null;
  overdue: boolean;
  submittedAt: string | Date;
  score: number | null;
  /** The service-level clock (every list action sends it). */
  sla?: SlaLike;
}

const TONE_CLASS = { todo: 'rp-tag--primary', doing: 'rp-tag--warning', done: 'rp-tag--success', off: 'rp-tag--muted' } as const;

export function StateBadge({ state, label }: { state: DemandState; label: string }) {
  return <Text className={`rp-tag ${TONE_CLASS[stateTone(state)]}`}>{label}</Text>;
}

/** One demand in a list: what, whose, where it stands; tapping opens it. */
export function DemandCard({ d, showEnterprise = false }: { d: DemandRow; showEnterprise?: boolean }) {
  return (
    <View className="rp-card" hoverClass="dm-card--pressed" onClick={() => go(withQuery(ROUTES.demandDetail, { id: d.id }))}>
      <View className="dm-card__head">
        <Text className="dm-card__title">{d.title}</Text>
        <StateBadge state={d.state} label={d.stateLabel} />
      </View>
      <View className="rp-tags">
        {d.kind === '代办' ? <Text className="rp-tag rp-tag--gold">红色代办</Text> : null}
        <Text className={`rp-tag ${d.kind === '投诉建议' ? 'rp-tag--gold' : ''}`}>{d.category}</Text>
        {d.overdue ? <Text className="rp-tag rp-tag--primary">已逾期</Text> : null}
        {slaTag(d.sla) ? <Text className={`rp-tag ${d.sla?.dueSoon ? 'rp-tag--warning' : 'rp-tag--muted'}`}>{slaTag(d.sla)}</Text> : null}
        {d.score ? <Text className="rp-tag rp-tag--gold">{stars(d.score)}</Text> : null}
      </View>
      <Text className="rp-muted dm-card__meta">
        {showEnterprise && d.enterpriseName ? `${d.enterpriseName} · ` : ''}
        {parkTime(d.submittedAt)} 提交
        {d.handlerName ? ` · 办理人：${d.handlerName}` : ''}
        {d.dueDate ? ` · 期限 ${d.dueDate}` : ''}
      </Text>
    </View>
  );
}
