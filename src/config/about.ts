/**
 * 关于 / 备案信息 (国办函〔2026〕12号; findings/service.md S-22, S-23): who owns and runs this
 * mini-program, filled in by each park before release. A static file, bundled with the app: these
 * facts change with a 备案, not day to day, and a file reviewed with the release is the record of
 * what was published. See README → “关于与备案信息”.
 *
 * An empty field shows 未填写 on the page, except the center's name, address and phone, which fall
 * back to the park record the app already reads (user.me → park).
 */
export interface AboutConfig {
  /** 主办单位: the owning unit (a county-level or higher body, or the host app's owner). */
  owner: string;
  /** 运营单位: who runs it day to day. Empty: the park's 党群服务中心. */
  operator: string;
  /** 小程序备案号, e.g. 苏ICP备2026000000号-1X. */
  icp: string;
  /** 主体名称 as registered with WeChat (the 小程序主体). */
  subject: string;
  /** 联系电话 and 地址 of the operator. Empty: the park's. */
  phone: string;
  address: string;
  /** 服务时间. */
  hours: string;
  /** 技术支持. */
  support: string;
}

export const ABOUT: AboutConfig = {
  owner: '星河湾产业园党工委',
  operator: '',
  icp: '',
  subject: '',
  phone: '',
  address: '',
  hours: '工作日 9:00–17:30（法定节假日除外）',
  support: '',
};

/** The rows the 关于 page shows, in order, with the park record as fallback. */
export function aboutRows(cfg: AboutConfig, park: { centerName?: string; phone?: string; address?: string } | null | undefined): { label: string; value: string }[] {
  const or = (v: string, fallback?: string) => v.trim() || fallback?.trim() || '未填写';
  return [
    { label: '主办单位', value: or(cfg.owner) },
    { label: '运营单位', value: or(cfg.operator, park?.centerName) },
    { label: '小程序主体', value: or(cfg.subject) },
    { label: '小程序备案号', value: or(cfg.icp) },
    { label: '联系电话', value: or(cfg.phone, park?.phone) },
    { label: '地址', value: or(cfg.address, park?.address) },
    { label: '服务时间', value: or(cfg.hours) },
    { label: '技术支持', value: or(cfg.support) },
  ];
}
