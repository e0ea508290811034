import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { rearmPrivacyPrompt } from '../../../hooks/usePrivacyConsent';
import { call, errorMessage } from '../../../api/client';
import { meResource } from '../../../store/me';
import { parkTime } from '../../../domain/demand';
import { ROUTES } from '../../../domain/routes';
import { MEMBER_STATUS_LABEL } from '../../../domain/profile';
import { go, toast } from '../../../utils/nav';
import '../privacy.scss';

/** What the confirmation says will happen (cloudfunctions/user/erase.ts does exactly this). */
const CONSEQUENCES = [
  '个人资料清空，企业绑定和党员认证解除。',
  '未开始的报名和预约将被取消。',
  '自学记录、学习小组、消息和志愿时长证明将被删除。',
  '签到、志愿时长、预约、诉求记录匿名保留，不再与您关联。',
  '不能恢复；再次使用需重新同意隐私保护指引。',
];

/** 我的数据: what the park holds about me, a copy of it, and deleting it. */
export default function MyData() {
  const data = useRemote(() => call('user', 'myData', {}));
  const [ask, setAsk] = useState(false);
  const d = data.data;

  const remove = useSubmit(async () => {
    try {
      await call('user', 'deleteMyData', { confirm: true });
    } catch (e) {
      // Safe to try again: the deletion picks up where it stopped.
      setAsk(false);
      toast(errorMessage(e));
      return;
    }
    setAsk(false);
    meResource.reset();
    rearmPrivacyPrompt();
    void Taro.showToast({ title: '已删除', icon: 'success' });
    setTimeout(() => void Taro.reLaunch({ url: ROUTES.mine }), 800);
  });

  const copy = () => {
    if (!d) return;
    void Taro.setClipboardData({ data: JSON.stringify(d, null, 2) })
      .then(() => toast('已复制到剪贴板'))
      .catch(() => toast('复制失败，请稍后再试'));
  };

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <StateView loading={data.loading && !d} error={!d ? data.error : undefined} onRetry={data.reload} rows={6}>
          {d && (
            <>
              <View className="rp-card">
                <Text className="pv-head__name">{d.profile.name || '未填写姓名'}</Text>
                <View className="rp-kv">
                  <Text className="rp-kv__k">手机号</Text>
                  <Text className="rp-kv__v">{d.profile.phone || '未填写'}</Text>
                </View>
                <View className="rp-kv">
                  <Text className="rp-kv__k">工作单位</Text>
                  <Text className="rp-kv__v">{d.profile.organisation || '未填写'}</Text>
                </View>
                <View className="rp-kv">
                  <Text className="rp-kv__k">身份</Text>
                  <Text className="rp-kv__v">{d.roles.length ? d.roles.join('、') : '访客'}</Text>
                </View>
                <View className="rp-kv">
                  <Text className="rp-kv__k">所属企业</Text>
                  <Text className="rp-kv__v">{d.enterprise ?? '未绑定'}</Text>
                </View>
                <View className="rp-kv">
                  <Text className="rp-kv__k">党员认证</Text>
                  <Text className="rp-kv__v">{MEMBER_STATUS_LABEL[d.memberStatus]}{d.branch ? ` · ${d.branch}` : ''}</Text>
                </View>
                <View className="rp-kv">
                  <Text className="rp-kv__k">同意时间</Text>
                  <Text className="rp-kv__v">{d.privacyAcceptedAt ? parkTime(d.privacyAcceptedAt) : '未同意'}</Text>
                </View>
              </View>

              {d.sections.map((s) => (
                <View key={s.key} className="rp-card">
                  <View className="rp-between">
                    <Text className="rp-title">{s.title}</Text>
                    <Text className="pv-count">共 {s.count} 条</Text>
                  </View>
                  <View className="rp-tags">
                    <Text className={`rp-tag ${s.fate === 'delete' ? 'rp-tag--primary' : 'rp-tag--muted'}`}>
                      {s.fate === 'delete' ? '删除数据时清除' : '删除数据时匿名保留'}
                    </Text>
                  </View>
                  {s.extra ? <Text className="rp-muted rp-block">{s.extra}</Text> : null}
                  {s.recent.length ? (
                    <View className="pv-recent">
                      {s.recent.map((r, i) => (
                        <View key={i} className="pv-recent__row">
                          <Text className="rp-grow">{r.title}</Text>
                          <Text>{r.note}</Text>
                        </View>
                      ))}
                    </View>
                  ) : null}
                </View>
              ))}

              <View className="rp-card">
                <Text className="rp-text rp-block">以上为摘要（每类最近 3 条）。</Text>
                <View className="rp-actions">
                  <Button size="large" block onClick={copy}>
                    复制全部摘要（JSON）
                  </Button>
                  <Button size="large" block onClick={() => go(ROUTES.privacyPolicy)}>
                    查看隐私保护指引
                  </Button>
                </View>
              </View>

              <View className="rp-card pv-danger">
                <Text className="rp-title">删除我的数据</Text>
                {d.canDelete ? (
                  <>
                    <Text className="rp-text rp-block">删除后，您的个人信息将被清除，需要园区保留的记录会匿名保存。</Text>
                    <View className="rp-actions">
                      <Button type="primary" size="large" block onClick={() => setAsk(true)}>
                        删除我的数据
                      </Button>
                    </View>
                  </>
                ) : (
                  <Text className="rp-text rp-block">{d.deleteRefusal}</Text>
                )}
              </View>
            </>
          )}
        </StateView>
      </View>
      <Dialog
        visible={ask}
        title="确定删除我的数据？"
        content={
          <View className="pv-consequences">
            {CONSEQUENCES.map((c) => (
              <Text key={c} className="pv-consequence">
                · {c}
              </Text>
            ))}
          </View>
        }
        confirmText={remove.loading ? '正在删除…' : '确定删除'}
        cancelText="再想想"
        onConfirm={() => void remove.run()}
        onCancel={() => !remove.loading && setAsk(false)}
        onClose={() => !remove.loading && setAsk(false)}
      />
    </PageShell>
  );
}
