import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { TextBox } from '../../../components/TextBox';
import { PickChips } from '../../../components/PickChips';
import { toast } from '../../../utils/nav';

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  return (await Taro.showModal({ title, content, confirmText, cancelText: '取消' })).confirm;
}

interface Props {
  groupId: string;
  name: string;
  kind: 'branch' | 'topic';
  chatCount: number;
  closed: boolean;
  /** 转交 and 关闭 are the Party office's (the server refuses anyone else). */
  isAdmin: boolean;
  /** After a change: the page re-reads the group. */
  onChanged: () => void;
}

/**
 * 小组管理 (G-13): rename and unbind chats (the group's managers), hand over and close (admins).
 * Every change asks first; the server decides who may, this only hides what the viewer cannot do.
 */
export function GroupKeeping(p: Props) {
  const [name, setName] = useState(p.name);
  const [q, setQ] = useState('');
  const [to, setTo] = useState<string | null>(null);
  const [people, setPeople] = useState<{ openid: string; name: string }[] | null>(null);

  const rename = useSubmit(async () => {
    const next = name.trim();
    if (next === p.name) return toast('名称没有变化');
    if (!(await confirm('修改小组名称', `将“${p.name}”改名为“${next}”。成员看到的小组名称会一并更新。`, '改名'))) return;
    try {
      await call('study', 'renameGroup', { groupId: p.groupId, name: next });
      toast('已改名');
      p.onChanged();
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const unbind = useSubmit(async () => {
    const text = `将解除本小组与已绑定的 ${p.chatCount} 个微信群的绑定：群里再点开小组卡片将不能加入。已加入的成员不受影响。之后在正确的微信群里点开一次小组卡片，即可重新绑定。`;
    if (!(await confirm('解绑群聊', text, '解绑'))) return;
    try {
      const r = await call('study', 'unbindChat', { groupId: p.groupId });
      toast(`已解绑 ${r.unbound} 个群`);
      p.onChanged();
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const search = useSubmit(async () => {
    try {
      // Whom the server would accept: secretaries (for a branch group, that branch's) and admins.
      const [s, a] = await Promise.all([
        call('admin', 'users', { role: 'secretary', ...(q.trim() ? { q: q.trim() } : {}) }),
        call('admin', 'users', { role: 'admin', ...(q.trim() ? { q: q.trim() } : {}) }),
      ]);
      const seen = new Set<string>();
      setPeople([...s.rows, ...a.rows].filter((u) => !seen.has(u.openid) && !!seen.add(u.openid)).map((u) => ({ openid: u.openid, name: u.name || u.openid })));
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const transfer = useSubmit(async () => {
    const who = people?.find((x) => x.openid === to);
    if (!who) return toast('请先选择接收人');
    const rule = p.kind === 'branch' ? '支部学习小组只能转交给该支部的现任书记或党务管理员。' : '';
    if (!(await confirm('转交小组', `将“${p.name}”转交给“${who.name}”负责。${rule}`, '转交'))) return;
    try {
      await call('study', 'transferGroup', { groupId: p.groupId, toOpenid: who.openid });
      toast('已转交');
      setTo(null);
      p.onChanged();
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const close = useSubmit(async () => {
    const text = '关闭后小组不再出现在列表中，不能再加入，也不能发布新专题；本月及以前的学习记录和完成情况保留。关闭后不能重新打开。';
    if (!(await confirm('关闭小组', text, '关闭小组'))) return;
    try {
      await call('study', 'closeGroup', { groupId: p.groupId });
      toast('小组已关闭');
      p.onChanged();
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  if (p.closed) {
    return (
      <View className="rp-card">
        <Text className="st-name">小组已关闭</Text>
        <Text className="rp-muted st-line">本小组已关闭，仅保留历史学习记录。</Text>
      </View>
    );
  }
  return (
    <>
      <View className="rp-card">
        <TextBox label="小组名称" value={name} onChange={setName} maxLength={30} />
        <View className="rp-actions">
          <Button size="large" block loading={rename.loading} disabled={name.trim().length < 2} onClick={() => void rename.run()}>
            改名
          </Button>
        </View>
      </View>
      <View className="rp-card">
        <Text className="st-name">解绑群聊</Text>
        <Text className="rp-muted st-line">{p.chatCount ? `已绑定 ${p.chatCount} 个微信群。绑错了群（如在家庭群里点开了卡片）可在此解绑。` : '本小组还没有绑定微信群。'}</Text>
        {p.chatCount ? (
          <View className="rp-actions">
            <Button size="large" block loading={unbind.loading} onClick={() => void unbind.run()}>
              解绑群聊
            </Button>
          </View>
        ) : null}
      </View>
      {p.isAdmin ? (
        <>
          <View className="rp-card">
            <Text className="st-name">转交小组</Text>
            <Text className="rp-muted st-line">
              {p.kind === 'branch' ? '支部学习小组可转交给该支部的现任书记或党务管理员。' : '主题学习小组可转交给任一支部书记或党务管理员。'}
            </Text>
            <TextBox label="按姓名查找（选填）" value={q} onChange={setQ} maxLength={20} />
            <View className="rp-actions">
              <Button size="large" block loading={search.loading} onClick={() => void search.run()}>
                查找书记和管理员
              </Button>
            </View>
            {people ? (
              people.length ? (
                <PickChips label="接收人" items={people.map((x) => ({ value: x.openid, label: x.name }))} selected={to} onPick={setTo} />
              ) : (
                <Text className="rp-muted st-line">没有找到，请换个姓名再试。</Text>
              )
            ) : null}
            {to ? (
              <View className="rp-actions">
                <Button type="primary" size="large" block loading={transfer.loading} onClick={() => void transfer.run()}>
                  转交
                </Button>
              </View>
            ) : null}
          </View>
          <View className="rp-card">
            <Text className="st-name">关闭小组</Text>
            <Text className="rp-muted st-line">不再使用的小组可以关闭，历史记录保留。</Text>
            <View className="rp-actions">
              <Button size="large" block loading={close.loading} onClick={() => void close.run()}>
                关闭小组
              </Button>
            </View>
          </View>
        </>
      ) : null}
    </>
  );
}
