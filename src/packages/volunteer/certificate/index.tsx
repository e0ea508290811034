import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text, Image, Canvas } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageShell } from '../../../components/PageShell';
import { Chips } from '../../../components/Chips';
import { SubmitBar } from '../../../components/SubmitBar';
import { ListCard, ListRow } from '../../../components/ListRow';
import { useSubmit } from '../../../hooks/useSubmit';
import { call, errorMessage, type Result } from '../../../api/client';
import { ROUTES } from '../../../domain/routes';
import { go, toast } from '../../../utils/nav';
import { CERT_HEIGHT, CERT_WIDTH, chineseDay } from './draw';
import { CANVAS_ID, renderCertificate, saveCertificate } from './render';
import '../volunteer.scss';
import './index.scss';

type Cert = Result<'volunteer', 'issueCertificate'>;

/** The park's calendar year (Asia/Shanghai has no daylight saving: UTC+8 all year). */
function parkYear(): number {
  return new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
}

/**
 * 志愿服务时长证明: pick a year, 生成证明 (the server snapshots the figures and signs a code; asking
 * again for the same period returns the same certificate), see the picture with its QR, save it.
 */
export default function CertificatePage() {
  const thisYear = parkYear();
  const years = [thisYear, thisYear - 1].map((y) => ({ value: String(y), label: y === thisYear ? `${y} 年（截至今天）` : `${y} 年` }));
  const [year, setYear] = useState(String(thisYear));
  const [cert, setCert] = useState<Cert | null>(null);
  const [image, setImage] = useState('');
  const [error, setError] = useState('');

  const issue = useSubmit(async () => {
    setError('');
    setCert(null);
    setImage('');
    try {
      setCert(await call('volunteer', 'issueCertificate', { year: Number(year) }));
    } catch (err) {
      setError(errorMessage(err));
    }
  });

  useEffect(() => {
    if (!cert) return;
    let live = true;
    // Drawn after the render that mounted the canvas (weapp needs the node on the page).
    const t = setTimeout(() => {
      renderCertificate(cert, cert.verifyUrl)
        .then((src) => live && setImage(src))
        .catch(() => live && setError('证明图片生成失败，请返回后重新生成。'));
    }, 50);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [cert]);

  const save = useSubmit(async () => {
    if (!cert || !image) return;
    try {
      const r = await saveCertificate(image, cert.code);
      if (r === 'denied') {
        const m = await Taro.showModal({ title: '需要保存到相册的权限', content: '请在设置中允许“保存到相册”，再点一次保存。', confirmText: '去设置' });
        if (m.confirm) await Taro.openSetting();
        return;
      }
      toast(process.env.TARO_ENV === 'h5' ? '已开始下载证明图片' : '已保存到手机相册');
    } catch {
      toast('保存没有成功，请再试一次。');
    }
  });

  return (
    <PageShell>
      <View className="rp-page">
        <View className="rp-card">
          <Text className="rp-text">证明写明您的姓名、期间内的志愿服务次数和累计时长，附验证码和二维码，任何人扫码即可向党群服务中心核验真伪。</Text>
          <View className="vc-years">
            <Chips label="证明期间" options={years} value={year} onChange={(v) => v && setYear(v)} />
          </View>
          <SubmitBar label="生成证明" busyLabel="正在生成…" loading={issue.loading} onClick={() => void issue.run()} error={error} />
        </View>

        {cert ? (
          <>
            <View className="rp-card vc-preview">
              {image ? (
                <Image className="vc-image" src={image} mode="widthFix" showMenuByLongpress />
              ) : (
                <Text className="rp-muted">正在绘制证明图片…</Text>
              )}
            </View>
            <ListCard>
              <ListRow title="验证码" extra={cert.code} />
              <ListRow title="累计时长" extra={`${cert.label}（${cert.activities} 次活动）`} />
              <ListRow title="证明期间" extra={`${chineseDay(cert.periodFrom)}至${chineseDay(cert.periodTo)}`} />
              <ListRow title="签发日期" extra={chineseDay(cert.issuedOn)} />
            </ListCard>
            <View className="rp-actions">
              <Button type="primary" size="large" block loading={save.loading} disabled={!image} onClick={() => void save.run()}>
                {process.env.TARO_ENV === 'h5' ? '下载证明图片' : '保存到相册'}
              </Button>
              <Button size="large" block onClick={() => go(`${ROUTES.volVerify}?code=${cert.code.replace('-', '')}`)}>
                查看核验结果
              </Button>
            </View>
          </>
        ) : null}
        <View className="vc-more">
          <ListCard>
            <ListRow title="核验别人的证明" description="输入证明上的验证码，查看党群服务中心的记录" onClick={() => go(ROUTES.volVerify)} />
          </ListCard>
        </View>
      </View>
      {/* weapp draws here (Canvas 2D needs a node on the page); kept off-screen, the <Image> shows the result. */}
      {process.env.TARO_ENV !== 'h5' ? (
        <Canvas type="2d" id={CANVAS_ID} className="vc-canvas" style={`width:${CERT_WIDTH / 2}px;height:${CERT_HEIGHT / 2}px`} />
      ) : null}
    </PageShell>
  );
}
