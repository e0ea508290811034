import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { Chips } from '../../../components/Chips';
import { LoadMore } from '../../../components/LoadMore';
import { usePaged } from '../../../hooks/usePaged';
import { useResource } from '../../../hooks/useResource';
import { call } from '../../../api/client';
import { meResource } from '../../../store/me';
import { hasRole, isEnterprise } from '../../../domain/roles';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { POLICY_CATEGORIES, POLICY_LEVELS, POLICY_STATUSES, type PolicyCategory, type PolicyLevel, type PolicyStatus } from '../../../../cloudfunctions/policy/terms';
import { PolicyCard } from '../components/PolicyCard';
import '../components/policy.scss';

interface Filters {
  q: string;
  level: PolicyLevel | '';
  category: PolicyCategory | '';
  status: PolicyStatus | '';
}

/** 惠企政策: search by words, filter by level, category and status, page by page. Open to everyone. */
export default function PolicyList() {
  const me = useResource(meResource, { load: false });
  const roles = me.data?.roles ?? [];
  const [text, setText] = useState('');
  const [f, setF] = useState<Filters>({ q: '', level: '', category: '', status: '有效' });
  const list = usePaged(
    (page) =>
      call('policy', 'list', {
        page,
        ...(f.q ? { q: f.q } : {}),
        ...(f.level ? { level: f.level } : {}),
        ...(f.category ? { category: f.category } : {}),
        ...(f.status ? { status: f.status } : {}),
      }),
    [f.q, f.level, f.category, f.status],
  );

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const search = () => setF((x) => ({ ...x, q: text.trim() }));

  return (
    <PageShell>
      <View className="rp-page">
        <View className="pl-links">
          <View className="pl-link" hoverClass="pl-link--pressed" onClick={() => go(ROUTES.policyPackages)}>
            惠企礼包
          </View>
          {isEnterprise(roles) ? (
            <View className="pl-link" hoverClass="pl-link--pressed" onClick={() => go(ROUTES.policyMatch)}>
              可享政策
            </View>
          ) : null}
          {hasRole(roles, 'admin') ? (
            <View className="pl-link" hoverClass="pl-link--pressed" onClick={() => go(ROUTES.policyEdit)}>
              新增政策
            </View>
          ) : null}
        </View>

        <View className="rp-card">
          <View className="pl-search">
            <Input
              className="pl-search__input"
              value={text}
              onChange={setText}
              placeholder="搜索政策名称或内容，如“研发”"
              maxLength={30}
              clearable
              confirmType="search"
              onConfirm={search}
              onClear={() => setF((x) => ({ ...x, q: '' }))}
            />
            <Button type="primary" size="large" onClick={search}>
              搜索
            </Button>
          </View>
        </View>

        <View className="rp-card">
          <Chips label="政策层级" options={POLICY_LEVELS} value={f.level} allLabel="全部" onChange={(level) => setF((x) => ({ ...x, level }))} />
          <Chips label="政策类别" options={POLICY_CATEGORIES} value={f.category} allLabel="全部" onChange={(category) => setF((x) => ({ ...x, category }))} />
          <Chips label="申报状态" options={POLICY_STATUSES} value={f.status} allLabel="全部" onChange={(status) => setF((x) => ({ ...x, status }))} />
        </View>

        <StateView
          loading={list.loading && list.items.length === 0}
          error={list.items.length === 0 ? list.error : undefined}
          empty={!list.loading && list.items.length === 0}
          emptyTitle="没有找到相关政策"
          emptyText={f.q ? `没有包含“${f.q}”的政策，可换个说法，或清除筛选条件。` : '可清除筛选条件后再看看。'}
          onRetry={() => void list.reload()}
        >
          <Text className="rp-muted pl-count">
            共 {list.total} 项政策{f.q ? `（含“${f.q}”）` : ''}
          </Text>
          {list.items.map((p) => (
            <PolicyCard key={p.id} p={p} />
          ))}
          <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.error} count={list.items.length} total={list.total} onMore={() => void list.more()} />
        </StateView>
      </View>
    </PageShell>
  );
}
