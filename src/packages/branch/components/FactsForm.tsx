import { Text } from '@tarojs/components';
import { TextBox } from '../../../components/TextBox';
import { PickChips } from '../../../components/PickChips';
import { DateRow, parkToday } from './shared';

export interface Facts {
  name: string;
  standing: '正式' | '预备';
  joinedOn: string;
  confirmedOn: string;
  relation: '已转入' | '未转入';
  relationHeldAt: string;
  phone: string;
}

export const emptyFacts = (): Facts => ({ name: '', standing: '正式', joinedOn: parkToday(), confirmedOn: '', relation: '已转入', relationHeldAt: '', phone: '' });

/** The facts of a roster row; `noRelation` for a transfer-in (the relation is then 已转入 by the letter). */
export function FactsForm({ f, set, noRelation }: { f: Facts; set: (f: Facts) => void; noRelation?: boolean }) {
  const today = parkToday();
  return (
    <>
      <TextBox id="member-name" label="姓名" value={f.name} onChange={(name) => set({ ...f, name })} maxLength={20} />
      <PickChips label="类别" items={[{ value: '正式', label: '正式党员' }, { value: '预备', label: '预备党员' }]} selected={f.standing} onPick={(standing) => set({ ...f, standing })} />
      <DateRow title="入党日期" value={f.joinedOn} end={today} onChange={(joinedOn) => set({ ...f, joinedOn })} />
      {f.standing === '正式' ? <DateRow title="转正日期" value={f.confirmedOn} end={today} onChange={(confirmedOn) => set({ ...f, confirmedOn })} /> : null}
      {!noRelation && (
        <>
          <PickChips label="组织关系" items={[{ value: '已转入', label: '已转入园区' }, { value: '未转入', label: '未转入' }]} selected={f.relation} onPick={(relation) => set({ ...f, relation })} />
          {f.relation === '未转入' ? <TextBox label="组织关系所在单位" value={f.relationHeldAt} onChange={(relationHeldAt) => set({ ...f, relationHeldAt })} maxLength={60} /> : null}
        </>
      )}
      <TextBox id="member-phone" label="联系电话（选填）" value={f.phone} onChange={(phone) => set({ ...f, phone })} maxLength={20} />
      <Text className="rp-muted rp-line">日期请用选择器选择。</Text>
    </>
  );
}

/** What the form still lacks, in one sentence (the server checks the rest). */
export function factsProblem(f: Facts): string {
  if (!f.name.trim()) return '请填写姓名。';
  if (!f.joinedOn) return '请选择入党日期。';
  if (f.standing === '正式' && !f.confirmedOn) return '正式党员请选择转正日期。';
  return '';
}

/** The facts as action params (empty text → not given). */
export function factParams(f: Facts) {
  return {
    name: f.name.trim(),
    standing: f.standing,
    joinedOn: f.joinedOn,
    confirmedOn: f.standing === '正式' && f.confirmedOn ? f.confirmedOn : null,
    phone: f.phone.trim() || null,
  };
}
