import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { askAt } from '../../../utils/subscribe';
import { call, errorMessage } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { MATERIAL_KIND, materialOpening, openingLabel, standingText } from '../../../domain/study';
import { toast } from '../../../utils/nav';
import { GroupGate } from '../components/GroupGate';
import { openMaterial } from './open';
import '../study.scss';

const ENV = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';

/** One material of the month: read it, then mark it studied (学习打卡). */
export default function Material() {
  const { groupId = '', id = '' } = useRouter().params;
  const data = useRemote(() => call('study', 'getGroup', { id: groupId }), [groupId]);
  const d = data.data;
  const materials = d?.topic?.materials ?? [];
  const index = materials.findIndex((m) => m.id === id);
  const m = index >= 0 ? materials[index] : null;
  const next = index >= 0 ? materials[index + 1] : undefined;
  const read = !!d?.readIds.includes(id);
  // 公众号 / 视频号 / registered site / copy: which way this material opens here (G-10).
  const opening = m ? materialOpening(m, ENV) : null;

  const mark = useSubmit(async () => {
    if (!d) return;
    // Inside the tap, before any await: next month's 学习提醒.
    void askAt('study');
    try {
      const r = await call('study', 'markRead', { groupId, month: d.month, materialId: id });
      data.setData((cur) => (cur ? { ...cur, readIds: r.readIds, standing: r.standing } : cur));
      toast(r.standing.finished ? '本月学习已完成，辛苦了！' : '已记录学习');
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <GroupGate
          loading={data.loading && !d}
          error={data.error}
          onRetry={() => void data.reload()}
          empty={!!d && !m}
          emptyTitle="资料已调整"
          emptyText="这份资料已被支部书记调整，请返回小组页面查看本月专题。"
          rows={8}
        >
          {d && m && (
            <>
              <View className="rp-card">
                <Text className="rp-muted">{d.topic?.title} · {MATERIAL_KIND[m.kind].label}</Text>
                <Text className="rp-title st-line">{m.title}</Text>
                {m.body ? <Text className="st-body">{m.body}</Text> : null}
                {opening && opening.way !== 'none' ? (
                  <View className="rp-actions">
                    <Button size="large" block onClick={() => openMaterial(opening, m.title)}>
                      {openingLabel(opening, m.kind)}
                    </Button>
                    {opening.way === 'copy' ? <Text className="rp-muted st-line">{opening.why}</Text> : null}
                    {opening.way === 'channels' ? (
                      <Text className="rp-muted st-line">将在微信视频号中播放，看完返回这里打卡。</Text>
                    ) : (
                      <Text className="rp-muted st-line">{opening.url}</Text>
                    )}
                  </View>
                ) : opening?.why ? (
                  <Text className="rp-muted st-line">{opening.why}</Text>
                ) : null}
              </View>
              {d.member && (
                <View className="rp-card">
                  {read ? (
                    <Text className="st-tag st-tag--done">已学习</Text>
                  ) : (
                    <Button type="primary" size="large" block loading={mark.loading} onClick={() => void mark.run()}>
                      {mark.loading ? '正在记录…' : '我已学习（学习打卡）'}
                    </Button>
                  )}
                  {d.standing ? <Text className="rp-muted st-line">{standingText(d.standing)}</Text> : null}
                  <View className="rp-actions">
                    {next ? (
                      <Button size="large" block onClick={() => void Taro.redirectTo({ url: `${ROUTES.studyMaterial}?groupId=${groupId}&id=${next.id}` })}>
                        下一份：{next.title}
                      </Button>
                    ) : (
                      <Button size="large" block onClick={() => void Taro.redirectTo({ url: `${ROUTES.studyRecord}?groupId=${groupId}` })}>
                        去写本月自学记录
                      </Button>
                    )}
                  </View>
                </View>
              )}
            </>
          )}
        </GroupGate>
      </View>
    </PageShell>
  );
}
