import * as z from 'zod';
import { action } from '../../server/core/router';
import { col } from '../../server/core/db';
import { AppError } from '../../server/core/errors';
import { parkDay } from '../../server/core/time';
import { isLocalMode } from '../../server/core/config';
import { requirePrivacyConsent } from '../../server/core/consent';
import { certPeriod, ISSUER } from './certificate';
import { certSecret } from './certSecret';
import { currentCertificate, holderView, hoursInPeriod, storeCertificate } from './certificates';

/**
 * Where the certificate's QR points: the park's public address (REDPARK_PUBLIC_URL; the gateway sets
 * its own locally). Without it in production a printed QR would lead nowhere, so nothing is issued.
 */
function publicOrigin(): string {
  const url = process.env.REDPARK_PUBLIC_URL;
  if (url) return url;
  if (isLocalMode()) return 'http://127.0.0.1:8080';
  console.error('volunteer: REDPARK_PUBLIC_URL is not set; certificates need it for their QR');
  throw new AppError('INTERNAL', '证明服务尚未配置完成，请联系党群服务中心。');
}

/**
 * 生成志愿服务时长证明 for a calendar year (this year: up to today). The figures are copied into the
 * certificate (a snapshot: later corrections never change a printed one). One certificate is current
 * per person and year: asking again while the hours, activities and name are unchanged — a second
 * tap, a retry, another day — returns it; once they changed, a new one supersedes it (the old one
 * then verifies as 已更新). The name is the holder's own profile name, printed as declared by them.
 * Database calls: 2 in parallel (the current certificate, the hours aggregate) + the store when new.
 */
export const issueCertificate = action({
  roles: 'anyone',
  params: z.strictObject({ year: z.number().int().min(2000).max(2100) }),
  async handler({ year }, { caller }) {
    // The certificate stores the person's name: consent holds here on its own, not only via sign-up.
    requirePrivacyConsent(caller, '生成志愿服务时长证明');
    const period = certPeriod(year, parkDay());
    if (!period) throw new AppError('VALIDATION', '只能为今年或往年生成证明，请重新选择年份。');
    const name = caller.user.profile?.name?.trim();
    if (!name) throw new AppError('VALIDATION', '证明上需要您的姓名，请先在“我的 → 编辑个人资料”中填写姓名。');
    const secret = certSecret();
    const origin = publicOrigin();
    const [current, totals] = await Promise.all([currentCertificate(caller.openid, period.from), hoursInPeriod(caller.openid, period.from, period.to)]);
    if (current && current.name === name && current.minutes === totals.minutes && current.activities === totals.activities) return holderView(current, origin);
    if (totals.minutes <= 0) throw new AppError('CONFLICT', `${year} 年还没有记录的志愿时长，参加活动并签到签退后再来生成证明。`);
    const cert = await storeCertificate(
      { openid: caller.openid, name, minutes: totals.minutes, activities: totals.activities, periodFrom: period.from, periodTo: period.to, issuer: ISSUER, issuedAt: new Date() },
      secret,
      current,
    );
    return holderView(cert, origin);
  },
});
