import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { PickChips } from '../../../components/PickChips';
import { TextBox } from '../../../components/TextBox';
import '../appointment.scss';

/** The expert's own profile as enterprises see it, and whether bookings confirm themselves. */
export default function ExpertProfile() {
  const data = useRemote(() => call('appointment', 'myProfile', {}));
  const [f, setF] = useState({ name: '', organisation: '', title: '', specialities: '', intro: '', autoConfirm: false });
  const [filled, setFilled] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    const p = data.data?.profile;
    if (p && !filled) {
      setF({ name: p.name, organisation: p.organisation, title: p.title, specialities: p.specialities.join('、'), intro: p.intro, autoConfirm: p.autoConfirm });
      setFilled(true);
    }
  }, [data.data, filled]);
  const set = (k: keyof typeof f) => (v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    setError('');
  };

  const save = useSubmit(async () => {
    const specialities = f.specialities.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean);
    if (!f.name.trim() || f.organisation.trim().length < 2 || specialities.length === 0) {
      setError('请填写姓名、所在机构和至少一项擅长领域');
      return;
    }
    try {
      await call('appointment', 'upsertProfile', { name: f.name.trim(), organisation: f.organisation.trim(), title: f.title.trim(), specialities, intro: f.intro.trim(), autoConfirm: f.autoConfirm });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 800);
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={data.loading && !data.data} error={data.error} onRetry={() => void data.reload()}>
          <View className="rp-card">
            <Text className="rp-muted">所属：{data.data?.team?.name}</Text>
            <TextBox label="姓名" value={f.name} onChange={set('name')} maxLength={20} />
            <TextBox label="所在机构" value={f.organisation} onChange={set('organisation')} maxLength={40} />
            <TextBox label="职务/职称" value={f.title} onChange={set('title')} maxLength={20} />
            <TextBox label="擅长领域" value={f.specialities} onChange={set('specialities')} maxLength={100} hint="多个领域用顿号或逗号分开，例如：合同审查、劳动用工" />
            <TextBox label="个人简介" multiline value={f.intro} onChange={set('intro')} maxLength={400} />
            <Text className="ap-label ap-field">企业预约后</Text>
            <PickChips items={[{ value: 'no', label: '由我确认' }, { value: 'yes', label: '自动确认' }]} selected={f.autoConfirm ? 'yes' : 'no'} onPick={(v) => setF((x) => ({ ...x, autoConfirm: v === 'yes' }))} />
            {error ? <Text className="rp-error-text ap-line">{error}</Text> : null}
            <View className="rp-actions">
              <Button type="primary" size="large" block loading={save.loading} onClick={() => void save.run()}>
                保存
              </Button>
            </View>
          </View>
        </StateView>
      </View>
    </PageShell>
  );
}
