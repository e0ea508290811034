import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useResource } from '../../../hooks/useResource';
import { meResource } from '../../../store/me';
import { ROUTES } from '../../../domain/routes';
import { callCenter, go } from '../../../utils/nav';
import { ABOUT, aboutRows } from '../../../config/about';
import '../privacy.scss';

/**
 * 关于: who owns and runs the mini-program and its 备案 information (src/config/about.ts, filled in
 * by the park before release), with the ways to reach the center. Readable by anyone, no consent needed.
 */
export default function About() {
  const me = useResource(meResource, { load: false });
  const park = me.data?.park;
  const rows = aboutRows(ABOUT, park);
  const phone = rows.find((r) => r.label === '联系电话')?.value;
  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">红色园区</Text>
          <Text className="rp-text rp-block">
            {park?.name ?? '园区'}党群服务中心的线上服务：扫码签到、志愿服务、惠企政策、专家预约、企业诉求与红色代办、党员学习。
          </Text>
        </View>
        <Text className="rp-section-title">主办与备案信息</Text>
        <ListCard>
          {rows.map((r) => (
            <ListRow
              key={r.label}
              title={r.label}
              extra={r.value}
              onClick={r.label === '联系电话' && phone && phone !== '未填写' ? () => callCenter(phone) : undefined}
            />
          ))}
        </ListCard>
        <ListCard>
          <ListRow title="投诉建议" description="对中心、专家或小程序的意见，都可以告诉我们" onClick={() => go(ROUTES.demandComplaint)} />
          <ListRow title="隐私保护指引" onClick={() => go(ROUTES.privacyPolicy)} />
        </ListCard>
      </View>
    </PageShell>
  );
}
