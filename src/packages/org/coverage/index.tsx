import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { call } from '../../../api/client';
import { pct } from '../../../domain/org';
import { fmtStamp } from '../../../domain/appointment';
import { ROUTES } from '../../../domain/routes';
import { go } from '../../../utils/nav';
import { Tile } from '../components/Tile';
import { useShown } from '../../../hooks/useShown';
import { ShowMore } from '../../../components/ShowMore';
import '../org.scss';

/**
 * Coverage figures for the whole park and by industry. Nothing here is typed in: the server
 * counts the ledger, the organisations and their rosters in the database each time the page opens,
 * and sends the definitions (口径说明) it counted by, shown at the foot so a reported figure can be
 * checked against the 组织部 template (findings G-12).
 */
export default function Coverage() {
  const figures = useRemote(() => call('org', 'coverage', {}));
  usePullDownRefresh(() => {
    void figures.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const d = figures.data;
  // The organisations below the 3-member rule can be many in a large park: ten at a time.
  const below = useShown(d?.belowThree, 10, { bottom: false });

  return (
    <PageShell>
      <View className="rp-page">
        <StateView loading={figures.loading && !d} error={figures.error} onRetry={() => void figures.reload()} rows={8}>
          {d && (
            <>
              <Text className="rp-section-title">全园区</Text>
              <View className="og-tiles">
                <Tile value={pct(d.park.rates.orgCoverage)} label="组织覆盖率" hint={`计入组织覆盖 ${d.park.counts.withOrg} ÷ 企业 ${d.park.counts.enterprises}`} />
                <Tile value={pct(d.park.rates.workCoverage)} label="工作覆盖率" hint={`有党组织（含派驻）或指导员 ${d.park.counts.withOrgOrInstructor} ÷ ${d.park.counts.enterprises}`} />
                <Tile value={pct(d.park.rates.singleRate)} label="单建率" hint={`单独组建 ${d.park.counts.single} ÷ 企业 ${d.park.counts.enterprises}`} />
                <Tile value={pct(d.park.rates.jointRate)} label="联建率" hint={`联合组建 ${d.park.counts.joint} ÷ 企业 ${d.park.counts.enterprises}`} />
                <Tile value={String(d.park.rates.membersPerEnterprise)} label="户均党员（名）" hint={`正式 ${d.park.counts.full} + 预备 ${d.park.counts.members - d.park.counts.full}`} />
                <Tile value={String(d.park.counts.mismatch)} label="组建形式待调整" hint={`挂靠 ${d.park.counts.attached} · 派驻 ${d.park.counts.dispatched} 家`} />
                <Tile value={String(d.park.counts.belowThree)} label={`未达${d.minFull}名正式党员`} hint="不计入组织覆盖（企业数）" />
                <Tile value={String(d.park.counts.noReason)} label="未建立原因未填" hint="派驻或仅派指导员的企业" />
              </View>
              {d.belowThree.length > 0 && (
                <View className="rp-card">
                  <Text className="rp-name">未达{d.minFull}名正式党员的党组织（{d.belowThree.length} 个）</Text>
                  <Text className="rp-muted rp-line">花名册上正式党员转入满 {d.minFull} 名后自动计入组织覆盖。</Text>
                  {below.shown.map((b) => (
                    <Text key={b.id} className="rp-text rp-line">
                      · {b.name}（{b.form}，正式党员 {b.full} 名）
                    </Text>
                  ))}
                  <ShowMore w={below} />
                </View>
              )}
              <View className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(`${ROUTES.orgLedger}?flag=mismatch`)}>
                <Text className="rp-text">查看组建形式不符和未派驻指导员的企业 ›</Text>
              </View>

              <Text className="rp-section-title">分行业</Text>
              {d.byIndustry.map((r) => (
                <View key={r.industry} className="rp-card rp-link" hoverClass="rp-pressed" onClick={() => go(`${ROUTES.orgLedger}?industry=${encodeURIComponent(r.industry)}`)}>
                  <View className="rp-between">
                    <Text className="rp-name">{r.industry}</Text>
                    <Text className="rp-muted">{r.counts.enterprises} 家 · 党员 {r.counts.members} 名</Text>
                  </View>
                  <Text className="rp-text rp-line">
                    组织覆盖 {pct(r.rates.orgCoverage)} · 工作覆盖 {pct(r.rates.workCoverage)}
                  </Text>
                  <View className="og-bar">
                    <View className="og-bar__fill" style={{ width: pct(r.rates.orgCoverage) }} />
                  </View>
                  <Text className="rp-muted rp-line">
                    单独 {r.counts.single} · 联合 {r.counts.joint} · 挂靠 {r.counts.attached} · 派驻 {r.counts.dispatched} · 户均党员 {r.rates.membersPerEnterprise}
                    {r.counts.mismatch ? ` · 待调整 ${r.counts.mismatch}` : ''}
                  </Text>
                </View>
              ))}
              <Text className="rp-section-title">口径说明</Text>
              <View className="rp-card">
                {d.definitions.map((line) => (
                  <Text key={line} className="rp-text rp-line">
                    {line}
                  </Text>
                ))}
              </View>
              <Text className="rp-muted rp-line">由企业台账、党组织设置与党员花名册实时计算 · {fmtStamp(d.computedAt)}</Text>
            </>
          )}
        </StateView>
      </View>
    </PageShell>
  );
}
