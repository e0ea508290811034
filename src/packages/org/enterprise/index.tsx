import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { changeText, FORM_TONE, ledgerPatch, NO_ORG_REASONS, toForm, type LedgerForm } from '../../../domain/org';
import { fmtStamp } from '../../../domain/appointment';
import { toast } from '../../../utils/nav';
import { Fact } from '../components/Tile';
import { INDUSTRIES, QUALIFICATIONS } from '../../../../cloudfunctions/policy/terms';
import '../org.scss';

type Entry = Result<'org', 'getEnterprise'>;

const YES_NO = [{ value: 1, label: '是党员' }, { value: 0, label: '不是党员' }];
const NO_ORG_CHOICES = [{ value: '', label: '不适用/未填' }, ...NO_ORG_REASONS.map((r) => ({ value: r as string, label: r }))];

/**
 * One enterprise's 五清 ledger entry. Admins open any (?id=); an enterprise contact opens their own
 * (我的企业台账) and keeps it up to date; an assigned instructor reads it. Every saved change
 * appears in the change log with who and when.
 */
export default function EnterpriseEntry() {
  const { id } = useRouter().params;
  const entry = useRemote(() => call('org', 'getEnterprise', id ? { id } : {}), [id]);
  const [editing, setEditing] = useState(false);
  const e = entry.data;

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={entry.loading && !e} error={entry.error} onRetry={() => void entry.reload()} rows={8}>
          {e && !editing && <Overview e={e} onEdit={() => setEditing(true)} onChanged={() => void entry.reload()} />}
          {e && editing && (
            <Editor
              e={e}
              onDone={(saved) => {
                setEditing(false);
                if (saved) void entry.reload();
              }}
            />
          )}
        </StateView>
      </View>
    </PageShell>
  );
}

