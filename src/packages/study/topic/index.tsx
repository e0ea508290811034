import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { MATERIAL_KIND, newMaterialWarning } from '../../../domain/study';
import { TextBox } from '../../../components/TextBox';
import { PickChips } from '../../../components/PickChips';
import '../study.scss';

type Kind = 'text' | 'link' | 'video' | 'channels';
interface Draft {
  id?: string;
  kind: Kind;
  title: string;
  body: string;
  url: string;
  /** 视频号 (channels) only: the account's id and the video's feedId, nonceId when given. */
  finderUserName: string;
  feedId: string;
  nonceId: string;
}

const blank = (): Draft => ({ kind: 'text', title: '', body: '', url: '', finderUserName: '', feedId: '', nonceId: '' });

/** What setTopic receives for one draft: each kind sends its own fields only (the schema is strict). */
function materialParams(m: Draft) {
  const id = m.id ? { id: m.id } : {};
  const base = { ...id, title: m.title.trim(), body: m.body.trim() };
  if (m.kind === 'text') return { ...base, kind: 'text' as const };
  if (m.kind === 'channels') {
    const nonceId = m.nonceId.trim();
    return { ...base, kind: 'channels' as const, finderUserName: m.finderUserName.trim(), feedId: m.feedId.trim(), url: m.url.trim(), ...(nonceId ? { nonceId } : {}) };
  }
  return { ...base, kind: m.kind, url: m.url.trim() };
}

/** 一月一专题 editor: title, introduction, materials (text, link, video) and the record's minimum length. */
export default function Topic() {
  const { groupId = '', month = '' } = useRouter().params;
  const data = useRemote(() => call('study', 'getTopic', { groupId, month }), [groupId, month]);
  const [title, setTitle] = useState('');
  const [intro, setIntro] = useState('');
  const [minChars, setMinChars] = useState('200');
  const [materials, setMaterials] = useState<Draft[]>([blank()]);
  const [error, setError] = useState('');

  useEffect(() => {
    const t = data.data?.topic;
    if (!t) return;
    setTitle(t.title);
    setIntro(t.intro);
    setMinChars(String(t.minRecordChars));
    setMaterials(
      t.materials.map((m) => ({
        id: m.id, kind: m.kind, title: m.title, body: m.body, url: m.url,
        finderUserName: m.finderUserName ?? '', feedId: m.feedId ?? '', nonceId: m.nonceId ?? '',
      })),
    );
  }, [data.data]);

  const dropMaterial = async (i: number) => {
    const name = materials[i].title.trim() || `资料 ${i + 1}`;
    const ok = (await Taro.showModal({ title: '删除资料', content: `确定删除“${name}”吗？保存后成员将看不到这份资料。`, confirmText: '删除', cancelText: '取消' })).confirm;
    if (ok) setMaterials((ms) => ms.filter((_, k) => k !== i));
  };
  const edit = (i: number, patch: Partial<Draft>) => setMaterials((ms) => ms.map((m, k) => (k === i ? { ...m, ...patch } : m)));

  const save = useSubmit(async () => {
    setError('');
    const warning = newMaterialWarning(data.data?.finished ?? 0, materials);
    if (warning && !(await Taro.showModal({ title: '新增资料', content: warning, confirmText: '发布', cancelText: '取消' })).confirm) return;
    try {
      await call('study', 'setTopic', {
        groupId,
        month,
        title: title.trim(),
        intro: intro.trim(),
        minRecordChars: Number(minChars) || 0,
        materials: materials.map(materialParams),
      });
      void Taro.showToast({ title: '专题已发布', icon: 'success' });
      setTimeout(() => void Taro.navigateBack().catch(() => undefined), 800);
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const d = data.data;
  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={data.loading && !d} error={data.error} onRetry={() => void data.reload()} rows={6}>
          {d && (
            <>
              <View className="rp-card">
                <Text className="rp-muted">{d.group.name}</Text>
                <Text className="rp-title st-line">{d.monthLabel}专题</Text>
                <TextBox label="专题名称" value={title} onChange={setTitle} placeholder="如：学党章 守党规 做合格党员" maxLength={40} />
                <TextBox label="专题介绍" multiline value={intro} onChange={setIntro} placeholder="本月学什么、为什么学、怎么学" maxLength={1000} />
                <TextBox label="自学记录最少字数（50–1000）" type="number" value={minChars} onChange={setMinChars} maxLength={4} />
              </View>
              <Text className="rp-section-title">学习资料</Text>
              {materials.map((m, i) => (
                <View key={m.id ?? `new-${i}`} className="rp-card">
                  <Text className="st-name">资料 {i + 1}</Text>
                  <PickChips items={(['text', 'link', 'video', 'channels'] as Kind[]).map((k) => ({ value: k, label: MATERIAL_KIND[k].label }))} selected={m.kind} onPick={(k) => edit(i, { kind: k })} />
                  <TextBox label="标题" value={m.title} onChange={(v) => edit(i, { title: v })} maxLength={60} />
                  {m.kind === 'text' ? (
                    <TextBox label="学习内容" multiline value={m.body} onChange={(v) => edit(i, { body: v })} maxLength={8000} />
                  ) : m.kind === 'channels' ? (
                    <>
                      <Text className="rp-muted st-line">成员点开后在微信视频号中观看。视频号 ID 在视频号助手首页查看，feedId 在「动态管理」中复制。</Text>
                      <TextBox label="视频号 ID（sph 开头）" value={m.finderUserName} onChange={(v) => edit(i, { finderUserName: v })} placeholder="sph…" maxLength={44} />
                      <TextBox label="视频 feedId" value={m.feedId} onChange={(v) => edit(i, { feedId: v })} placeholder="export/…" maxLength={500} />
                      <TextBox label="nonceId（选填）" value={m.nonceId} onChange={(v) => edit(i, { nonceId: v })} maxLength={200} />
                      <TextBox label="网页版链接（选填，网页版打开）" value={m.url} onChange={(v) => edit(i, { url: v })} placeholder="https://" maxLength={500} />
                      <TextBox label="说明（选填）" value={m.body} onChange={(v) => edit(i, { body: v })} maxLength={500} />
                    </>
                  ) : (
                    <>
                      <TextBox label={m.kind === 'video' ? '视频链接' : '文章链接'} value={m.url} onChange={(v) => edit(i, { url: v })} placeholder="https://" maxLength={500} />
                      <Text className="rp-muted st-line">公众号文章（mp.weixin.qq.com）和园区登记过的网站在微信内直接打开；其他网站成员需复制链接到浏览器打开。</Text>
                      <TextBox label="说明（选填）" value={m.body} onChange={(v) => edit(i, { body: v })} maxLength={500} />
                    </>
                  )}
                  {materials.length > 1 ? (
                    <View className="rp-actions">
                      <Button size="large" block fill="outline" onClick={() => void dropMaterial(i)}>
                        删除这份资料
                      </Button>
                    </View>
                  ) : null}
                </View>
              ))}
              {materials.length < 12 ? (
                <Button size="large" block onClick={() => setMaterials((ms) => [...ms, blank()])}>
                  添加一份资料
                </Button>
              ) : null}
              <View className="rp-card rp-actions">
                {error ? <Text className="rp-error-text st-line">{error}</Text> : null}
                <Button type="primary" size="large" block loading={save.loading} onClick={() => void save.run()}>
                  {save.loading ? '正在发布…' : d.topic ? '保存修改' : '发布专题'}
                </Button>
              </View>
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
