import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { useResource } from '../../../hooks/useResource';
import { meResource } from '../../../store/me';
import { callCenter } from '../../../utils/nav';
import { POLICY_SECTIONS, POLICY_UPDATED } from '../policyText';
import '../privacy.scss';

/** 隐私保护指引 (隐私政策): readable before consent, so the consent dialog links here. */
export default function PrivacyPolicy() {
  const me = useResource(meResource, { load: false });
  const park = me.data?.park;
  const center = park?.centerName ?? '园区党群服务中心';
  return (
    // The page explains the consent: it must not be covered by the consent dialog itself.
    <PageShell privacy="off">
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">红色园区隐私保护指引</Text>
          <Text className="rp-text rp-block">
            红色园区小程序由{center}运营，为园区党员、企业和群众提供党群服务。我们很重视您的个人信息，下面用简单的话说明我们收集什么、为什么、存放在哪里、保存多久、谁能看到，以及您可以怎么做。
          </Text>
          <Text className="rp-muted rp-block">更新日期：{POLICY_UPDATED}</Text>
        </View>
        {POLICY_SECTIONS.map((s) => (
          <View key={s.title} className="rp-card pv-section">
            <Text className="pv-section__title">{s.title}</Text>
            {s.lead ? <Text className="rp-text rp-block pv-lead">{s.lead}</Text> : null}
            {s.items?.map((it) => (
              <View key={it.label} className="pv-item">
                <Text className="pv-item__label">{it.label}</Text>
                <Text className="rp-text">{it.text}</Text>
              </View>
            ))}
            {s.paras?.map((p) => (
              <Text key={p} className="rp-text rp-block pv-para">
                {p}
              </Text>
            ))}
            {s.title.startsWith('七') ? (
              <View className="pv-contact">
                <Text className="rp-text rp-block">{center}</Text>
                {park?.address ? <Text className="rp-text rp-block">地址：{park.address}</Text> : null}
                <View className="pv-contact__phone" onClick={() => callCenter(park?.phone)}>
                  <Text className="rp-link">电话：{park?.phone || '请到中心窗口咨询'}</Text>
                </View>
              </View>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
