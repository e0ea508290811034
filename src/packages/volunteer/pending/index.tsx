import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { fmtRange, fmtTime } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import '../volunteer.scss';

/** Missing sign-outs across ended activities: confirm until the end, or open the roster to fix. */
export default function PendingHours() {
  const list = useRemote(() => call('volunteer', 'pendingHours', {}));
  const confirm = useSubmit(async (id: string, name: string) => {
    try {
      await call('volunteer', 'settleHours', { registrationId: id, mode: 'confirm' });
      toast(`已确认${name}的时长`);
      await list.reload();
    } catch (e) {
      toast(errorMessage(e));
    }
  });
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-text">以下志愿者签到后没有签退。确认后按活动结束时间计算时长；如实际提前离开，请在活动名单中修改时长。</Text>
        </View>
        <StateView loading={list.loading && !list.data} error={list.error} empty={list.data?.length === 0} emptyTitle="没有待确认的时长" onRetry={() => void list.reload()}>
          {list.data?.map((p) => (
            <View key={p.id} className="rp-card">
              <Text className="vo-name">{p.name}</Text>
              <Text className="rp-text vo-line">{p.title}</Text>
              <Text className="rp-muted vo-line">{fmtRange(p.startAt, p.endAt)} · 签到 {p.signedInAt ? fmtTime(p.signedInAt) : ''}</Text>
              <View className="vo-row-actions">
                <Button type="primary" size="large" loading={confirm.loading} onClick={() => void confirm.run(p.id, p.name)}>确认至活动结束</Button>
                <Button size="large" onClick={() => go(`${ROUTES.volRoster}?id=${p.activityId}`)}>查看名单</Button>
              </View>
            </View>
          ))}
        </StateView>
      </View>
    </PageShell>
  );
}
