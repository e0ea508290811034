import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { ROLE_LABEL, type Role } from '../../../domain/roles';
import { toast } from '../../../utils/nav';
import { GRANTABLE, grantNeedsScope, grantParams, type Grantable } from '../../../domain/admin';
import '../admin.scss';

const FILTERS: (Role | '')[] = ['', 'admin', 'secretary', 'instructor', 'member', 'expert', 'enterprise'];

interface Pending {
  kind: 'grant' | 'revoke';
  openid: string;
  name: string;
  role: Grantable;
  scopeId?: string;
  scopeName?: string;
}

/**
 * 用户与角色: search and page through users; grant or revoke a role through `user.grantRole` /
 * `user.revokeRole` (both audited), each after a confirmation.
 */
export default function Users() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [page, setPage] = useState(1);
  const list = useRemote(() => call('admin', 'users', { ...(query ? { q: query } : {}), ...(role ? { role } : {}), page }), [query, role, page]);
  const [granting, setGranting] = useState<{ openid: string; name: string } | null>(null);
  const [grantRole, setGrantRole] = useState<Grantable>('member');
  const [scope, setScope] = useState<{ id: string; name: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const scopes = useRemote(async () => {
    if (!granting) return [];
    if (grantRole === 'member' || grantRole === 'secretary') return (await call('user', 'listBranches', {})).map((b) => ({ id: b.id, name: b.name }));
    if (grantRole === 'expert') return (await call('appointment', 'listTeams', {})).map((t) => ({ id: t.id, name: t.name }));
    if (grantRole === 'enterprise') return (await call('appointment', 'adminData', {})).enterprises;
    return [];
  }, [granting?.openid, grantRole]);

  const apply = useSubmit(async () => {
    if (!pending) return;
    try {
      if (pending.kind === 'revoke') {
        await call('user', 'revokeRole', { openid: pending.openid, role: pending.role });
      } else {
        await call('user', 'grantRole', grantParams(pending.openid, pending.role, pending.scopeId ?? '') as never);
      }
      toast(pending.kind === 'grant' ? '已授予' : '已撤销');
      setPending(null);
      setGranting(null);
      void list.reload();
    } catch (e) {
      setPending(null);
      toast(errorMessage(e));
    }
  });

  const d = list.data;
  const pages = d ? Math.max(1, Math.ceil(d.total / d.pageSize)) : 1;
  const needsScope = grantNeedsScope(grantRole);

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-row adm-chips">
          <Input className="adm-input rp-grow" value={q} placeholder="姓名、手机号或 openid" maxlength={40} confirmType="search" onInput={(e) => setQ(e.detail.value)} onConfirm={() => { setPage(1); setQuery(q.trim()); }} />
          <Button type="primary" size="large" onClick={() => { setPage(1); setQuery(q.trim()); }}>
            搜索
          </Button>
        </View>
        <View className="rp-row adm-chips">
          {FILTERS.map((r) => (
            <Button key={r || 'all'} size="small" type={r === role ? 'primary' : 'default'} onClick={() => { setPage(1); setRole(r); }}>
              {r ? ROLE_LABEL[r] : '全部'}
            </Button>
          ))}
        </View>
        <StateView loading={list.loading && !d} error={list.error} onRetry={() => void list.reload()} empty={d?.rows.length === 0} emptyTitle="没有找到用户" emptyText="换个关键词或角色再试。">
          <View className="rp-card">
            {d?.rows.map((u) => (
              <View key={u.openid} className="adm-item">
                <View className="rp-row">
                  <View className="rp-grow">
                    <Text className="adm-item__title">{u.name || '（未填写姓名）'}</Text>
                    <Text className="adm-item__sub">{u.openid}</Text>
                  </View>
                  <Button size="small" type="primary" fill="outline" onClick={() => { setGrantRole('member'); setScope(null); setGranting({ openid: u.openid, name: u.name || u.openid }); }}>
                    授予角色
                  </Button>
                </View>
                <View className="rp-row adm-chips">
                  {u.roles.filter((r): r is Grantable => r !== 'visitor').map((r) => (
                    <Button key={r} size="small" onClick={() => setPending({ kind: 'revoke', openid: u.openid, name: u.name || u.openid, role: r })}>
                      {ROLE_LABEL[r]} ×
                    </Button>
                  ))}
                </View>
              </View>
            ))}
          </View>
          <View className="rp-row adm-pager">
            <Button size="large" disabled={page <= 1} onClick={() => setPage(page - 1)}>上一页</Button>
            <Text className="rp-grow rp-muted" style={{ textAlign: 'center' }}>第 {page} / {pages} 页 · 共 {d?.total ?? 0} 人</Text>
            <Button size="large" disabled={page >= pages} onClick={() => setPage(page + 1)}>下一页</Button>
          </View>
        </StateView>
      </View>
      <Dialog
        visible={!!granting && !pending}
        title={`为 ${granting?.name ?? ''} 授予角色`}
        content={
          <View>
            <View className="rp-row adm-chips">
              {GRANTABLE.map((r) => (
                <Button key={r} size="small" type={r === grantRole ? 'primary' : 'default'} onClick={() => { setGrantRole(r); setScope(null); }}>
                  {ROLE_LABEL[r]}
                </Button>
              ))}
            </View>
            {needsScope ? (
              <StateView loading={scopes.loading && !scopes.data} error={scopes.error} onRetry={() => void scopes.reload()} rows={2}>
                <Text className="adm-item__sub">{grantRole === 'expert' ? '选择服务团' : grantRole === 'enterprise' ? '选择企业' : '选择支部'}</Text>
                <View className="rp-row adm-chips">
                  {scopes.data?.map((s) => (
                    <Button key={s.id} size="small" type={scope?.id === s.id ? 'primary' : 'default'} onClick={() => setScope(s)}>
                      {s.name}
                    </Button>
                  ))}
                </View>
              </StateView>
            ) : null}
          </View>
        }
        confirmText="下一步"
        cancelText="取消"
        onConfirm={() => {
          if (!granting) return;
          if (needsScope && !scope) {
            toast('请先选择所属范围');
            return;
          }
          setPending({ kind: 'grant', openid: granting.openid, name: granting.name, role: grantRole, scopeId: scope?.id, scopeName: scope?.name });
        }}
        onCancel={() => setGranting(null)}
        onClose={() => setGranting(null)}
      />
      <Dialog
        visible={!!pending}
        title={pending?.kind === 'grant' ? '确认授予角色' : '确认撤销角色'}
        content={
          pending
            ? pending.kind === 'grant'
              ? `将为 ${pending.name} 授予“${ROLE_LABEL[pending.role]}”${pending.scopeName ? `（${pending.scopeName}）` : ''}。此操作会记入操作日志。`
              : `将撤销 ${pending.name} 的“${ROLE_LABEL[pending.role]}”角色，其相关权限立即失效。此操作会记入操作日志。`
            : ''
        }
        confirmText={apply.loading ? '处理中…' : pending?.kind === 'grant' ? '确认授予' : '确认撤销'}
        cancelText="再想想"
        onConfirm={() => void apply.run()}
        onCancel={() => setPending(null)}
        onClose={() => setPending(null)}
      />
    </PageShell>
  );
}
