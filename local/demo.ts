/** The demo callers of PRODUCT.md. Any other openid is a new visitor. */
export const DEMO_CALLERS = [
  { openid: 'demo-admin', label: '党务管理员', name: '王建国', note: '管理全部事项、看数据、导出台账' },
  { openid: 'demo-secretary', label: '支部书记', name: '李红梅', note: '星河湾联合党支部书记，也是党员' },
  { openid: 'demo-member', label: '党员', name: '张卫东', note: '星河湾联合党支部党员' },
  { openid: 'demo-visitor', label: '群众/职工', name: '陈晓', note: '园区企业职工' },
  { openid: 'demo-enterprise-a', label: '企业联系人 A', name: '赵敏', note: '苏州星河智能装备有限公司' },
  { openid: 'demo-enterprise-b', label: '企业联系人 B', name: '孙磊', note: '星河湾生物医药科技有限公司' },
  { openid: 'demo-expert-legal', label: '法律服务专家', name: '周文', note: '法律服务团' },
  { openid: 'demo-expert-finance', label: '金融服务专家', name: '吴倩', note: '金融服务团' },
] as const;

export type DemoOpenid = (typeof DEMO_CALLERS)[number]['openid'];
