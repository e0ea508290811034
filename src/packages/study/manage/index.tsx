import { useEffect, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View, Text, Button as TaroButton, Picker } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { useRemote } from '../../../hooks/useRemote';
import { useReturnReload } from '../../../hooks/useReturnReload';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { fmtDeadline, parkDayAfter, parkMonthAfter } from '../../../domain/study';
import { go, toast } from '../../../utils/nav';
import { PickChips } from '../../../components/PickChips';
import { Figure } from '../components/Figure';
import { pickQrImage } from '../components/uploadQr';
import { GroupKeeping } from '../components/GroupKeeping';
import { useResource } from '../../../hooks/useResource';
import { meResource } from '../../../store/me';
import { hasRole } from '../../../domain/roles';
import { ListRow } from '../../../components/ListRow';
import { fmtDay } from '../../../domain/appointment';
import '../study.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return (await Taro.showModal({ title, content, confirmText, cancelText: '取消' })).confirm;
}

/**
 * A manager's view of a group: who has and has not finished the month (completion, never a
 * ranking), a reminder to those who have not, the month's topic, and the ways in — the card to
 * share into the WeChat group, the invite code, and the group's own QR picture.
 */
export default function Manage() {
  const groupId = useRouter().params.groupId ?? '';
  const [month, setMonth] = useState(parkMonthAfter(0));
  const done = useRemote(() => call('study', 'completion', { groupId, month }), [groupId, month]);
  const group = useRemote(() => call('study', 'getGroup', { id: groupId }), [groupId]);
  const [validUntil, setValidUntil] = useState(parkDayAfter(6));
  const me = useResource(meResource, { load: false });
  const isAdmin = hasRole(me.data?.roles ?? [], 'admin');
  useReturnReload(() => {
    void done.reload();
    void group.reload();
  });
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined);
  }, []);
  useShareAppMessage(() => ({
    title: group.data ? `邀请您加入“${group.data.group.name}”，一起学习` : '邀请您加入学习小组',
    path: `${ROUTES.studyJoin}?groupId=${groupId}`,
  }));

  const remind = useSubmit(async () => {
    const left = (done.data?.figures.members ?? 0) - (done.data?.figures.finished ?? 0);
    if (!(await confirm('提醒未完成的成员', `将给本月尚未完成学习的 ${left} 名成员发送一条学习提醒（每人每天最多一条）。`, '发送提醒'))) return;
    try {
      const r = await call('study', 'remind', { groupId, month });
      toast(r.queued ? `已提醒 ${r.queued} 人` : r.unfinished ? '今天已经提醒过了' : '大家都已完成');
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const remove = useSubmit(async (openid: string, name: string) => {
    if (!(await confirm('移出小组', `确定把“${name}”移出学习小组吗？其以往的学习记录会保留，之后可以用邀请码重新加入。`, '移出'))) return;
    try {
      await call('study', 'removeMember', { groupId, openid });
      toast('已移出');
      void done.reload();
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const resetCode = useSubmit(async () => {
    if (!(await confirm('更换邀请码', '更换后旧邀请码立即失效，已加入的成员不受影响。', '更换'))) return;
    try {
      await call('study', 'resetInviteCode', { groupId });
      void group.reload();
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const upload = useSubmit(async () => {
    try {
      const image = await pickQrImage(groupId);
      if (!image) return;
      await call('study', 'setChatQr', { groupId, image, validUntil });
      toast('群二维码已更新');
      void group.reload();
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const c = done.data;
  // A group is as big as its branch: twenty members at a time keep the page light on a phone.
  const pw = useShown(c?.people, 20);
  const g = group.data;
  const thisMonth = parkMonthAfter(0);
  return (
    <PageShell>
      <View className="rp-page">
        <PickChips
          items={[
            { value: thisMonth, label: '本月' },
            { value: parkMonthAfter(-1), label: '上月' },
          ]}
          selected={month}
          onPick={setMonth}
        />
        <StateView loading={done.loading && !c} error={done.error} onRetry={() => void done.reload()} rows={6}>
          {c && (
            <>
              <View className="rp-card">
                <Text className="rp-muted">{c.group.name}</Text>
                <Text className="rp-title st-line">{c.monthLabel}学习完成情况</Text>
                <Text className="rp-text st-line">{c.topic ? `专题：${c.topic.title}（${c.topic.materials} 份资料）` : '本月还没有发布专题'}</Text>
                <View className="st-figures">
                  <Figure value={c.figures.members} label="成员" />
                  <Figure value={c.figures.finished} label="已完成" />
                  <Figure value={c.figures.members - c.figures.finished} label="未完成" />
                </View>
                <Text className="rp-muted st-line">
                  完成 = 学完全部资料并提交自学记录。{c.current ? `自学记录截止 ${fmtDeadline(c.deadline)}。` : ''}
                </Text>
                {c.current && c.figures.members > c.figures.finished ? (
                  <View className="rp-actions">
                    <Button type="primary" size="large" block loading={remind.loading} onClick={() => void remind.run()}>
                      提醒未完成的成员
                    </Button>
                  </View>
                ) : null}
              </View>
              <View className="rp-card">
                {pw.shown.map((p) => (
                  <View key={p.memberId ?? p.openid ?? p.name} className="st-person">
                    <View className="rp-grow">
                      <Text className="st-name">{p.name}</Text>
                      <Text className="rp-muted st-line">
                        {p.total ? `资料 ${p.read}/${p.total}` : '无资料'} · {p.recorded ? '自学记录已交' : '自学记录未交'}
                      </Text>
                      {/* A branch group counts the branch's roster: say why someone cannot have studied here. */}
                      {!p.bound ? (
                        <Text className="rp-muted st-line">未绑定微信，无法在线学习</Text>
                      ) : !p.joined ? (
                        <Text className="rp-muted st-line">尚未加入小组，请提醒其用邀请码加入</Text>
                      ) : !p.current ? (
                        <Text className="rp-muted st-line">已不在本支部或已撤销党员身份，不再提醒</Text>
                      ) : null}
                    </View>
                    <Text className={`st-tag ${p.finished ? 'st-tag--done' : 'st-tag--wait'}`}>{p.finished ? '已完成' : '未完成'}</Text>
                    {p.owner || !p.openid || !p.joined ? null : (
                      <Text className="st-tag st-tag--ended st-remove" onClick={() => void remove.run(p.openid!, p.name)}>
                        移出
                      </Text>
                    )}
                  </View>
                ))}
                <ShowMore w={pw} />
              </View>
            </>
          )}
        </StateView>

        <Text className="rp-section-title">一月一专题</Text>
        <View className="rp-card">
          <Button size="large" block onClick={() => go(`${ROUTES.studyTopic}?groupId=${groupId}&month=${thisMonth}`)}>
            设置本月专题
          </Button>
          <View className="rp-actions">
            <Button size="large" block onClick={() => go(`${ROUTES.studyTopic}?groupId=${groupId}&month=${parkMonthAfter(1)}`)}>
              提前设置下月专题
            </Button>
          </View>
        </View>

        <Text className="rp-section-title">邀请成员</Text>
        <StateView loading={group.loading && !g} error={group.error} onRetry={() => void group.reload()}>
          {g && (
            <>
              <View className="rp-card">
                <Text className="st-name">分享到支部微信群</Text>
                <Text className="rp-muted st-line">
                  把小组卡片分享到微信群，您第一次在群里点开卡片时，这个群就绑定到本小组；之后群成员点开卡片即可加入。已绑定 {g.group.chatCount} 个群。
                </Text>
                {IS_H5 ? (
                  <Text className="rp-muted st-line">本地演示：微信分享需在小程序中进行。可在浏览器打开 {`${ROUTES.studyJoin}?groupId=${groupId}&chat=<群标识>`} 模拟从群里点开卡片。</Text>
                ) : (
                  <View className="rp-actions">
                    <TaroButton className="nut-button nut-button--primary nut-button--large nut-button--block" openType="share">
                      分享小组卡片
                    </TaroButton>
                  </View>
                )}
              </View>
              <View className="rp-card">
                <Text className="st-name">邀请码</Text>
                <Text className="st-code">{g.inviteCode}</Text>
                <Text className="rp-muted">不在微信群里的党员，可在“学习”页输入邀请码加入。</Text>
                <View className="rp-actions">
                  <Button size="large" block loading={resetCode.loading} onClick={() => void resetCode.run()}>
                    更换邀请码
                  </Button>
                </View>
              </View>
              <View className="rp-card">
                <Text className="st-name">微信群二维码</Text>
                <Text className="rp-muted st-line">
                  {g.chatQr ? `当前二维码 ${fmtDeadline(g.chatQr.expiresAt)} 前有效。` : '暂无有效的群二维码。'}微信群二维码 7 天内有效，请填写二维码下方显示的日期。
                </Text>
                {/* A date picker, like the quiz and lecture forms (G-22); it gives the YYYY-MM-DD setChatQr reads, at most 7 days ahead. */}
                <View className="st-pickers">
                  <Picker mode="date" value={validUntil} start={parkDayAfter(0)} end={parkDayAfter(7)} onChange={(e) => setValidUntil(String(e.detail.value))}>
                    <ListRow title="有效期至" extra={fmtDay(`${validUntil}T12:00:00+08:00`)} onClick={() => undefined} />
                  </Picker>
                </View>
                <View className="rp-actions">
                  <Button size="large" block loading={upload.loading} onClick={() => void upload.run()}>
                    上传群二维码图片
                  </Button>
                </View>
              </View>
            </>
          )}
        </StateView>

        <Text className="rp-section-title">小组管理</Text>
        {g ? (
          <GroupKeeping
            key={`${g.group.name}|${g.group.chatCount}|${g.group.closed}`}
            groupId={groupId}
            name={g.group.name}
            kind={g.group.kind}
            chatCount={g.group.chatCount}
            closed={g.group.closed}
            isAdmin={isAdmin}
            onChanged={() => {
              void group.reload();
              void done.reload();
            }}
          />
        ) : null}
      </View>
    </PageShell>
  );
}
