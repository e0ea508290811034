import { COMPLAINT_TOPICS as SERVER_TOPICS } from '../../cloudfunctions/demand/complaint';
import { COMPLAINT_TOPICS, validateComplaint } from './complaint';

describe('投诉建议 form', () => {
  it('offers the topics the server accepts, the center itself among them', () => {
    expect([...COMPLAINT_TOPICS]).toEqual([...SERVER_TOPICS]);
    expect(COMPLAINT_TOPICS).toContain('党群服务中心');
  });

  it('names every missing or wrong field in Chinese', () => {
    expect(validateComplaint({ type: '', topic: '', title: 'a', description: '短', contactPhone: '123' })).toEqual({
      type: '请选择投诉或建议',
      topic: '请选择涉及的方面',
      title: '请用一句话概括（至少 2 个字）',
      description: '请把情况说得具体一些（至少 5 个字）',
      contactPhone: '请填写手机号或座机号（如 0512-66881921）',
    });
    expect(validateComplaint({ type: '建议', topic: '党群服务中心', title: '窗口午休', description: '希望午休时间也有人值班。', contactPhone: '' })).toEqual({});
  });
});
