import { ABOUT, aboutRows } from './about';

describe('关于 rows', () => {
  it('names every 备案 field, falling back to the park record for the operator and contacts', () => {
    const rows = aboutRows({ ...ABOUT, operator: '', phone: '', address: '', icp: '' }, { centerName: '某某党群服务中心', phone: '0512-1', address: '某路 1 号' });
    expect(rows.map((r) => r.label)).toEqual(['主办单位', '运营单位', '小程序主体', '小程序备案号', '联系电话', '地址', '服务时间', '技术支持']);
    expect(Object.fromEntries(rows.map((r) => [r.label, r.value]))).toMatchObject({ 运营单位: '某某党群服务中心', 联系电话: '0512-1', 地址: '某路 1 号', 小程序备案号: '未填写' });
  });

  it('prefers what the park filled in', () => {
    const rows = aboutRows({ ...ABOUT, operator: '某运营公司', icp: '苏ICP备2026000001号-1X' }, { centerName: '中心' });
    expect(rows.find((r) => r.label === '运营单位')?.value).toBe('某运营公司');
    expect(rows.find((r) => r.label === '小程序备案号')?.value).toBe('苏ICP备2026000001号-1X');
    expect(aboutRows(ABOUT, null).every((r) => r.value.length > 0)).toBe(true);
  });
});
