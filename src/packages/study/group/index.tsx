import { useEffect, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { fmtDeadline, MATERIAL_KIND, standingText } from '../../../domain/study';
import { fmtDay } from '../../../domain/appointment';
import { go, toast } from '../../../utils/nav';
import { GroupGate } from '../components/GroupGate';
import '../study.scss';

/**
 * A study group's page: this month's topic and materials with the member's own 学习打卡 marks,
 * the 自学记录 of the month, and the WeChat group's QR for members who joined by code. In WeChat
 * the page can be shared into a group chat (with shareTicket, so opening the card there joins).
 */
export default function Group() {
  const id = useRouter().params.id ?? '';
  const data = useRemote(() => call('study', 'getGroup', { id }), [id]);
  const [qr, setQr] = useState<{ image: string; expiresAt: string | Date } | null>(null);
  useReturnReload(() => data.reload());

  useEffect(() => {
    // Shares of this page carry a shareTicket, so the card opened in a chat tells us which chat.
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined);
  }, []);
  useShareAppMessage(() => ({
    title: data.data ? `邀请您加入“${data.data.group.name}”，一起学习` : '邀请您加入学习小组',
    path: `${ROUTES.studyJoin}?groupId=${id}`,
  }));

  const showQr = useSubmit(async () => {
    try {
      setQr(await call('study', 'getChatQr', { groupId: id }));
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const d = data.data;
  return (
    <PageShell>
      <View className="rp-page">
        <GroupGate loading={data.loading && !d} error={data.error} onRetry={() => void data.reload()} rows={6}>
          {d && (
            <>
              <View className="rp-card">
                <View className="st-between">
                  <Text className="rp-title">{d.group.name}</Text>
                  <Text className="st-tag st-tag--active">{d.group.kind === 'branch' ? '支部小组' : '主题小组'}</Text>
                </View>
                {d.group.description ? <Text className="rp-text st-line">{d.group.description}</Text> : null}
                <Text className="rp-muted st-line">共 {d.memberCount} 名成员</Text>
                {d.manager && (
                  <View className="rp-actions">
                    <Button size="large" block onClick={() => go(`${ROUTES.studyManage}?groupId=${id}`)}>
                      小组管理（完成情况、专题、邀请）
                    </Button>
                  </View>
                )}
              </View>

              <Text className="rp-section-title">{d.monthLabel}专题</Text>
              {d.topic ? (
                <View className="rp-card">
                  <Text className="st-name">{d.topic.title}</Text>
                  {d.topic.intro ? <Text className="rp-text st-line">{d.topic.intro}</Text> : null}
                  {d.standing ? <Text className={`st-line ${d.standing.finished ? 'st-tag st-tag--done' : 'rp-muted'}`}>{standingText(d.standing)}</Text> : null}
                  <View className="st-field">
                    {d.topic.materials.map((m) => {
                      const read = d.readIds.includes(m.id);
                      return (
                        <View key={m.id} className="st-material" hoverClass="st-pressed" onClick={() => go(`${ROUTES.studyMaterial}?groupId=${id}&id=${m.id}`)}>
                          <View className="rp-glyph">{MATERIAL_KIND[m.kind].glyph}</View>
                          <View className="rp-grow">
                            <Text className="st-name">{m.title}</Text>
                            <Text className="rp-muted st-line">{MATERIAL_KIND[m.kind].label}</Text>
                          </View>
                          {d.member ? <Text className={`st-tag ${read ? 'st-tag--done' : 'st-tag--wait'}`}>{read ? '已学' : '去学习'}</Text> : null}
                        </View>
                      );
                    })}
                  </View>
                </View>
              ) : (
                <StateView loading={false} empty emptyTitle="本月专题尚未发布" emptyText="支部书记发布后会在这里显示；自学记录可以先写起来。" />
              )}

              {d.member && (
                <View className="rp-card">
                  <View className="st-between">
                    <Text className="st-name">自学记录</Text>
                    <Text className={`st-tag ${d.record ? 'st-tag--done' : 'st-tag--wait'}`}>{d.record ? `已写 ${d.record.chars} 字` : '待撰写'}</Text>
                  </View>
                  <Text className="rp-muted st-line">
                    每月一篇，{d.topic ? `至少 ${d.topic.minRecordChars} 字，` : ''}本月可修改至 {fmtDeadline(d.recordDeadline)}
                  </Text>
                  <View className="rp-actions">
                    <Button type="primary" size="large" block onClick={() => go(`${ROUTES.studyRecord}?groupId=${id}`)}>
                      {d.record ? '查看和修改自学记录' : '撰写自学记录'}
                    </Button>
                  </View>
                </View>
              )}

              <Text className="rp-section-title">微信群</Text>
              <View className="rp-card">
                <Text className="rp-text">学习交流在支部微信群里进行。还没进群的成员，可以扫描书记上传的群二维码入群。</Text>
                {d.chatQr ? (
                  qr ? (
                    <>
                      <Image className="st-qr" src={qr.image} mode="aspectFit" showMenuByLongpress />
                      <Text className="rp-muted st-line">二维码 {fmtDay(new Date(new Date(qr.expiresAt).getTime() - 1))} 前有效，长按可识别</Text>
                    </>
                  ) : (
                    <View className="rp-actions">
                      <Button size="large" block loading={showQr.loading} onClick={() => void showQr.run()}>
                        查看微信群二维码
                      </Button>
                    </View>
                  )
                ) : (
                  <Text className="rp-muted st-line">暂无有效的群二维码，请联系支部书记拉您入群。</Text>
                )}
              </View>

              <View className="rp-card st-link st-between" hoverClass="st-pressed" onClick={() => go(ROUTES.studyQuizzes)}>
                <View>
                  <Text className="st-name">党建知识竞赛</Text>
                  <Text className="rp-muted st-line">随机抽题、限时作答，交卷后看解析</Text>
                </View>
                <Text className="rp-muted">›</Text>
              </View>
            </>
          )}
        </GroupGate>
      </View>
    </PageShell>
  );
}