function Overview({ e, onEdit, onChanged }: { e: Entry; onEdit: () => void; onChanged: () => void }) {
  const members = e.partyMembers.full + e.partyMembers.probationary;
  return (
    <>
      <View className="rp-card">
        <Text className="rp-title">{e.name}</Text>
        <Text className="rp-muted rp-line">
          {e.industry}{e.building ? ` · ${e.building}` : ''} · 企业联系人 {e.contacts} 人{e.updatedAt ? ` · 更新于 ${fmtStamp(e.updatedAt)}` : ''}
        </Text>
        {e.qualifications.length ? (
          <View className="og-tags">
            {e.qualifications.map((q) => (
              <Text key={q} className="og-tag og-tag--gold">{q}</Text>
            ))}
          </View>
        ) : null}
        {e.canEdit ? (
          <View className="rp-actions">
            <Button type="primary" size="large" block onClick={onEdit}>
              更新台账信息
            </Button>
          </View>
        ) : null}
      </View>

      <Text className="rp-section-title">党组织情况</Text>
      <View className="rp-card">
        <View className="rp-between">
          <Text className="rp-name">{e.org ? e.org.name : '尚未建立党组织'}</Text>
          {e.org ? <Text className={`og-tag og-tag--${FORM_TONE[e.org.form] ?? 'active'}`}>{e.org.form}</Text> : <Text className="og-tag og-tag--ended">未建</Text>}
        </View>
        {e.org ? (
          <Text className="rp-muted rp-line">
            书记 {e.org.secretaryName || '未设置'} · 覆盖 {e.org.enterpriseCount} 家企业{e.org.attachedTo ? ` · 挂靠 ${e.org.attachedTo}` : ''}
          </Text>
        ) : null}
        <Text className="rp-text rp-line">党建指导员：{e.instructor ? e.instructor.name : '未派驻'}</Text>
        <Text className={`og-note og-note--${e.check.ok ? 'ok' : 'warn'}`}>
          {e.check.ok ? '✓ ' : '⚠ '}建议组建形式：{e.check.suggested}。{e.check.reason}
        </Text>
        {e.candidates.length > 0 && (
          <>
            <Text className="rp-label">可就近加入的党组织</Text>
            {e.candidates.map((c) => (
              <Text key={c.id} className="rp-text rp-line">· {c.name}（{c.why}）</Text>
            ))}
          </>
        )}
        {e.canEditName && <Assign e={e} onChanged={onChanged} />}
      </View>

      <Text className="rp-section-title">一清：经营情况</Text>
      <View className="rp-card">
        <Fact label="所属行业" value={e.industry} />
        <Fact label="成立日期" value={e.foundedAt} />
        <Fact label="营收规模" value={e.annualRevenueWan === null ? '未填报' : `${e.revenueBand}（上年度 ${e.annualRevenueWan} 万元）`} />
        <Fact label="所在楼宇" value={e.building || '未填写'} />
      </View>
      <Text className="rp-section-title">二清：从业人员</Text>
      <View className="rp-card">
        <Fact label="从业人员" value={`${e.headcount} 人`} />
        <Fact label="其中党员" value={`${members} 名`} />
        <Fact label="入党积极分子" value={`${e.workforce.activists} 名`} />
        <Fact label="入党申请人" value={`${e.workforce.applicants} 名`} />
      </View>
      <Text className="rp-section-title">三清：党员情况</Text>
      <View className="rp-card">
        <Fact label="正式党员" value={`${e.partyMembers.full} 名`} />
        <Fact label="预备党员" value={`${e.partyMembers.probationary} 名`} />
        <Fact label="组织关系在园区" value={`${e.partyMembers.registeredInPark} 名`} />
      </View>
      <Text className="rp-section-title">四清：出资人与法定代表人</Text>
      <View className="rp-card">
        <Fact label="法定代表人" value={e.legalPerson.name ? `${e.legalPerson.name}（${e.legalPerson.isPartyMember ? '党员' : '非党员'}）` : '未填写'} />
        <Fact label="主要出资人" value={e.investor.name ? `${e.investor.name}（${e.investor.isPartyMember ? '党员' : '非党员'}）` : '未填写'} />
      </View>
      <Text className="rp-section-title">六清：未建立党组织原因</Text>
      <View className="rp-card">
        <Fact label="未建立原因" value={e.noOrgReason.kind ? `${e.noOrgReason.kind}${e.noOrgReason.note ? `（${e.noOrgReason.note}）` : ''}` : e.org ? '已建立党组织' : '未填写'} />
        {/* 派驻 or an instructor stands in for an organisation: the reason is what justifies it (F-13). */}
        {!e.noOrgReason.kind && (e.org?.form === '派驻' || (!e.org && e.instructor)) ? (
          <Text className="og-note og-note--warn">⚠ 已派驻党组织或党建指导员，请填写未建立党组织的原因。</Text>
        ) : null}
      </View>

      <Text className="rp-section-title">变更记录</Text>
      <StateView loading={false} empty={e.changes.length === 0} emptyTitle="暂无变更记录">
        <View className="rp-card">
          {e.changes.map((c) => (
            <View key={c.id} className="rp-item">
              <Text className="rp-muted">
                {fmtStamp(c.at)} · {c.actorName || '（未填姓名）'}（{c.actorRole === 'admin' ? '管理员' : '企业联系人'}）
              </Text>
              {c.changes.map((x) => (
                <Text key={x.field} className="rp-text rp-line">
                  {x.label}：{changeText(x.before)} → {changeText(x.after)}
                </Text>
              ))}
            </View>
          ))}
        </View>
      </StateView>
    </>
  );
}

/** Admins assign (or change) the enterprise's 党建指导员. */
function Assign({ e, onChanged }: { e: Entry; onChanged: () => void }) {
  const list = useRemote(() => call('org', 'listInstructors', {}));
  const [chosen, setChosen] = useState<string>(e.instructor?.openid ?? '');
  const save = useSubmit(async () => {
    try {
      await call('org', 'assignInstructor', { enterpriseId: e.id, openid: chosen || null });
      toast(chosen ? '已指派党建指导员' : '已取消指派');
      onChanged();
    } catch (err) {
      toast(errorMessage(err));
    }
  });
  const items = [{ value: '', label: '不指派' }, ...(list.data ?? []).map((i) => ({ value: i.openid, label: i.name, sub: `已联系 ${i.enterprises} 家` }))];
  return (
    <>
      <Text className="rp-label">指派党建指导员</Text>
      <StateView loading={list.loading && !list.data} error={list.error} onRetry={() => void list.reload()} rows={1}>
        <PickChips items={items} selected={chosen} onPick={setChosen} />
        <Button size="large" block type="primary" fill="outline" loading={save.loading} disabled={chosen === (e.instructor?.openid ?? '')} onClick={() => void save.run()}>
          保存指派
        </Button>
      </StateView>
    </>
  );
}

