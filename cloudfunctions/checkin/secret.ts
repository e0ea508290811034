/**
 * The key event codes are signed with: REDPARK_CHECKIN_SECRET from the function's environment
 * (cloudbaserc.json → envVariables). Locally the gateway fills it from a random key kept in the
 * data folder (the local runtime's secrets.ts), so codes survive a restart. Never sent to a client.
 */
import { envSecret } from '../../server/core/secret';

export function checkinSecret(): string {
  return envSecret('REDPARK_CHECKIN_SECRET', '签到服务尚未配置完成，请联系党群服务中心。');
}
