/** What the 隐私保护指引 dialog tells people before any personal data is collected. */
export const PRIVACY_POINTS = [
  '我们仅在您同意后、使用相应服务时记录信息：您填写的姓名、手机号和工作单位，以及签到、报名、预约、诉求和学习记录，用于身份核对和办理服务。',
  '您的信息保存在位于中国境内的腾讯云开发数据库中，仅您本人、中心工作人员和为您办理服务的人可查看。',
  '您可以随时在“我的 → 我的数据”中查看、复制或删除您的信息。',
  '未经您同意，我们不会向任何第三方提供您的个人信息。',
] as const;
