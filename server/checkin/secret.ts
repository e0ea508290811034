/**
 * The key event codes are signed with: REDPARK_CHECKIN_SECRET from the function's environment
 * (cloudbaserc.json → envVariables). Locally the gateway fills it from a random key kept in the
 * data folder (local/secrets.ts), so codes survive a restart. Never sent to a client.
 */
import { AppError } from '../core/errors';

const MIN_LENGTH = 16;

export function checkinSecret(): string {
  const s = process.env.REDPARK_CHECKIN_SECRET ?? '';
  if (s.length < MIN_LENGTH) {
    // A deployment fault, not the caller's: say so in the log, keep the reply generic.
    console.error(`checkin: REDPARK_CHECKIN_SECRET is missing or shorter than ${MIN_LENGTH} characters`);
    throw new AppError('INTERNAL', '签到服务尚未配置完成，请联系党群服务中心。');
  }
  return s;
}
