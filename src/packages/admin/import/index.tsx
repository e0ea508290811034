import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { importProgress, splitPieces } from '../../../domain/admin';
import { toast } from '../../../utils/nav';
import { pickXlsx, saveXlsx } from '../components/xlsxFile';
import '../admin.scss';

/** Must match CHUNK_CHARS in cloudfunctions/admin/importUpload.ts (the server refuses longer pieces). */
const PIECE = 256 * 1024;
const MAX_PIECES = 24;

type Run = Result<'admin', 'importRun'>;

/**
 * 企业导入: download the template, pick a filled file, upload it in pieces and write its rows in
 * batches — progress for both — then every rejected row with its row number and reason.
 */
export default function ImportPage() {
  const [file, setFile] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [stage, setStage] = useState('');
  const [result, setResult] = useState<Run | null>(null);
  const [error, setError] = useState('');

  const template = useSubmit(async () => {
    try {
      const t = await call('admin', 'importTemplate', {});
      await saveXlsx(t.base64, t.fileName);
    } catch (e) {
      toast(errorMessage(e));
    }
  });

  const run = useSubmit(async () => {
    setError('');
    let picked;
    try {
      picked = await pickXlsx();
    } catch {
      setError('无法读取所选文件，请重新选择。');
      return;
    }
    if (!picked) return;
    const pieces = splitPieces(picked.base64, PIECE);
    if (pieces.length > MAX_PIECES) {
      setError('文件过大（超过 4.5 MB），请拆分后分次导入。');
      return;
    }
    setFile(picked.name);
    setResult(null);
    const uploadId = `u-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      setStage('正在上传文件');
      for (let i = 0; i < pieces.length; i++) {
        setProgress(importProgress({ uploaded: i, pieces: pieces.length, done: 0, valid: null }));
        await call('admin', 'importUpload', { uploadId, index: i, count: pieces.length, data: pieces[i] });
      }
      setStage('正在校验并写入');
      let offset = 0;
      for (;;) {
        const r = await call('admin', 'importRun', { uploadId, offset });
        setProgress(importProgress({ uploaded: pieces.length, pieces: pieces.length, done: r.done, valid: r.valid }));
        // The file's rejected rows come whole with every batch; rows the ledger refused at writing
        // come with their own batch only, so they are collected.
        setResult((prev) => ({ ...r, created: r.created + (prev?.created ?? 0), updated: r.updated + (prev?.updated ?? 0), refused: [...(prev?.refused ?? []), ...r.refused] }));
        if (r.finished) break;
        offset = r.done;
      }
      setStage('导入完成');
    } catch (e) {
      setError(`${errorMessage(e)}已写入的行不受影响，可修改后重新导入同一文件（不会重复）。`);
      setStage('');
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="adm-item__title">第一步：下载模板</Text>
          <Text className="adm-item__sub">从第 3 行起每行一家企业；有统一社会信用代码的按代码、否则按企业名称（括号全角半角不计）更新已有企业，不会重复创建；「企业台账（五清）」的导出文件改后可直接导入。</Text>
          <Button className="rp-block" size="large" loading={template.loading} onClick={() => void template.run()}>
            下载导入模板
          </Button>
        </View>
        <View className="rp-card">
          <Text className="adm-item__title">第二步：选择填好的文件</Text>
          <Text className="adm-item__sub">合格的行写入，不合格的行逐条列出行号和原因，修改后可再次导入。</Text>
          <Button className="rp-block" type="primary" size="large" loading={run.loading} onClick={() => void run.run()}>
            选择 Excel 文件并导入
          </Button>
        </View>
        {error ? <Text className="rp-error-text">{error}</Text> : null}
        {progress !== null ? (
          <View className="rp-card">
            <Text className="adm-item__title">
              {file} · {stage} {progress}%
            </Text>
            <View className="adm-progress">
              <View className="adm-progress__fill" style={{ width: `${progress}%` }} />
            </View>
            {result ? (
              <Text className="rp-text">
                共 {result.total} 行：合格 {result.valid - result.refused.length} 行（已写入 {result.done - result.refused.length} 行，新增 {result.created}、更新 {result.updated}），未导入{' '}
                {result.rejected.length + result.refused.length} 行
              </Text>
            ) : null}
          </View>
        ) : null}
        {result && result.rejected.length + result.refused.length > 0 ? (
          <>
            <Text className="rp-section-title">未导入的行（{result.rejected.length + result.refused.length}）</Text>
            <View className="rp-card">
              {[...result.rejected, ...result.refused].sort((a, b) => a.rowNumber - b.rowNumber).map((r) => (
                <View key={r.rowNumber} className="adm-reject">
                  <Text className="adm-reject__row">
                    第 {r.rowNumber} 行{r.name ? ` · ${r.name}` : ''}
                  </Text>
                  <Text className="adm-change">{r.reason}</Text>
                </View>
              ))}
            </View>
          </>
        ) : null}
      </View>
    </PageShell>
  );
}
