import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { pickXlsx, saveXlsx } from '../components/xlsxFile';
import '../branch.scss';

type Run = Result<'party', 'importRoster'>;
type Rejected = Run['rejected'][number];

/** Must match MAX_FILE_CHARS in cloudfunctions/party/importRoster.ts (the server refuses longer files). */
const MAX_FILE_CHARS = 512 * 1024;
/**
 * importRoster writes the valid rows from `offset` on; an offset past every row writes nothing and
 * still answers the whole file's check (totals and every rejected row), so the check before 确认 is
 * that call, at its schema's largest offset. (A file the server accepts may hold a few valid rows
 * more than 2,000; those few would be written at the check — harmless, since an import is
 * idempotent — until importRoster has a check-only flag of its own.)
 */
const CHECK_ONLY_OFFSET = 2_000;

interface Picked {
  name: string;
  base64: string;
  total: number;
  valid: number;
  rejected: Rejected[];
}

/**
 * 花名册导入: export the roster as the template, pick a filled .xlsx, see every row the file gets
 * wrong (row number and reason) and how many rows would be written, then 确认导入 — written in
 * batches with progress. The same file imported again adds nobody twice (the server's ids).
 */
export default function RosterImport() {
  const [picked, setPicked] = useState<Picked | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [summary, setSummary] = useState<{ created: number; updated: number; unchanged: number } | null>(null);
  const [error, setError] = useState('');

  const template = useSubmit(async () => {
    setError('');
    try {
      const r = await call('party', 'exportRoster', {});
      await saveXlsx(r.base64, r.fileName);
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const choose = useSubmit(async () => {
    setError('');
    let file;
    try {
      file = await pickXlsx();
    } catch {
      setError('无法读取所选文件，请重新选择。');
      return;
    }
    if (!file) return;
    if (file.base64.length > MAX_FILE_CHARS) {
      setError('文件过大（超过 380 KB），请拆分后分次导入。');
      return;
    }
    setPicked(null);
    setSummary(null);
    setProgress(null);
    try {
      const r = await call('party', 'importRoster', { data: file.base64, offset: CHECK_ONLY_OFFSET });
      setPicked({ name: file.name, base64: file.base64, total: r.total, valid: r.valid, rejected: r.rejected });
    } catch (e) {
      setError(errorMessage(e));
    }
  });

  const confirm = useSubmit(async () => {
    if (!picked) return;
    setError('');
    const sum = { created: 0, updated: 0, unchanged: 0 };
    try {
      let offset = 0;
      setProgress(0);
      for (;;) {
        const r = await call('party', 'importRoster', { data: picked.base64, offset });
        sum.created += r.created;
        sum.updated += r.updated;
        sum.unchanged += r.unchanged;
        setProgress(r.valid ? Math.round((r.done / r.valid) * 100) : 100);
        setSummary({ ...sum });
        if (r.finished) break;
        offset = r.done;
      }
    } catch (e) {
      // 确认导入 comes back: running the same file again writes each remaining row once, the written ones unchanged.
      setProgress(null);
      setError(`${errorMessage(e)}已写入的行不受影响，可再次确认导入同一文件（不会重复）。`);
    }
  });

  const finished = progress === 100 && !confirm.loading;
  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-title">第一步：导出花名册作模板</Text>
          <Text className="rp-muted rp-line">在导出的花名册上修改或新增行：有“编号”的行更新该党员，编号空白的行新增党员。书记只能导入本支部。</Text>
          <Button className="rp-block" size="large" loading={template.loading} onClick={() => void template.run()}>
            {template.label('导出花名册（模板）')}
          </Button>
        </View>
        <View className="rp-card">
          <Text className="rp-title">第二步：选择填好的 Excel 文件</Text>
          <Text className="rp-muted rp-line">先检查文件，列出有问题的行；确认后才写入花名册。</Text>
          <Button className="rp-block" type="primary" size="large" loading={choose.loading} onClick={() => void choose.run()}>
            {choose.loading ? '正在检查文件…' : picked ? '重新选择文件' : '选择 Excel 文件'}
          </Button>
        </View>
        {error ? <Text className="rp-error-text rp-block">{error}</Text> : null}
        {picked ? (
          <View className="rp-card" id="import-check">
            <Text className="rp-title">{picked.name}</Text>
            <Text className="rp-text rp-line">{`共 ${picked.total} 行：可导入 ${picked.valid} 行，有问题 ${picked.rejected.length} 行`}</Text>
            {progress !== null ? (
              <>
                <View className="bw-progress">
                  <View className="bw-progress__fill" style={{ width: `${progress}%` }} />
                </View>
                {summary ? <Text className="rp-text rp-line">{`${finished ? '导入完成' : '正在写入'}：新增 ${summary.created} 人，更新 ${summary.updated} 人，未变 ${summary.unchanged} 人`}</Text> : null}
              </>
            ) : null}
            {picked.valid > 0 && progress === null ? (
              <Button className="rp-block" type="primary" size="large" loading={confirm.loading} onClick={() => void confirm.run()}>
                {`确认导入 ${picked.valid} 行`}
              </Button>
            ) : null}
            {picked.valid === 0 ? <Text className="bw-note">没有可导入的行，请按下列原因修改后重新选择文件。</Text> : null}
          </View>
        ) : null}
        {picked && picked.rejected.length > 0 ? (
          <>
            <Text className="rp-section-title">{`有问题的行（${picked.rejected.length}），不会导入`}</Text>
            <View className="rp-card">
              {picked.rejected.map((r) => (
                <View key={r.rowNumber} className="bw-reject">
                  <Text className="bw-reject__row">{`第 ${r.rowNumber} 行${r.name ? ` · ${r.name}` : ''}`}</Text>
                  <Text className="rp-muted rp-line">{r.reason}</Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
      </View>
    </PageShell>
  );
}
