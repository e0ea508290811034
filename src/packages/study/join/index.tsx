import { useEffect, useRef, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { useSubmit } from '../../../hooks/useSubmit';
import { ApiError, call, errorMessage } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { inviteCodeError, normaliseInviteCode } from '../../../domain/profile';
import { CHAT_SCENES, demoShare } from '../../../domain/study';
import { TextBox } from '../../../components/TextBox';
import '../study.scss';

type Share = { cloudID: string };

/**
 * The proof that the page was opened from a card in a group chat. WeChat: the launch's
 * cloudID (getGroupEnterInfo, or getShareInfo with the shareTicket on old base libraries) —
 * the function exchanges it for the chat's openGId itself. Local h5: `?chat=` as the gateway's
 * test form. Null when not opened from a chat.
 */
async function shareProof(chat: string | undefined): Promise<Share | null> {
  if (process.env.TARO_ENV !== 'weapp') return demoShare(chat);
  const launch = Taro.getEnterOptionsSync();
  if (!CHAT_SCENES.includes(launch.scene)) return null;
  const viaGroupInfo = await new Promise<string | undefined>((resolve) => {
    if (typeof Taro.getGroupEnterInfo !== 'function') return resolve(undefined);
    Taro.getGroupEnterInfo({ success: (r) => resolve(r.cloudID), fail: () => resolve(undefined) });
  });
  if (viaGroupInfo) return { cloudID: viaGroupInfo };
  if (!launch.shareTicket) return null;
  const info = await Taro.getShareInfo({ shareTicket: launch.shareTicket }).catch(() => null);
  return info?.cloudID ? { cloudID: info.cloudID } : null;
}

const SHARE_DONE: Record<string, string> = {
  bound: '已把这个微信群绑定到学习小组，群成员点开卡片即可加入。',
  joined: '已加入学习小组。',
  already: '您已经是这个学习小组的成员。',
  linked: '这个微信群已绑定到本学习小组。',
};

/** Joining a study group: automatically when opened from the group's card in its chat, otherwise by invite code. */
export default function Join() {
  const { groupId, chat, code: codeParam } = useRouter().params;
  const [code, setCode] = useState(codeParam ?? '');
  const [error, setError] = useState('');
  const [shareState, setShareState] = useState<'idle' | 'working' | 'failed'>('idle');
  const [done, setDone] = useState<{ groupId: string; name: string; text: string } | null>(null);
  const tried = useRef(false);

  useEffect(() => {
    if (!groupId || tried.current) return;
    tried.current = true;
    void (async () => {
      const share = await shareProof(chat);
      if (!share) return;
      setShareState('working');
      try {
        const r = await call('study', 'joinByShare', { groupId, share });
        setDone({ groupId: r.group.id, name: r.group.name, text: SHARE_DONE[r.status] });
      } catch (e) {
        setShareState('failed');
        setError(errorMessage(e));
      }
    })();
  }, [groupId, chat]);

  const join = useSubmit(async () => {
    const c = normaliseInviteCode(code);
    const bad = inviteCodeError(c);
    if (bad) {
      setError(bad);
      return;
    }
    setError('');
    try {
      const r = await call('study', 'joinByCode', { code: c });
      setDone({ groupId: r.group.id, name: r.group.name, text: r.status === 'joined' ? '已加入学习小组。' : '您已经是这个学习小组的成员。' });
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'FORBIDDEN' ? '学习小组面向已认证党员；请先在“我的”中申请加入所在党支部。' : errorMessage(e));
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        {done ? (
          <View className="rp-card">
            <Text className="rp-title">{done.name}</Text>
            <Text className="rp-text st-line">{done.text}</Text>
            <View className="rp-actions">
              <Button type="primary" size="large" block onClick={() => void Taro.redirectTo({ url: `${ROUTES.studyGroup}?id=${done.groupId}` })}>
                进入学习小组
              </Button>
            </View>
          </View>
        ) : (
          <>
            {shareState === 'working' && (
              <View className="rp-card">
                <Text className="rp-text">正在确认您所在的微信群…</Text>
              </View>
            )}
            <View className="rp-card">
              <Text className="rp-title st-head">用邀请码加入</Text>
              <Text className="rp-muted">支部书记会在群里或当面告诉您学习小组的邀请码（字母和数字，不区分大小写）。</Text>
              <TextBox id="st-code" label="邀请码" value={code} onChange={(v) => { setCode(v); setError(''); }} placeholder="例如 XHWDZB26" maxLength={12} error={error} />
              <View className="rp-actions">
                <Button type="primary" size="large" block loading={join.loading} onClick={() => void join.run()}>
                  {join.loading ? '正在加入…' : '加入学习小组'}
                </Button>
              </View>
            </View>
            <Text className="rp-muted st-line">在支部微信群里点开学习小组的卡片，也可以直接加入。</Text>
          </>
        )}
      </View>
    </PageShell>
  );
}
