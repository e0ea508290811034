import { useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import { Field } from '../../../components/Field';
import { Modal } from '../../../components/Modal';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { toast } from '../../../utils/nav';
import { printCodeSheet, saveCodeImage } from '../components/codeFile';
import './index.scss';

type Venue = Result<'checkin', 'listVenues'>[number];
type Code = Result<'checkin', 'venueCode'>;
interface Form {
  id?: string;
  name: string;
  address: string;
  description: string;
}

/** Admin: the center's venues, each with its printed visit code (download / print), add and edit. */
export default function Venues() {
  const list = useRemote(() => call('checkin', 'listVenues', {}));
  const vw = useShown(list.data, 20);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState('');
  const [code, setCode] = useState<Code | null>(null);

  const save = useSubmit(async () => {
    if (!form) return;
    if (!form.name.trim()) {
      setError('请填写场所名称');
      return;
    }
    try {
      await call('checkin', 'upsertVenue', form);
      toast(form.id ? '已保存' : '已添加场所');
      setForm(null);
      void list.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const showCode = useSubmit(async (v: Venue) => {
    try {
      setCode(await call('checkin', 'venueCode', { venueId: v.id }));
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const edit = (f: Form) => {
    setError('');
    setForm(f);
  };

  return (
    <PageShell>
      <View className="rp-page">
        {form ? (
          <View className="rp-card">
            <Text className="rp-title">{form.id ? '编辑场所' : '新增场所'}</Text>
            <Field label="名称" required value={form.name} onChange={(name) => edit({ ...form, name })} maxLength={30} error={error} />
            <Field label="位置" value={form.address} onChange={(address) => edit({ ...form, address })} maxLength={60} placeholder="例如 服务大楼二层 201" />
            <Field label="说明" value={form.description} onChange={(description) => edit({ ...form, description })} maxLength={200} />
            {form.id ? <Text className="rp-muted rp-block">修改名称和说明不影响已张贴的二维码。</Text> : null}
            <View className="rp-row venues-actions">
              <Button className="rp-grow" size="large" disabled={save.loading} onClick={() => setForm(null)}>
                取消
              </Button>
              <Button className="rp-grow" type="primary" size="large" loading={save.loading} onClick={() => void save.run()}>
                保存
              </Button>
            </View>
          </View>
        ) : (
          <View className="rp-actions venues-add">
            <Button type="primary" size="large" block onClick={() => edit({ name: '', address: '', description: '' })}>
              新增场所
            </Button>
          </View>
        )}

        <StateView loading={list.loading && !list.data} error={list.error} empty={list.data?.length === 0} emptyTitle="还没有场所" emptyText="点击“新增场所”添加第一个。" onRetry={() => void list.reload()}>
          {vw.shown.map((v) => (
            <View key={v.id} className="rp-card venues-item">
              <Text className="venues-item__name">{v.name}</Text>
              {v.address ? <Text className="rp-muted rp-block">{v.address}</Text> : null}
              {v.description ? <Text className="rp-text rp-block">{v.description}</Text> : null}
              <View className="rp-row venues-actions">
                <Button className="rp-grow" size="large" onClick={() => edit({ id: v.id, name: v.name, address: v.address, description: v.description })}>
                  编辑
                </Button>
                <Button className="rp-grow" type="primary" size="large" loading={showCode.loading} onClick={() => void showCode.run(v)}>
                  二维码
                </Button>
              </View>
            </View>
          ))}
          <ShowMore w={vw} />
        </StateView>
      </View>

      <Modal
        visible={!!code}
        title={code ? `${code.venue.name} · 到访二维码` : ''}
        footer={
          <View className="rp-row venues-actions">
            <Button className="rp-grow" size="large" onClick={() => setCode(null)}>
              关闭
            </Button>
            <Button
              className="rp-grow"
              size="large"
              onClick={() => {
                if (code && !printCodeSheet(code.image.dataUrl, code.venue.name, [code.venue.address])) toast('请先保存图片，再从手机打印');
              }}
            >
              打印
            </Button>
            <Button
              className="rp-grow"
              type="primary"
              size="large"
              onClick={() => {
                if (code) saveCodeImage(code.image.dataUrl, `${code.venue.name}-到访二维码`).catch(() => toast('保存失败，请允许保存到相册后重试'));
              }}
            >
              下载
            </Button>
          </View>
        }
      >
        {code ? (
          <View className="venues-code">
            <Image className="venues-code__image" src={code.image.dataUrl} mode="scaleToFill" />
            <Text className="rp-muted rp-block">{code.image.kind === 'wxacode' ? '小程序码：微信扫一扫即可签到' : '本地演示：二维码打开网页版签到页'}</Text>
          </View>
        ) : null}
      </Modal>
    </PageShell>
  );
}
