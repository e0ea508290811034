import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { PageShell } from '../../../components/PageShell';
import { Field } from '../../../components/Field';
import { SubmitBar } from '../../../components/SubmitBar';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { chineseDay } from '../certificate/draw';
import '../volunteer.scss';
import './index.scss';

type Verdict = Result<'volunteer', 'verifyCertificate'>;

/**
 * What opened the page: `code` (the h5 link in the QR, or 查看核验结果), or `q` — the whole URL
 * WeChat passes when a plain-link QR opens the mini-program (扫普通链接二维码打开小程序). The server
 * extracts the code from either.
 */
function codeFromLaunch(): string {
  const p = Taro.getCurrentInstance().router?.params ?? {};
  const raw = p.code || p.q || '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * 核验志愿服务证明: anyone who scanned a certificate's QR (or types its code) sees what the
 * 党群服务中心 confirms — the issued figures with the name partly hidden — or a clear refusal.
 */
export default function Verify() {
  const launched = codeFromLaunch();
  const [code, setCode] = useState(launched);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState('');

  const verify = useSubmit(async (value: string) => {
    setError('');
    if (!value.trim()) {
      setError('请输入证明上的 10 位验证码。');
      return;
    }
    try {
      setVerdict(await call('volunteer', 'verifyCertificate', { code: value.trim() }));
    } catch (err) {
      setVerdict(null);
      setError(errorMessage(err));
    }
  });

  useEffect(() => {
    if (launched) void verify.run(launched);
    // Only the code the page was opened with is checked automatically.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const c = verdict?.valid ? verdict.certificate : null;
  return (
    <PageShell privacy="off">
      <View className="rp-page">
        {verdict && c ? (
          <>
            <View className="rp-card vv-result vv-result--ok">
              <Text className="vv-mark">已验证</Text>
              <Text className="rp-text rp-block">此证明由星河湾产业园党群服务中心签发，以下为签发时记录的内容。</Text>
            </View>
            <ListCard>
              <ListRow title="姓名" extra={c.name} />
              <ListRow title="姓名说明" extra={c.nameNote} />
              <ListRow title="累计志愿时长" extra={c.label} />
              <ListRow title="参加活动" extra={`${c.activities} 次`} />
              <ListRow title="证明期间" extra={`${chineseDay(c.periodFrom)}至${chineseDay(c.periodTo)}`} />
              <ListRow title="签发单位" extra={c.issuer} />
              <ListRow title="签发日期" extra={chineseDay(c.issuedOn)} />
              <ListRow title="验证码" extra={c.code} />
            </ListCard>
          </>
        ) : null}
        {verdict && !verdict.valid && 'status' in verdict ? (
          <View className="rp-card vv-result vv-result--bad">
            <Text className="vv-mark vv-mark--bad">{verdict.status === 'revoked' ? '已作废' : '已更新'}</Text>
            <Text className="rp-text rp-block">{verdict.message}</Text>
            {verdict.status === 'revoked' ? (
              <Text className="rp-text rp-block">{`作废原因：${verdict.reason}（${chineseDay(verdict.revokedOn)}）`}</Text>
            ) : (
              <Text className="rp-text rp-block">{`此证明签发时记录：${verdict.certificate.name}，累计志愿时长 ${verdict.certificate.label}（${chineseDay(verdict.certificate.issuedOn)} 签发）。`}</Text>
            )}
          </View>
        ) : null}
        {verdict && !verdict.valid && !('status' in verdict) ? (
          <View className="rp-card vv-result vv-result--bad">
            <Text className="vv-mark vv-mark--bad">未通过核验</Text>
            <Text className="rp-text rp-block">没有找到与此验证码对应的证明，它可能被改动过或输入有误。请核对证明上的验证码后重试，或联系星河湾产业园党群服务中心。</Text>
          </View>
        ) : null}
        <View className="rp-card">
          <Field label="验证码" value={code} onChange={setCode} placeholder="证明上的 10 位验证码，如 ABCDE-FGHJK" maxLength={300} />
          <SubmitBar label="核验" busyLabel="正在核验…" loading={verify.loading} onClick={() => void verify.run(code)} error={error} />
        </View>
      </View>
    </PageShell>
  );
}
