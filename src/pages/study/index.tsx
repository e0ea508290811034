import { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../components/PageShell';
import { StateView } from '../../components/StateView';
import { ListCard, ListRow } from '../../components/ListRow';
import { useResource } from '../../hooks/useResource';
import { useRemote } from '../../hooks/useRemote';
import { useReturnReload } from '../../hooks/useReturnReload';
import { call, hasIdentity } from '../../api/client';
import { meResource, refreshMe } from '../../store/me';
import { studyView } from '../../domain/menu';
import { hasRole } from '../../domain/roles';
import { MEMBER_STATUS_HINT } from '../../domain/profile';
import { ROUTES } from '../../domain/routes';
import { standingText } from '../../domain/studyStanding';
import { go } from '../../utils/nav';
import './index.scss';

const STEPS = [
  '在“我的资料”中填写真实姓名，便于支部书记核对；',
  '选择您所在的党支部，提交入支部申请；',
  '支部书记审核通过后，即可参加支部学习与组织生活。',
];

/**
 * The 学习 tab: the entry to 党员学习. Kept light for the main package — one call (`study.home`)
 * and shared components; every study page itself lives in the `packages/study` sub-package.
 */
export default function Study() {
  const me = useResource(meResource, { load: false });
  const data = me.data;
  const view = data ? studyView(data) : null;
  const roles = data?.roles ?? [];
  const runsGroups = hasRole(roles, 'admin') || hasRole(roles, 'secretary');
  const wanted = view === 'member' || runsGroups;
  const home = useRemote(() => (wanted && hasIdentity() ? call('study', 'home', {}) : Promise.resolve(null)), [wanted]);
  useDidShow(() => void refreshMe());
  useReturnReload(() => {
    if (wanted) void home.reload();
  });

  const groups = home.data?.groups ?? [];
  const mine = groups.filter((g) => g.member);
  const runOnly = groups.filter((g) => !g.member && g.manager);

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={me.loading && !data} error={!data ? me.error : undefined} onRetry={me.reload}>
          {wanted && (
            <>
              <View className="rp-card study-hero">
                <Text className="rp-title">党员学习</Text>
                <Text className="rp-muted study-hero__branch">
                  {data?.branch ? `所在支部：${data.branch.name}` : '一月一专题 · 学习打卡 · 自学记录 · 知识竞赛'}
                </Text>
              </View>

              <Text className="rp-section-title">{home.data ? `我的学习小组 · ${home.data.monthLabel}` : '我的学习小组'}</Text>
              <StateView
                loading={home.loading && !home.data}
                error={home.error}
                onRetry={() => void home.reload()}
                empty={!!home.data && mine.length === 0 && view === 'member'}
                emptyTitle="还没有加入学习小组"
                emptyText="在支部微信群里点开学习小组的卡片即可加入，也可以输入支部书记提供的邀请码。"
                emptyAction={
                  <View className="rp-actions">
                    <Button type="primary" size="large" block onClick={() => go(ROUTES.studyJoin)}>
                      输入邀请码加入
                    </Button>
                  </View>
                }
              >
                {mine.map((g) => (
                  <View key={g.id} className="rp-card study-item" hoverClass="study-item--pressed" onClick={() => go(`${ROUTES.studyGroup}?id=${g.id}`)}>
                    <View className="rp-glyph">{g.kind === 'branch' ? '支' : '学'}</View>
                    <View className="rp-grow">
                      <Text className="study-item__title">{g.name}</Text>
                      <Text className="rp-text study-item__hint">{g.topicTitle ? `本月专题：${g.topicTitle}` : '本月专题尚未发布'}</Text>
                      <Text className={`rp-muted study-item__hint ${g.standing?.finished ? 'study-item__done' : ''}`}>{standingText(g.standing)}</Text>
                    </View>
                    <Text className="study-item__arrow">›</Text>
                  </View>
                ))}
              </StateView>

              <ListCard>
                {view === 'member' && <ListRow title="党建知识竞赛" description="在线答题，交卷后查看每道题的解析" onClick={() => go(ROUTES.studyQuizzes)} />}
                {view === 'member' && <ListRow title="我的学习" description="学习记录、竞赛成绩、大党课出勤" onClick={() => go(ROUTES.studyProgress)} />}
                {view === 'member' && mine.length > 0 && <ListRow title="加入其他学习小组" description="输入邀请码加入主题学习小组" onClick={() => go(ROUTES.studyJoin)} />}
              </ListCard>

              {runsGroups && (
                <>
                  <Text className="rp-section-title">小组管理</Text>
                  <ListCard>
                    {[...mine.filter((g) => g.manager), ...runOnly].map((g) => (
                      <ListRow key={g.id} title={g.name} description="学习完成情况、本月专题、邀请成员" onClick={() => go(`${ROUTES.studyManage}?groupId=${g.id}`)} />
                    ))}
                    <ListRow title="创建学习小组" description="支部学习小组或主题学习小组" onClick={() => go(ROUTES.studyCreate)} />
                    <ListRow title="设置知识竞赛" description="从题库随机抽题、限时作答" onClick={() => go(ROUTES.studyQuizEdit)} />
                    {hasRole(roles, 'admin') && <ListRow title="安排大党课" description="创建党课签到活动，现场扫码计出勤" onClick={() => go(ROUTES.studyLecture)} />}
                  </ListCard>
                </>
              )}
            </>
          )}

          {view === 'pending' && !wanted && (
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

          {view === 'apply' && !wanted && (
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
