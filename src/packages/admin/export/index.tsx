import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { StateView } from '../../../components/StateView';
import { useRemote } from '../../../hooks/useRemote';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage } from '../../../api/client';
import { lastDays } from '../../../domain/checkin';
import { PERIOD_PRESETS } from '../../../domain/admin';
import { toast } from '../../../utils/nav';
import { Presets } from '../components/Presets';
import { saveXlsx } from '../components/xlsxFile';
import '../admin.scss';

/** 台账导出: every ledger of the exporter registry, as an Excel file for the chosen period. */
export default function ExportPage() {
  const list = useRemote(() => call('admin', 'ledgers', {}));
  const [preset, setPreset] = useState(1);
  const [busy, setBusy] = useState('');
  const [result, setResult] = useState('');
  const range = lastDays(PERIOD_PRESETS[preset].days);

  const exportOne = useSubmit(async (key: string) => {
    setBusy(key);
    setResult('');
    try {
      const r = await call('admin', 'exportLedger', { key, ...range });
      await saveXlsx(r.base64, r.fileName);
      setResult(r.truncated ? `已导出 ${r.rows} 条（共 ${r.total} 条，请缩短期间分次导出其余部分）：${r.fileName}` : `已导出 ${r.rows} 条：${r.fileName}`);
    } catch (e) {
      toast(errorMessage(e));
    } finally {
      setBusy('');
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <Presets value={preset} onChange={setPreset} />
        <Text className="rp-muted adm-range">
          统计期间：{range.from} 至 {range.to}（企业台账为当前全部企业）
        </Text>
        {result ? <Text className="rp-text adm-ok adm-range">{result}</Text> : null}
        <StateView loading={list.loading && !list.data} error={list.error} onRetry={() => void list.reload()} empty={list.data?.ledgers.length === 0}>
          <View className="rp-card">
            {list.data?.ledgers.map((l) => (
              <View key={l.key} className="adm-item rp-row">
                <View className="rp-grow">
                  <Text className="adm-item__title">{l.title}</Text>
                  <Text className="adm-item__sub">{l.columns.join('、')}</Text>
                </View>
                <Button type="primary" size="large" loading={busy === l.key} disabled={!!busy} onClick={() => void exportOne.run(l.key)}>
                  导出
                </Button>
              </View>
            ))}
          </View>
          {list.data ? <Text className="rp-muted adm-range">每个文件最多 {list.data.maxRows} 条，超出时请缩短统计期间。</Text> : null}
        </StateView>
      </View>
    </PageShell>
  );
}
