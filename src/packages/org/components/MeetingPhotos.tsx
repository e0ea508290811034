import Taro from '@tarojs/taro';
import { View, Text, Image } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { toast } from '../../../utils/nav';

/** What the server keeps per record (org/orgLifeShared.ts MAX_PHOTOS). */
const MAX_PHOTOS = 9;
const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * wx.chooseMedia through its callbacks: Taro passes chooseMedia straight to wx without making a
 * promise of it (it is not in Taro's promisified list), and a cancel is a `fail`, answered as none.
 */
function pickImages(count: number): Promise<Taro.chooseMedia.SuccessCallbackResult | null> {
  return new Promise((resolve) => {
    Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'], success: resolve, fail: () => resolve(null) });
  });
}

/**
 * 会议照片 (G-03): up to nine pictures of a meeting, kept in cloud storage; the record holds only
 * their `cloud://` file ids (WeChat's <image> and previewImage take those ids as they are, so no
 * temporary address is fetched). The browser build has no cloud storage: there the page says
 * photos are added in the mini-program. Adding or removing a photo is an edit like any other:
 * after the meeting began the record waits for an admin's 核实 again (updateOrgLife), and the card
 * says so before the tap. Files are uploaded first and the record changed once with the whole
 * list, so a failed upload changes nothing; an uploaded file whose record write failed is left
 * unreferenced in storage (the cost of not holding image bytes in the database).
 */
export function MeetingPhotos(p: { id: string; photos: string[]; startAt: string; canEdit: boolean; onChanged: () => void }) {
  const room = MAX_PHOTOS - p.photos.length;
  const started = new Date(p.startAt).getTime() <= Date.now();

  const save = async (photos: string[], done: string) => {
    const r = await call('org', 'updateOrgLife', { id: p.id, photos });
    toast(r.state === 'pending' && started ? `${done}，待管理员核实` : done);
    p.onChanged();
  };

  const add = useSubmit(async () => {
    const picked = await pickImages(room);
    const files = (picked?.tempFiles ?? []).slice(0, room);
    if (!files.length) return;
    // An upload that fails is WeChat's error object, not the server's: say what failed in words.
    const ids: string[] = [];
    try {
      for (const [i, f] of files.entries()) {
        const ext = /\.png$/i.test(f.tempFilePath) ? 'png' : 'jpg';
        const up = await Taro.cloud.uploadFile({ cloudPath: `orglife/${p.id}/${Date.now()}-${i}.${ext}`, filePath: f.tempFilePath });
        ids.push(up.fileID);
      }
    } catch {
      return toast('照片上传未成功，请检查网络后重试');
    }
    try {
      await save([...p.photos, ...ids], `已添加 ${ids.length} 张照片`);
    } catch (err) {
      toast(errorMessage(err));
    }
  });

  const remove = useSubmit(async (fileID: string) => {
    const ok = await Taro.showModal({ title: '删除照片', content: started ? '删除后该记录需经管理员重新核实。确定删除吗？' : '确定删除这张照片吗？', confirmText: '删除' }).catch(() => null);
    if (!ok?.confirm) return;
    try {
      await save(p.photos.filter((x) => x !== fileID), '已删除照片');
    } catch (err) {
      toast(errorMessage(err));
    }
  });

  if (!p.photos.length && !p.canEdit) return null;
  return (
    <View className="rp-card" id="meeting-photos">
      <Text className="rp-name">{`会议照片（${p.photos.length}）`}</Text>
      {IS_WEAPP ? (
        <View className="og-photos">
          {p.photos.map((f) => (
            <View key={f} className="og-photo">
              <Image className="og-photo__img" src={f} mode="aspectFill" onClick={() => void Taro.previewImage({ urls: p.photos, current: f })} />
              {p.canEdit ? (
                <Text className="og-photo__del" onClick={() => void remove.run(f)}>
                  删除
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      ) : (
        <Text className="rp-muted rp-line">{p.photos.length ? '照片请在微信小程序中查看。' : '照片请在微信小程序中添加。'}</Text>
      )}
      {p.canEdit && IS_WEAPP && room > 0 ? (
        <>
          {started ? <Text className="og-note og-note--warn">会议开始后添加或删除照片，记录需经管理员重新核实后才计入星级评定。</Text> : null}
          <Button size="large" block loading={add.loading} onClick={() => void add.run()}>
            {add.label(`添加照片（还可 ${room} 张）`)}
          </Button>
        </>
      ) : null}
    </View>
  );
}
