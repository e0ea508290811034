import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Chips } from '../../../components/Chips';
import { ListCard, ListRow } from '../../../components/ListRow';
import { setCareMode, useCare } from '../../../store/care';
import { CARE_MODE_LABEL, CARE_STEPS, type CareMode } from '../../../domain/care';
import './index.scss';

const MODES: { value: CareMode; label: string }[] = (['auto', 'large', 'standard'] as const).map((m) => ({ value: m, label: CARE_MODE_LABEL[m] }));

/**
 * 我的 → 关怀模式: follow WeChat's font size (default), or force 大字 / 标准. Applies at once to every
 * open page (the setting is a shared store read by PageShell) and is remembered on this phone.
 */
export default function CareMode() {
  const care = useCare();
  const scale = CARE_STEPS[care.step].text;
  const wechat = care.system.setting ? `${Math.round(care.system.setting * 10) / 10} px` : '未获取到';
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">大字、大按钮，看得清、点得准</Text>
          <Text className="rp-text rp-block">
            开启后，全部页面的文字放大、按钮和选项变高。默认跟随微信“我 → 设置 → 通用 → 字体大小”的设置。
          </Text>
        </View>
        <View className="rp-card">
          <Chips label="字号" options={MODES} value={care.mode} onChange={(v) => v && setCareMode(v)} />
          <Text className="rp-muted rp-block">修改后立即生效，并保存在本机。</Text>
        </View>
        <ListCard>
          <ListRow title="当前字号" extra={scale === 1 ? '标准' : `放大 ${Math.round((scale - 1) * 100)}%`} />
          <ListRow title="微信字体设置" extra={wechat} />
        </ListCard>
        <View className="rp-card care-sample">
          <Text className="rp-section-title care-sample__title">效果预览</Text>
          <Text className="rp-text">党群服务中心开放时间：周一至周五 9:00–17:30。</Text>
        </View>
      </View>
    </PageShell>
  );
}
