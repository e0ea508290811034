/**
 * 投诉建议 for the app: the choices and the checks demand.fileComplaint makes, as plain functions
 * (the server's list lives in cloudfunctions/demand/complaint.ts, which the app cannot bundle; a
 * test keeps the two equal).
 */
export const COMPLAINT_TYPES = ['投诉', '建议'] as const;
export const COMPLAINT_TOPICS = ['党群服务中心', '服务专家', '园区管理', '小程序使用', '其他'] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];
export type ComplaintTopic = (typeof COMPLAINT_TOPICS)[number];

export interface ComplaintForm {
  type: ComplaintType | '';
  topic: ComplaintTopic | '';
  title: string;
  description: string;
  contactPhone: string;
}

export type ComplaintErrors = Partial<Record<keyof ComplaintForm, string>>;

/** Same rules as demand.fileComplaint, shown under each field before sending. */
export function validateComplaint(f: ComplaintForm): ComplaintErrors {
  const e: ComplaintErrors = {};
  if (!f.type) e.type = '请选择投诉或建议';
  if (!f.topic) e.topic = '请选择涉及的方面';
  const title = f.title.trim();
  if (title.length < 2) e.title = '请用一句话概括（至少 2 个字）';
  else if (title.length > 40) e.title = '标题不超过 40 个字';
  const desc = f.description.trim();
  if (desc.length < 5) e.description = '请把情况说得具体一些（至少 5 个字）';
  else if (desc.length > 1000) e.description = '情况说明不超过 1000 个字';
  const phone = f.contactPhone.trim();
  if (phone && !/^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(phone)) e.contactPhone = '请填写手机号或座机号（如 0512-66881921）';
  return e;
}
