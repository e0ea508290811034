import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { SubmitBar } from '../../../components/SubmitBar';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { toast } from '../../../utils/nav';
import '../org.scss';

type Form = '单独组建' | '联合组建' | '挂靠组建' | '派驻';
const FORMS: Form[] = ['单独组建', '联合组建', '挂靠组建', '派驻'];

/**
 * An admin sets up or reorganises a Party organisation: name, form, the enterprises it covers
 * (from the ledger's enterprises without an organisation, or those it covers already). An
 * enterprise already in another organisation is refused by the server with that organisation's name.
 */
export default function BranchEdit() {
  const { id } = useRouter().params;
  const branches = useRemote(() => call('org', 'listOrgBranches', {}));
  const [q, setQ] = useState('');
  const free = useRemote(() => call('org', 'ledgerList', { flag: 'noOrg', ...(q ? { q } : {}) }), [q]);
  const current = branches.data?.branches.find((b) => b.id === id);
  const [name, setName] = useState('');
  const [form, setForm] = useState<Form>('联合组建');
  const [attachedTo, setAttachedTo] = useState('');
  const [picked, setPicked] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!current) return;
    setName(current.name);
    setForm(current.form);
    setAttachedTo(current.attachedTo);
    setPicked(current.enterprises.map((e) => ({ id: e.id, name: e.name })));
  }, [current?.id]);

  const toggle = (e: { id: string; name: string }) =>
    setPicked((p) => (p.some((x) => x.id === e.id) ? p.filter((x) => x.id !== e.id) : [...p, e]));
  const save = useSubmit(async () => {
    setError('');
    if (name.trim().length < 4) return setError('请填写党组织全称');
    if (picked.length === 0) return setError('请至少选择一家企业');
    try {
      await call('org', 'upsertBranch', { ...(id ? { id } : {}), name: name.trim(), form, enterpriseIds: picked.map((p) => p.id), ...(form === '挂靠组建' ? { attachedTo: attachedTo.trim() } : {}) });
      toast('已保存');
      void Taro.navigateBack();
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  const candidates = (free.data?.rows ?? []).filter((r) => !picked.some((p) => p.id === r.id));

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={!!id && branches.loading && !branches.data} error={id ? branches.error : undefined} onRetry={() => void branches.reload()} rows={5}>
          <View className="rp-card">
            <TextBox label="党组织名称" value={name} onChange={setName} maxLength={40} placeholder="例如 星河湾 C 区楼宇联合党支部" />
            <Text className="rp-label">组建形式</Text>
            <PickChips items={FORMS.map((f) => ({ value: f, label: f }))} selected={form} onPick={setForm} />
            {form === '挂靠组建' ? <TextBox label="挂靠的党组织" value={attachedTo} onChange={setAttachedTo} maxLength={40} placeholder="例如 星河湾产业园综合党委" /> : null}
            <Text className="rp-label">覆盖的企业（点击移除）</Text>
            {picked.length === 0 ? <Text className="rp-muted rp-line">尚未选择</Text> : null}
            <PickChips items={picked.map((p) => ({ value: p.id, label: p.name }))} selected={picked.map((p) => p.id)} onPick={(v) => toggle(picked.find((p) => p.id === v)!)} />
            <Text className="rp-label">添加尚未建立党组织的企业</Text>
            <TextBox label="按名称查找" value={q} onChange={setQ} maxLength={30} />
            <StateView loading={free.loading && !free.data} error={free.error} empty={candidates.length === 0} emptyTitle="没有可添加的企业" onRetry={() => void free.reload()} rows={2}>
              <PickChips items={candidates.map((r) => ({ value: r.id, label: r.name, sub: `正式党员 ${r.full}` }))} selected={null} onPick={(v) => toggle(candidates.find((r) => r.id === v)!)} />
            </StateView>
            <SubmitBar label="保存" error={error} loading={save.loading} onClick={() => void save.run()} />
          </View>
        </StateView>
        {id ? <BranchPosts branchId={id} /> : null}
      </View>
    </PageShell>
  );
}

/**
 * 党员先锋岗 / 示范岗 of this year (F-06: 「一名党员一面旗」 shown on the branch): the names, posts and
 * enterprises only — listPosts answers nothing else from the roster. Read-only here; the branch's
 * secretary sets them under 支部工作.
 */
function BranchPosts({ branchId }: { branchId: string }) {
  const posts = useRemote(() => call('party', 'listPosts', { branchId }), [branchId]);
  const items = posts.data?.items ?? [];
  return (
    <StateView loading={posts.loading && !posts.data} error={posts.error} empty={!!posts.data && items.length === 0} emptyTitle="本年度尚未设立党员先锋岗、示范岗" onRetry={() => void posts.reload()} rows={2}>
      <View className="rp-card">
        <Text className="rp-title">{`${posts.data?.year ?? ''}年度党员先锋岗 · 示范岗`}</Text>
        {items.map((p, i) => (
          <Text key={i} className="rp-text rp-line">{`【${p.kind}】${p.title} · ${p.name}${p.enterpriseName ? ` · ${p.enterpriseName}` : ''}`}</Text>
        ))}
      </View>
    </StateView>
  );
}
