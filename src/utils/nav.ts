import Taro from '@tarojs/taro';
import { isTabRoute } from '../domain/routes';
import type { MenuTarget } from '../domain/menu';

export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}

/** Opens a page: tab pages by switchTab, the rest by navigateTo. */
export function go(url: string): void {
  if (isTabRoute(url)) void Taro.switchTab({ url });
  else void Taro.navigateTo({ url });
}

export function comingSoon(title?: string): void {
  toast(title ? `“${title}”即将开放，敬请期待` : '该功能即将开放，敬请期待');
}

export function callCenter(phone: string | undefined): void {
  if (!phone) {
    toast('暂未设置服务电话，请到党群服务中心咨询');
    return;
  }
  Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
}

export function openTarget(target: MenuTarget, ctx: { title?: string; phone?: string } = {}): void {
  if (target.kind === 'route') go(target.route);
  else if (target.kind === 'call') callCenter(ctx.phone);
  else comingSoon(ctx.title);
}
