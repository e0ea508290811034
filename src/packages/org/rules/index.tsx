import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { SubmitBar } from '../../../components/SubmitBar';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage, type Result } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { fmtStamp } from '../../../domain/appointment';
import { rulesFromDraft, type RuleDraft } from '../../../domain/org';
import { toast } from '../../../utils/nav';
import '../org.scss';

type Rules = Result<'org', 'getOrgLifeRules'>;
const PER = [
  { value: 'month' as const, label: '每月' },
  { value: 'quarter' as const, label: '每季度' },
];

const toDraft = (r: Rules): RuleDraft[] => r.rules.map((x) => ({ kind: x.kind, per: x.per, min: String(x.min) }));

/**
 * 三会一课规则: how often each kind of meeting must be held (the star rating's 三会一课 and 主题党日
 * items are scored against it). Versioned like the rubric: saving names the version edited, and
 * when another admin saved first the page reloads the table rather than overwrite theirs.
 */
export default function RulesPage() {
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  const rules = useRemote(() => call('org', 'getOrgLifeRules', {}));
  const [draft, setDraft] = useState<RuleDraft[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (rules.data) setDraft(toDraft(rules.data));
  }, [rules.data]);
  const r = rules.data;

  const save = useSubmit(async () => {
    if (!r || !draft) return;
    setError('');
    const checked = rulesFromDraft(draft);
    if (!checked.rules) return setError(checked.error ?? '请检查填写的内容');
    try {
      const res = await call('org', 'updateOrgLifeRules', { version: r.version, rules: checked.rules });
      toast(`已保存为第 ${res.version} 版`);
      void rules.reload();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        // Another admin saved first: show their table (the edits here are dropped, and said so).
        setError('规则已被其他管理员修改，已刷新为最新版本，请重新修改后保存。');
        void rules.reload();
        return;
      }
      setError(errorMessage(err));
    }
  });
  const set = (k: number, patch: Partial<RuleDraft>) => setDraft((d) => d && d.map((x, n) => (n === k ? { ...x, ...patch } : x)));

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={rules.loading && !r} error={rules.error} empty={!!draft && draft.length === 0} emptyTitle="暂无规则" onRetry={() => void rules.reload()} rows={6}>
          {r && draft && (
            <>
              <View className="rp-card">
                <Text className="rp-text">
                  {r.version === 0 ? '默认规则（尚未修改）' : `第 ${r.version} 版 · ${fmtStamp(r.updatedAt)} 修改`}。星级评定的“三会一课”和主题党日按此表逐类计分；每月的规则逐月计算，多开的会议不能补其他月份。次数为 0 表示不作要求。
                </Text>
              </View>
              {draft.map((x, n) => (
                <View key={x.kind} className="rp-card">
                  <Text className="rp-name">{x.kind}</Text>
                  {isAdmin ? (
                    <>
                      <PickChips items={PER} selected={x.per} onPick={(per) => set(n, { per })} />
                      <TextBox label={`${x.per === 'month' ? '每月' : '每季度'}至少召开（次）`} type="number" value={x.min} onChange={(min) => set(n, { min })} maxLength={2} />
                    </>
                  ) : (
                    <Text className="rp-text rp-line">{x.per === 'month' ? '每月' : '每季度'}至少 {x.min} 次</Text>
                  )}
                </View>
              ))}
              {isAdmin && <SubmitBar label="保存规则" error={error} loading={save.loading} onClick={() => void save.run()} />}
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
