import Taro from '@tarojs/taro';
import { ROUTES } from '../domain/routes';
import { toast } from './nav';

/**
 * 扫码签到 from inside the app. weapp: the camera (a mini-program code answers with its page path
 * and scene, an ordinary QR code with its text) and then the check-in page with what was read —
 * the server works out the scene. h5: a browser cannot open the camera here, so the check-in
 * page explains to use the phone's camera and lets you paste a code.
 */
export async function startScan(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') {
    void Taro.navigateTo({ url: ROUTES.checkinScan });
    return;
  }
  try {
    const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    const read = (res as { path?: string }).path || res.result || '';
    void Taro.navigateTo({ url: `${ROUTES.checkinScan}?code=${encodeURIComponent(read)}` });
  } catch (err) {
    // Closing the camera is not an error worth a message.
    if (!/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? ''))) toast('未能识别二维码，请对准签到码重新扫描');
  }
}
