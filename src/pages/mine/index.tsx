import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { StateView } from '../../components/StateView';
import { RoleBadges } from '../../components/RoleBadges';
import { ListCard, ListRow } from '../../components/ListRow';
import { useResource } from '../../hooks/useResource';
import { usePrivacyConsent } from '../../hooks/usePrivacyConsent';
import { meResource, refreshMe } from '../../store/me';
import { avatarChar, displayName, maskPhone, MEMBER_STATUS_LABEL } from '../../domain/profile';
import { canApproveMembers, hasRole } from '../../domain/roles';
import { ROUTES } from '../../domain/routes';
import { go } from '../../utils/nav';
import { call } from '../../api/client';
import { useRemote } from '../../hooks/useRemote';
import { useReturnReload } from '../../hooks/useReturnReload';
import { useCare } from '../../store/care';
import { careSummary } from '../../domain/care';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

export default function Mine() {
  const me = useResource(meResource, { load: false });
  const consent = usePrivacyConsent({ auto: true });
  const data = me.data;
  const care = useCare();
  // The badge is a nicety: a failed count shows no number rather than an error.
  const unread = useRemote(() => call('notify', 'unreadCount', {}).catch(() => ({ unread: 0 })));
  useDidShow(() => void refreshMe());
  useReturnReload(() => unread.reload());

  return (
    <PageShell privacy="off">
      <View className="rp-page">
        <StateView loading={me.loading && !data} error={!data ? me.error : undefined} onRetry={me.reload} rows={5}>
          {data && (
            <>
              <View className="rp-card mine-head">
                <View className="mine-avatar">{avatarChar(data.profile)}</View>
                <View className="rp-grow">
                  <Text className={`mine-name ${data.profile?.name ? '' : 'mine-name--empty'}`}>
                    {displayName(data.profile)}
                  </Text>
                  <RoleBadges roles={data.roles} labels={data.roleLabels} />
                </View>
              </View>

              <ListCard>
                <ListRow title="所属企业" extra={data.enterprise?.name ?? '未绑定'} />
                <ListRow title="所在支部" extra={data.branch?.name ?? '未加入'} />
                {/* Where they are secretary is not where they belong (G-13): a 兼任 secretary may be a member elsewhere, or nowhere. */}
                {data.ledBranches.length ? <ListRow title="担任书记" extra={data.ledBranches.map((b) => b.name).join('、')} /> : null}
                <ListRow title="党员认证" extra={MEMBER_STATUS_LABEL[data.memberStatus]} />
                <ListRow title="手机号" extra={maskPhone(data.profile?.phone)} />
                <ListRow title="工作单位" extra={data.profile?.organisation || '未填写'} />
              </ListCard>

              <ListCard>
                <ListRow
                  title="消息中心"
                  extra={unread.data?.unread ? `${unread.data.unread} 条未读` : undefined}
                  onClick={() => go(ROUTES.messages)}
                />
                <ListRow title="编辑个人资料" onClick={() => go(ROUTES.profileEdit)} />
                {data.memberStatus !== 'approved' && (
                  <ListRow
                    title={data.memberStatus === 'pending' ? '入支部申请（审核中）' : '申请加入党支部'}
                    onClick={() => go(ROUTES.applyMember)}
                  />
                )}
                {data.memberStatus === 'approved' && (
                  <ListRow title="我的评议与岗位" description="民主评议结果、先锋岗 · 示范岗" onClick={() => go(ROUTES.branchMine)} />
                )}
                {!data.enterprise && (
                  <ListRow title="企业邀请码绑定" onClick={() => go(ROUTES.redeemInvite)} />
                )}
                {canApproveMembers(data.roles) && (
                  <ListRow title="待审批党员" onClick={() => go(ROUTES.pendingMembers)} />
                )}
                {canApproveMembers(data.roles) && (
                  <ListRow title="管理后台" description="数据看板、台账导出、操作日志" onClick={() => go(ROUTES.admin)} />
                )}
              </ListCard>

              {(data.enterprise || canApproveMembers(data.roles) || hasRole(data.roles, 'instructor')) && (
                <ListCard>
                  {data.enterprise && hasRole(data.roles, 'enterprise') && (
                    <ListRow title="我的企业台账" description="经营、从业人员、党员等“五清”信息" onClick={() => go(ROUTES.orgEnterprise)} />
                  )}
                  {canApproveMembers(data.roles) && <ListRow title="党建工作台" description="组织生活、星级评定、党组织情况" onClick={() => go(ROUTES.orgHome)} />}
                  {canApproveMembers(data.roles) && <ListRow title="支部工作" description="花名册、转接、党费、发展党员" onClick={() => go(ROUTES.branchHome)} />}
                  {hasRole(data.roles, 'instructor') && <ListRow title="我联系的企业" description="党建指导员联系企业的台账" onClick={() => go(ROUTES.orgLedger)} />}
                  {(data.enterprise || canApproveMembers(data.roles)) && <ListRow title="我的场馆预约" onClick={() => go(ROUTES.roomMine)} />}
                </ListCard>
              )}

              <ListCard>
                <ListRow title="投诉建议" description="对中心、专家或小程序的意见和建议" onClick={() => go(ROUTES.demandComplaint)} />
                <ListRow title="关于" description="主办单位与备案信息" onClick={() => go(ROUTES.about)} />
              </ListCard>

              <ListCard>
                <ListRow title="关怀模式" description="大字、大按钮" extra={careSummary(care.mode, care.step)} onClick={() => go(ROUTES.careMode)} />
              </ListCard>

              <ListCard>
                <ListRow
                  title="隐私保护指引"
                  extra={data.privacyAccepted ? '已同意' : '未同意'}
                  onClick={() => go(ROUTES.privacyPolicy)}
                />
                {!data.privacyAccepted && <ListRow title="阅读并同意隐私保护指引" onClick={consent.ask} />}
                <ListRow title="我的数据" description="查看、复制或删除您的个人信息" onClick={() => go(ROUTES.myData)} />
                {IS_H5 && (
                  <ListRow
                    title="切换演示身份"
                    onClick={() => void Taro.reLaunch({ url: ROUTES.demoLogin })}
                  />
                )}
              </ListCard>
            </>
          )}
        </StateView>
      </View>
      {consent.dialog}
    </PageShell>
  );
}
