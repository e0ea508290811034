/** What the 隐私保护指引 dialog tells people before any personal data is collected. */
export const PRIVACY_POINTS = [
  '我们仅在您主动填写时收集姓名、手机号和工作单位，用于身份核对、党员认证和服务联系。',
  '您的信息保存在党群服务中心的云端数据库中，仅中心工作人员和您所在支部的书记可查看。',
  '您可以随时在“我的”页面查看和修改个人信息；如需注销，请联系党群服务中心。',
  '未经您同意，我们不会向任何第三方提供您的个人信息。',
] as const;
