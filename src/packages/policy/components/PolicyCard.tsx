import { View, Text } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ROUTES, withQuery } from '../../../domain/routes';
import { go } from '../../../utils/nav';

export interface PolicyItem {
  id: string;
  title: string;
  issuer: string;
  level: string;
  category: string;
  summary: string;
  period: string;
  status: string;
}

/** Level · category · status, the three things people filter by. */
export function PolicyTags({ p, extra }: { p: Pick<PolicyItem, 'level' | 'category' | 'status'>; extra?: ReactNode }) {
  return (
    <View className="rp-tags">
      <Text className="rp-tag rp-tag--primary">{p.level}级</Text>
      <Text className="rp-tag">{p.category}</Text>
      <Text className={`rp-tag ${p.status === '有效' ? 'rp-tag--success' : 'rp-tag--muted'}`}>{p.status}</Text>
      {extra}
    </View>
  );
}

/** One policy in a list; tapping opens its page. `children` adds reasons (可享政策). */
export function PolicyCard({ p, children, showSummary = true }: { p: PolicyItem; children?: ReactNode; showSummary?: boolean }) {
  return (
    <View className="rp-card pl-card" hoverClass="pl-card--pressed" onClick={() => go(withQuery(ROUTES.policyDetail, { id: p.id }))}>
      <Text className="pl-card__title">{p.title}</Text>
      <PolicyTags p={p} />
      {showSummary ? <Text className="pl-card__summary">{p.summary}</Text> : null}
      <Text className="rp-muted pl-card__meta">
        {p.issuer} · 申报期：{p.period}
      </Text>
      {children}
    </View>
  );
}

/** Why a policy fits (✓ …) and what is missing (还差：…). */
export function Reasons({ met, gaps, blockers }: { met?: string[]; gaps?: string[]; blockers?: string[] }) {
  return (
    <View className="pl-reasons">
      {met?.map((m) => (
        <Text key={`m-${m}`} className="pl-reason pl-reason--met">
          ✓ {m}
        </Text>
      ))}
      {gaps?.length ? <Text className="pl-reason pl-reason--gap">还差：{gaps.join('；')}</Text> : null}
      {blockers?.map((b) => (
        <Text key={`b-${b}`} className="pl-reason pl-reason--block">
          ✗ {b}
        </Text>
      ))}
    </View>
  );
}