function Editor({ e, onDone }: { e: Entry; onDone: (saved: boolean) => void }) {
  const [f, setF] = useState<LedgerForm>(toForm(e));
  const [error, setError] = useState('');
  const set = <K extends keyof LedgerForm>(k: K) => (v: LedgerForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const toggle = (q: string) => setF((x) => ({ ...x, qualifications: x.qualifications.includes(q) ? x.qualifications.filter((y) => y !== q) : [...x.qualifications, q] }));
  const save = useSubmit(async () => {
    const { patch, error: bad } = ledgerPatch(e, f, e.canEditName);
    if (bad) return setError(bad);
    if (!patch || Object.keys(patch).length === 0) return onDone(false);
    try {
      const r = await call('org', 'updateEnterprise', { id: e.id, ...patch });
      toast(`已保存 ${r.changed} 项变更`);
      onDone(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  });
  return (
    <View className="rp-card">
      <Text className="rp-title">更新台账信息</Text>
      <Text className="rp-muted rp-line">保存后将记录修改人和修改时间。</Text>
      {e.canEditName ? <TextBox label="企业名称" value={f.name} onChange={set('name')} maxLength={40} /> : null}
      <PickChips label="所属行业" items={INDUSTRIES.map((x) => ({ value: x as string, label: x }))} selected={f.industry} onPick={set('industry')} />
      <TextBox label="所在楼宇" value={f.building} onChange={set('building')} maxLength={20} placeholder="例如 A1 栋" />
      <TextBox label="成立日期" value={f.foundedAt} onChange={set('foundedAt')} maxLength={10} placeholder="2015-04-18" />
      <TextBox label="上年度营业收入（万元）" type="digit" value={f.annualRevenueWan} onChange={set('annualRevenueWan')} maxLength={12} hint="与“惠企政策”企业画像为同一数据，营收规模据此计算。" />
      <Text className="rp-label">资质荣誉（可多选）</Text>
      <PickChips items={QUALIFICATIONS.map((q) => ({ value: q as string, label: q }))} selected={f.qualifications} onPick={toggle} />
      <TextBox label="从业人员（人）" type="number" value={f.headcount} onChange={set('headcount')} maxLength={6} />
      <TextBox label="入党积极分子（名）" type="number" value={f.activists} onChange={set('activists')} maxLength={6} />
      <TextBox label="入党申请人（名）" type="number" value={f.applicants} onChange={set('applicants')} maxLength={6} />
      <TextBox label="正式党员（名）" type="number" value={f.full} onChange={set('full')} maxLength={6} />
      <TextBox label="预备党员（名）" type="number" value={f.probationary} onChange={set('probationary')} maxLength={6} />
      <TextBox label="组织关系在园区的党员（名）" type="number" value={f.registeredInPark} onChange={set('registeredInPark')} maxLength={6} />
      <TextBox label="法定代表人" value={f.legalName} onChange={set('legalName')} maxLength={20} />
      <PickChips items={YES_NO} selected={f.legalParty ? 1 : 0} onPick={(v) => set('legalParty')(v === 1)} />
      <TextBox label="主要出资人" value={f.investorName} onChange={set('investorName')} maxLength={20} />
      <PickChips items={YES_NO} selected={f.investorParty ? 1 : 0} onPick={(v) => set('investorParty')(v === 1)} />
      <PickChips label="未建立党组织原因" items={NO_ORG_CHOICES} selected={f.noOrgKind} onPick={set('noOrgKind')} />
      {f.noOrgKind ? <TextBox label="原因说明" value={f.noOrgNote} onChange={set('noOrgNote')} maxLength={60} placeholder={f.noOrgKind === '其他' ? '请填写具体原因' : '可补充说明（选填）'} /> : null}
      {error ? <Text className="rp-error-text rp-line">{error}</Text> : null}
      <View className="og-row-actions">
        <Button className="rp-grow" size="large" onClick={() => onDone(false)}>
          取消
        </Button>
        <Button className="rp-grow" type="primary" size="large" loading={save.loading} onClick={() => void save.run()}>
          保存
        </Button>
      </View>
    </View>
  );
}
