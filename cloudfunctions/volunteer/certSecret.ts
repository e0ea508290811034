/**
 * The key certificate codes are signed with: REDPARK_CERT_SECRET from the function's environment
 * (cloudbaserc.json → volunteer → envVariables). Locally the gateway fills it from a random key kept in
 * the data folder (the local runtime's secrets.ts). A separate key from the check-in one on purpose: rotating the
 * check-in key (a kiosk leaked it) must not void every certificate already printed.
 */
import { envSecret } from '../../server/core/secret';

export function certSecret(): string {
  return envSecret('REDPARK_CERT_SECRET', '证明服务尚未配置完成，请联系党群服务中心。');
}
