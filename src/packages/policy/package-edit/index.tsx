import { useEffect, useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { SubmitBar } from '../../../components/SubmitBar';
import { TextAreaField } from '../../../components/TextAreaField';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { ROUTES, withQuery } from '../../../domain/routes';
import { Field } from '../../../components/Field';
import '../components/policy.scss';

interface Form {
  title: string;
  description: string;
  audience: string;
  order: string;
  policyIds: string[];
}

/** Admin: a new 惠企礼包 (no id) or an edit; policies are picked from the whole catalogue. */
export default function PackageEdit() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const catalog = useRemote(() => call('policy', 'catalog', {}));
  const [form, setForm] = useState<Form | null>(id ? null : { title: '', description: '', audience: '', order: '0', policyIds: [] });
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState('');

  const load = () => {
    setLoadError(undefined);
    call('policy', 'getPackage', { id })
      .then((k) => setForm({ title: k.title, description: k.description, audience: k.audience, order: String(k.order ?? 0), policyIds: k.policies.map((p) => p.id) }))
      .catch(setLoadError);
  };
  useEffect(() => {
    if (id) load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const matching = useMemo(() => {
    const q = filter.trim();
    const picked = new Set(form?.policyIds ?? []);
    // The chosen policies first, so the window below always shows them.
    const rows = (catalog.data ?? []).filter((p) => !q || p.title.includes(q) || picked.has(p.id));
    return [...rows.filter((p) => picked.has(p.id)), ...rows.filter((p) => !picked.has(p.id))];
  }, [catalog.data, filter, form?.policyIds]);
  const pw = useShown(matching, 20);
  const shown = pw.shown;

  const toggle = (pid: string) =>
    setForm((f) => (f ? { ...f, policyIds: f.policyIds.includes(pid) ? f.policyIds.filter((x) => x !== pid) : [...f.policyIds, pid] } : f));

  const save = useSubmit(async () => {
    if (!form) return;
    const t = form.title.trim();
    if (t.length < 2 || form.description.trim().length < 4 || form.audience.trim().length < 2) {
      setError('请填写礼包名称（至少 2 个字）、介绍（至少 4 个字）和适用对象。');
      return;
    }
    if (form.policyIds.length === 0) {
      setError('请至少选择一项政策。');
      return;
    }
    setError('');
    try {
      const r = await call('policy', 'upsertPackage', {
        ...(id ? { id } : {}),
        title: t,
        description: form.description.trim(),
        audience: form.audience.trim(),
        order: Number(form.order) || 0,
        policyIds: form.policyIds,
      });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.redirectTo({ url: withQuery(ROUTES.policyPackage, { id: r.id }) }).catch(() => undefined), 600);
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={!form && !loadError} error={loadError} onRetry={load} rows={5}>
          {form ? (
            <>
              <View className="rp-card">
                <Field label="礼包名称" required value={form.title} onChange={(v) => setForm({ ...form, title: v })} maxLength={30} />
                <Field label="适用对象" required value={form.audience} onChange={(v) => setForm({ ...form, audience: v })} maxLength={60} placeholder="如 入驻园区未满3年的企业" />
                <Field label="排列顺序" type="number" value={form.order} onChange={(v) => setForm({ ...form, order: v })} maxLength={3} hint="数字小的排在前面" />
                <TextAreaField label="礼包介绍" required value={form.description} onChange={(v) => setForm({ ...form, description: v })} maxLength={300} rows={3} />
              </View>
              <Text className="rp-section-title">选择政策（已选 {form.policyIds.length} 项）</Text>
              <View className="rp-card">
                <Input className="pl-search__input" value={filter} onChange={setFilter} placeholder="按名称筛选政策" maxLength={30} clearable />
                <StateView loading={catalog.loading && !catalog.data} error={catalog.error} onRetry={() => void catalog.reload()}>
                  {shown.map((p) => (
                    <View key={p.id} className={`pl-check ${form.policyIds.includes(p.id) ? 'pl-check--on' : ''}`} onClick={() => toggle(p.id)}>
                      <View className="pl-check__box">{form.policyIds.includes(p.id) ? '✓' : ''}</View>
                      <View className="rp-grow">
                        <Text className="rp-text">{p.title}</Text>
                        <Text className="rp-muted rp-block">
                          {p.level}级 · {p.category} · {p.status}
                        </Text>
                      </View>
                    </View>
                  ))}
                  <ShowMore w={pw} />
                </StateView>
              </View>
              <SubmitBar error={error} loading={save.loading} onClick={() => void save.run()} label="保存礼包" busyLabel="正在保存…" />
            </>
          ) : null}
        </StateView>
      </View>
    </PageShell>
  );
}
