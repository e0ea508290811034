import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { TextBox } from '../../../components/TextBox';
import { SubmitBar } from '../../../components/SubmitBar';
import { useResource } from '../../../hooks/useResource';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { toast } from '../../../utils/nav';
import '../org.scss';

type Rubric = Result<'org', 'getRubric'>;
type Draft = {
  items: { key: string; label: string; points: string; source: string; target: string; guide: string }[];
  bands: { stars: number; minScore: string; allowance: string }[];
  vetoRules: { key: string; label: string }[];
};

const toDraft = (r: Rubric): Draft => ({
  items: r.items.map((i) => ({ ...i, points: String(i.points), target: String(i.target) })),
  bands: r.bands.map((b) => ({ stars: b.stars, minScore: String(b.minScore), allowance: String(b.allowance) })),
  vetoRules: r.vetoRules.map((v) => ({ ...v })),
});

/** The scoring rubric (items, points, evidence targets), the star bands with their 红星津贴 and the 一票否决 rules; admins edit. */
export default function RubricPage() {
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  const rubric = useRemote(() => call('org', 'getRubric', {}));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (rubric.data) setDraft(toDraft(rubric.data));
  }, [rubric.data]);
  const r = rubric.data;
  const total = draft?.items.reduce((s, i) => s + (Number(i.points) || 0), 0) ?? 0;
  const sourceOf = (key: string) => r?.sources.find((s) => s.key === key);

  const save = useSubmit(async () => {
    if (!r || !draft) return;
    setError('');
    try {
      const res = await call('org', 'updateRubric', {
        version: r.version,
        items: draft.items.map((i) => ({ key: i.key, label: i.label.trim(), points: Number(i.points), source: i.source, target: Number(i.target), guide: i.guide.trim() })),
        bands: draft.bands.map((b) => ({ stars: b.stars, minScore: Number(b.minScore), allowance: Number(b.allowance) })),
        vetoRules: draft.vetoRules.map((v) => ({ key: v.key, label: v.label.trim() })),
      });
      toast(`已保存为第 ${res.version} 版`);
      void rubric.reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const setItem = (k: number, field: 'label' | 'points' | 'target' | 'guide') => (v: string) =>
    setDraft((d) => d && { ...d, items: d.items.map((i, n) => (n === k ? { ...i, [field]: v } : i)) });
  const setBand = (k: number, field: 'minScore' | 'allowance') => (v: string) =>
    setDraft((d) => d && { ...d, bands: d.bands.map((b, n) => (n === k ? { ...b, [field]: v } : b)) });
  const setVeto = (k: number) => (v: string) => setDraft((d) => d && { ...d, vetoRules: d.vetoRules.map((r, n) => (n === k ? { ...r, label: v } : r)) });
  const dropVeto = (k: number) => setDraft((d) => d && { ...d, vetoRules: d.vetoRules.filter((_r, n) => n !== k) });
  const addVeto = () =>
    setDraft((d) => d && { ...d, vetoRules: [...d.vetoRules, { key: `veto${Date.now().toString(36)}`, label: '' }] });
  const addManual = () =>
    setDraft((d) => d && { ...d, items: [...d.items, { key: `extra${d.items.length + 1}`, label: '新增评分项', points: '0', source: 'manual', target: '0', guide: '评议人评分，并注明依据' }] });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={rubric.loading && !r} error={rubric.error} onRetry={() => void rubric.reload()} rows={8}>
          {r && draft && (
            <>
              <View className="rp-card">
                <Text className="rp-text">第 {r.version} 版 · 合计 {total} 分（应为 100 分）。自动计分项按记录与“满分标准”线性计分，其余由评议人评分并注明依据。</Text>
              </View>
              <Text className="rp-section-title">评分项目</Text>
              {draft.items.map((i, n) => {
                const src = sourceOf(i.source);
                return (
                  <View key={i.key} className="rp-card">
                    <View className="rp-between">
                      <Text className="rp-name">{i.label}</Text>
                      <Text className={`og-tag og-tag--${i.source === 'manual' ? 'gold' : src?.available ? 'done' : 'wait'}`}>
                        {i.source === 'manual' ? '评议人评分' : src?.available ? '按记录自动计分' : '数据待接入'}
                      </Text>
                    </View>
                    {src ? <Text className="rp-muted rp-line">数据来源：{src.describe}</Text> : null}
                    {isAdmin ? (
                      <>
                        <TextBox label="项目名称" value={i.label} onChange={setItem(n, 'label')} maxLength={20} />
                        <TextBox label="分值" type="digit" value={i.points} onChange={setItem(n, 'points')} maxLength={5} />
                        {i.source !== 'manual' ? <TextBox label={`满分标准（${src?.unit ?? ''}）`} type="digit" value={i.target} onChange={setItem(n, 'target')} maxLength={6} /> : null}
                        <TextBox label="评分说明" value={i.guide} onChange={setItem(n, 'guide')} maxLength={100} />
                      </>
                    ) : (
                      <Text className="rp-text rp-line">{i.points} 分 · {i.guide}</Text>
                    )}
                  </View>
                );
              })}
              {isAdmin && (
                <Button size="large" block onClick={addManual}>
                  添加评议人评分项
                </Button>
              )}
              <Text className="rp-section-title">星级与红星津贴（每季度）</Text>
              <View className="rp-card">
                {draft.bands.map((b, n) => (
                  <View key={b.stars} className="rp-item">
                    <Text className="rp-name">{'★'.repeat(b.stars)}</Text>
                    {isAdmin ? (
                      <View className="og-row-actions">
                        <View className="rp-grow">
                          <TextBox label="最低得分" type="digit" value={b.minScore} onChange={setBand(n, 'minScore')} maxLength={5} />
                        </View>
                        <View className="rp-grow">
                          <TextBox label="津贴（元）" type="number" value={b.allowance} onChange={setBand(n, 'allowance')} maxLength={7} />
                        </View>
                      </View>
                    ) : (
                      <Text className="rp-text rp-line">{b.minScore} 分以上 · {b.allowance} 元</Text>
                    )}
                  </View>
                ))}
              </View>
              <Text className="rp-section-title">一票否决事项</Text>
              <View className="rp-card">
                <Text className="rp-muted">出现下列情形之一的党组织，当季度不评星级、不发红星津贴（由非本支部的管理员记录并写明依据）。</Text>
                {draft.vetoRules.map((v, n) => (
                  <View key={v.key} className="rp-item">
                    {isAdmin ? (
                      <View className="og-row-actions">
                        <View className="rp-grow">
                          <TextBox label={`否决事项 ${n + 1}`} value={v.label} onChange={setVeto(n)} maxLength={30} />
                        </View>
                        <Text className="og-link" onClick={() => dropVeto(n)}>删除</Text>
                      </View>
                    ) : (
                      <Text className="rp-text">{v.label}</Text>
                    )}
                  </View>
                ))}
                {isAdmin && draft.vetoRules.length < 10 ? (
                  <Text className="og-link" onClick={addVeto}>添加否决事项</Text>
                ) : null}
              </View>
              {isAdmin && <SubmitBar label="保存细则" error={error} loading={save.loading} onClick={() => void save.run()} />}
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
