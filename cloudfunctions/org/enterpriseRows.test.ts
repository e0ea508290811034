import { checkRows, validCreditCode } from './enterpriseRows';

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
        row(7, ['远帆物流', '', '现代物流', '0', '2021年3月4日', '']),
      ],
      '2026-11-23',
    );
    expect(r.missingHeaders).toEqual([]);
    expect(r.valid.map((v) => [v.rowNumber, v.name, v.foundedAt, v.qualifications])).toEqual([
      [3, '星河科技', '2019-05-20', ['高新技术企业', '专精特新']],
      [7, '远帆物流', '2021-03-04', []],
    ]);
    expect(r.rejected).toEqual([
      { rowNumber: 4, name: '', reason: '企业名称不能为空；职工人数“abc”应为 0 或正整数；成立日期“2019-13-01”不是有效日期（如 2019-05-20）' },
      { rowNumber: 6, name: '星河科技', reason: '与第 3 行企业名称重复' },
    ]);
  });

  test('industry_and_qualifications_outside_the_ledgers_vocabularies_are_refused_like_the_ledger_page_does', () => {
    const r = checkRows(
      [header, row(3, ['云帆软件', '', '软件', '20', '2019-05-20', '高新技术企业、省级示范']), row(4, ['云帆物流', '', '现代物流', '100001', '2019-05-20', ''])],
      '2026-11-23',
    );
    expect(r.valid).toEqual([]);
    expect(r.rejected).toEqual([
      { rowNumber: 3, name: '云帆软件', reason: '所属行业“软件”不在行业目录中（见“填写说明”）；资质“省级示范”不在资质目录中（见“填写说明”）' },
      { rowNumber: 4, name: '云帆物流', reason: '职工人数“100001”应为 0 或正整数' },
    ]);
  });

  test('a_file_without_the_template_headers_names_the_missing_ones', () => {
    expect(checkRows([row(1, ['名称', '行业'])], '2026-11-23').missingHeaders).toEqual(['企业名称', '所属行业', '职工人数', '成立日期']);
  });
});
