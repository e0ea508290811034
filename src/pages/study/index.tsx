import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { PageShell } from '../../components/PageShell';
import { StateView } from '../../components/StateView';
import { useResource } from '../../hooks/useResource';
import { meResource, refreshMe } from '../../store/me';
import { studyView } from '../../domain/menu';
import { MEMBER_STATUS_HINT } from '../../domain/profile';
import { ROUTES } from '../../domain/routes';
import { comingSoon, go } from '../../utils/nav';
import './index.scss';

const STUDY_ITEMS = [
  { key: 'topic', glyph: '题', title: '一月一专题', hint: '每月一个学习主题与学习资料' },
  { key: 'checkin', glyph: '卡', title: '学习打卡', hint: '学完当月专题后打卡记录' },
  { key: 'notes', glyph: '记', title: '自学记录', hint: '每月撰写一篇自学心得' },
  { key: 'quiz', glyph: '答', title: '党建知识竞赛', hint: '在线答题，赢取学习积分' },
];

const STEPS = [
  '在“我的资料”中填写真实姓名，便于支部书记核对；',
  '选择您所在的党支部，提交入支部申请；',
  '支部书记审核通过后，即可参加支部学习与组织生活。',
];

export default function Study() {
  const me = useResource(meResource, { load: false });
  const data = me.data;
  useDidShow(() => void refreshMe());
  const view = data ? studyView(data) : null;

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={me.loading && !data} error={!data ? me.error : undefined} onRetry={me.reload}>
          {view === 'member' && (
            <>
              <View className="rp-card study-hero">
                <Text className="rp-title">党员学习</Text>
                <Text className="rp-muted study-hero__branch">
                  {data?.branch ? `所在支部：${data.branch.name}` : '已认证党员'}
                </Text>
              </View>
              {STUDY_ITEMS.map((s) => (
                <View key={s.key} className="rp-card study-item" onClick={() => comingSoon(s.title)}>
                  <View className="rp-glyph">{s.glyph}</View>
                  <View className="rp-grow">
                    <Text className="study-item__title">{s.title}</Text>
                    <Text className="rp-muted study-item__hint">{s.hint}</Text>
                  </View>
                  <Tag className="rp-soon">即将开放</Tag>
                </View>
              ))}
            </>
          )}

          {view === 'pending' && (
            <View className="rp-card">
              <Text className="rp-title">入支部申请审核中</Text>
              <Text className="rp-text study-block">
                {data?.branch ? `您申请加入“${data.branch.name}”，` : ''}
                {MEMBER_STATUS_HINT.pending}审核通过后，这里将开放一月一专题、学习打卡等党员学习内容。
              </Text>
              <View className="rp-actions">
                <Button size="large" block onClick={() => go(ROUTES.mine)}>
                  查看我的信息
                </Button>
              </View>
            </View>
          )}

          {view === 'apply' && (
            <View className="rp-card">
              <Text className="rp-title">党员学习专区</Text>
              <Text className="rp-text study-block">
                这里是已认证党员参加支部学习的地方：一月一专题、学习打卡、自学记录和党建知识竞赛。
                {data?.memberStatus === 'rejected' ? MEMBER_STATUS_HINT.rejected : '如您是党员，请按以下步骤加入所在党支部：'}
              </Text>
              {STEPS.map((s, i) => (
                <View key={s} className="rp-row study-step">
                  <View className="study-step__no">{i + 1}</View>
                  <Text className="rp-text rp-grow">{s}</Text>
                </View>
              ))}
              <View className="rp-actions">
                <Button type="primary" size="large" block onClick={() => go(ROUTES.applyMember)}>
                  申请加入党支部
                </Button>
              </View>
              <Text className="rp-muted study-block">不是党员？也可以在“服务”中参加志愿服务等活动。</Text>
            </View>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
