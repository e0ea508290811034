import { checkRows, validCreditCode } from './enterpriseRows';
import { canonicalName } from './enterpriseLimits';

const header = { rowNumber: 2, cells: ['企业名称*', '统一社会信用代码', '所属行业*', '职工人数*', '成立日期*', '资质'] };
const row = (n: number, cells: string[]) => ({ rowNumber: n, cells });

describe('enterprise import rows', () => {
  test('credit_code_checksum_is_verified', () => {
    expect(validCreditCode('91350100M000100Y43')).toBe(true);
    expect(validCreditCode('91350100M000100Y44')).toBe(false);
    expect(validCreditCode('9135')).toBe(false);
  });

  test('each_bad_row_is_rejected_with_its_row_number_and_every_reason', () => {
    const r = checkRows(
      [
        row(1, ['企业信息导入模板']),
        header,
        row(3, ['星河科技', '91350100M000100Y43', '软件和信息技术服务', '120', '2019-05-20', '高新技术企业、专精特新']),
        row(4, ['', '', '高端装备制造', 'abc', '2019-13-01', '']),
        row(5, ['', '', '', '', '', '']),
        row(6, ['星河科技', '', '软件和信息技术服务', '3', '2020/1/2', '']),
        row(7, ['远帆物流', '', '现代物流', '1', '2021年3月4日', '']),
        row(8, ['零人企业', '', '现代物流', '0', '2021-03-04', '']),
      ],
      '2026-11-23',
    );
    expect(r.missingHeaders).toEqual([]);
    expect(r.valid.map((v) => [v.rowNumber, v.name, v.foundedAt, v.qualifications])).toEqual([
      [3, '星河科技', '2019-05-20', ['高新技术企业', '专精特新']],
      [7, '远帆物流', '2021-03-04', []],
    ]);
    expect(r.rejected).toEqual([
      { rowNumber: 4, name: '', reason: '「企业名称」不能为空；「从业人员」应为 1 至 100000 的整数；「成立日期」“2019-13-01”不是有效日期（如 2019-05-20）' },
      { rowNumber: 6, name: '星河科技', reason: '与第 3 行是同一家企业（企业名称相同）' },
      // One limit with the ledger form (G-15): at least 1 employee.
      { rowNumber: 8, name: '零人企业', reason: '「从业人员」应为 1 至 100000 的整数' },
    ]);
  });

  test('industry_and_qualifications_outside_the_ledgers_vocabularies_are_refused_like_the_ledger_page_does', () => {
    const r = checkRows(
      [header, row(3, ['云帆软件', '', '软件', '20', '2019-05-20', '高新技术企业、省级示范']), row(4, ['云帆物流', '', '现代物流', '100001', '2019-05-20', ''])],
      '2026-11-23',
    );
    expect(r.valid).toEqual([]);
    expect(r.rejected).toEqual([
      { rowNumber: 3, name: '云帆软件', reason: '「所属行业」“软件”不在行业目录中（见“填写说明”）；「资质荣誉」“省级示范”不在资质目录中（见“填写说明”）' },
      { rowNumber: 4, name: '云帆物流', reason: '「从业人员」应为 1 至 100000 的整数' },
    ]);
  });

  test('a_file_without_the_template_headers_names_the_missing_ones', () => {
    expect(checkRows([row(1, ['名称', '行业'])], '2026-11-23').missingHeaders).toEqual(['企业名称', '所属行业', '从业人员', '成立日期']);
  });

  test('names_are_matched_whatever_the_bracket_width_spaces_or_full_width_letters', () => {
    expect(canonicalName(' 苏州星河智能装备(苏州)有限公司 ')).toBe('苏州星河智能装备（苏州）有限公司');
    expect(canonicalName('苏州星河智能装备（苏州） 有限公司')).toBe('苏州星河智能装备（苏州）有限公司');
    expect(canonicalName('ＡＢＣ科技 （苏州）')).toBe('ABC科技（苏州）');
    expect(canonicalName('Blue  Sky 科技')).toBe('Blue Sky科技');
    const r = checkRows([header, row(3, ['星河(苏州)', '', '现代物流', '5', '2020-01-01', '']), row(4, ['星河（苏州）', '', '现代物流', '5', '2020-01-01', ''])], '2026-11-23');
    expect(r.valid.map((v) => v.name)).toEqual(['星河（苏州）']);
    expect(r.rejected).toEqual([{ rowNumber: 4, name: '星河（苏州）', reason: '与第 3 行是同一家企业（企业名称相同）' }]);
  });

  test('the_five_clear_columns_of_the_export_are_read_into_a_ledger_patch_and_checked_per_column', () => {
    const h = { rowNumber: 1, cells: ['企业名称', '统一社会信用代码', '所属行业', '所在楼宇', '成立日期', '从业人员', '营收规模', '资质荣誉', '入党积极分子', '入党申请人', '正式党员', '预备党员', '组织关系在园区', '法定代表人', '法定代表人是否党员', '主要出资人', '出资人是否党员', '所在党组织'] };
    const r = checkRows(
      [
        h,
        row(2, ['云帆', '', '现代物流', 'A座', '2020-01-01', '30', '500万以下', '', '2', '', '3', '1', '4', '张三', '是', '', '', '云帆党支部']),
        row(3, ['远帆', '', '现代物流', '', '2020-01-01', '30', '', '', '-1', '', '', '', '', '', '也许', '', '', '']),
      ],
      '2026-11-23',
    );
    expect(r.valid).toEqual([
      expect.objectContaining({ name: '云帆', headcount: 30, facts: { building: 'A座', workforce: { activists: 2 }, partyMembers: { full: 3, probationary: 1, registeredInPark: 4 }, legalPerson: { name: '张三', isPartyMember: true } } }),
    ]);
    expect(r.rejected).toEqual([{ rowNumber: 3, name: '远帆', reason: '「入党积极分子」应为 0 或正整数；「法定代表人是否党员」请填“是”或“否”' }]);
  });
});
