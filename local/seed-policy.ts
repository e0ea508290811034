/**
 * Demo data for 惠企政策 / 惠企礼包 / 诉求: Suzhou-style but fictional policies (document numbers and
 * links are made up), four packages, and demands in every state for the figures.
 *
 * Policies are written with the dates of local/seed-clock.ts's CATALOGUE_DAY (four deliberately
 * expired, one closing within a month) and moved with the seeding day, document numbers' years too. Demands are placed relative to
 * the day the demo data is first written — in the three whole months before it, with due days
 * relative to it — so 办理统计 always shows recent months, some overdue work and some on time, and
 * the figures test can state exact numbers per category and month.
 */
import type { Collections } from '../server/core/schema';
import type { DemandDoc, DemandTimelineEntry } from '../cloudfunctions/demand/docs';
import type { PolicyDoc } from '../cloudfunctions/policy/docs';
import { DEFAULT_CATEGORY_CLASS, DEFAULT_CLASS_DAYS, type DemandCategory, type DemandKind, type DemandState } from '../cloudfunctions/demand/terms';
import { dayjs, PARK_TZ, parkDay } from '../server/core/time';
import { seedEpoch, shiftDay } from './seed-clock';

type Put = <K extends keyof Collections>(name: K, id: string, doc: Collections[K]) => Promise<void>;

/** Matching fields of the seeded enterprises (revenue in 万元, 入园日期), by enterprise id. */
export const ENTERPRISE_MATCHING: Record<string, { annualRevenueWan: number; settledAt: string }> = {
  'ent-a': { annualRevenueWan: 38000, settledAt: '2016-03-01' },
  'ent-b': { annualRevenueWan: 6200, settledAt: '2019-10-15' },
  'ent-c': { annualRevenueWan: 1800, settledAt: '2024-05-20' },
  'ent-d': { annualRevenueWan: 52000, settledAt: '2012-01-10' },
  'ent-e': { annualRevenueWan: 15000, settledAt: '2018-01-05' },
  'ent-f': { annualRevenueWan: 900, settledAt: '2025-06-10' },
};

type SeedPolicy = Omit<PolicyDoc, 'sourceUrl' | 'createdAt' | 'updatedAt' | 'updatedBy'> & { id: string };

const TECH = ['高新技术企业', '科技型中小企业'];
const MAKERS = ['高端装备制造', '新材料', '新能源', '生物医药', '集成电路'];

export const POLICIES: SeedPolicy[] = [
  // ---- 国家 ----
  {
    id: 'pol-rd-deduction', level: '国家', category: '税收优惠', issuer: '财政部 税务总局', docNo: '财税公告〔2026〕3号', issuedAt: '2026-01-10',
    title: '企业研发费用税前加计扣除',
    summary: '企业开展研发活动实际发生的研发费用，在据实扣除的基础上再按实际发生额的100%在税前加计扣除。',
    benefits: '未形成无形资产计入当期损益的，按实际发生额的100%在税前加计扣除；形成无形资产的，按无形资产成本的200%在税前摊销。',
    conditions: '会计核算健全、能准确归集研发费用的居民企业（烟草制造、住宿餐饮、批发零售等行业除外）。',
    criteria: {}, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-hitech-tax', level: '国家', category: '税收优惠', issuer: '国家税务总局', docNo: '税总所得〔2026〕5号', issuedAt: '2026-01-15',
    title: '高新技术企业减按15%税率征收企业所得税',
    summary: '经认定的高新技术企业，减按15%的税率征收企业所得税，并可延长亏损结转年限。',
    benefits: '企业所得税税率由25%降至15%；具备资格年度发生的亏损，准予向以后年度结转，最长结转年限为10年。',
    conditions: '取得有效期内的高新技术企业证书，并按规定办理优惠备案。',
    criteria: { qualificationsAll: ['高新技术企业'] }, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-small-tax', level: '国家', category: '税收优惠', issuer: '财政部 税务总局', docNo: '财税公告〔2026〕8号', issuedAt: '2026-02-01',
    title: '小型微利企业所得税减免',
    summary: '对小型微利企业减按25%计入应纳税所得额，按20%的税率缴纳企业所得税，实际税负5%。',
    benefits: '年应纳税所得额不超过300万元的部分，减按25%计入应纳税所得额，按20%税率缴纳企业所得税。',
    conditions: '从业人数不超过300人、资产总额不超过5000万元、年应纳税所得额不超过300万元的企业。',
    criteria: { headcount: { max: 300 }, revenueWan: { max: 5000 } }, applyFrom: '2026-01-01', applyTo: '2027-12-31',
  },
  {
    id: 'pol-sme-rd', level: '国家', category: '科技创新', issuer: '科学技术部', docNo: '国科发政〔2026〕21号', issuedAt: '2026-03-05',
    title: '科技型中小企业创新能力提升支持',
    summary: '对入库的科技型中小企业，在研发投入、创新券使用和科技金融方面给予优先支持。',
    benefits: '优先推荐申报科技计划项目；研发费用加计扣除比例执行最高档；可优先获得科技信贷支持。',
    conditions: '当年通过科技型中小企业评价并取得入库登记编号。',
    criteria: { qualificationsAll: ['科技型中小企业'] }, applyFrom: '2026-03-01', applyTo: '2027-06-30',
  },
  {
    id: 'pol-graduate-jobs', level: '国家', category: '稳岗就业', issuer: '人力资源社会保障部 财政部', docNo: '人社部发〔2025〕19号', issuedAt: '2025-04-20',
    title: '吸纳高校毕业生一次性扩岗补助（2025年度）',
    summary: '企业招用毕业年度或离校2年内未就业高校毕业生并参保的，按每人1500元发放一次性扩岗补助。',
    benefits: '按实际招用人数，每人一次性补助1500元。',
    conditions: '与毕业生签订劳动合同并为其连续缴纳失业保险费满3个月。',
    criteria: {}, applyFrom: '2025-05-01', applyTo: '2025-12-31',
  },
  // ---- 省 ----
  {
    id: 'pol-stable-jobs', level: '省', category: '稳岗就业', issuer: '江苏省人力资源和社会保障厅', docNo: '苏人社发〔2026〕33号', issuedAt: '2026-02-20',
    title: '失业保险稳岗返还',
    summary: '上年度未裁员或裁员率低于规定标准的参保企业，按规定返还部分失业保险费。',
    benefits: '中小微企业按上年度实际缴纳失业保险费的60%返还，大型企业按30%返还。',
    conditions: '依法参加失业保险并足额缴费，上年度未裁员或裁员率不高于全国城镇调查失业率控制目标。',
    criteria: {}, applyFrom: '2026-03-01', applyTo: '2026-12-31',
  },
  {
    id: 'pol-little-giant', level: '省', category: '资金补贴', issuer: '江苏省工业和信息化厅', docNo: '苏工信中小〔2026〕12号', issuedAt: '2026-03-10',
    title: '专精特新“小巨人”企业奖励',
    summary: '对新认定的国家级专精特新“小巨人”企业给予一次性奖励，支持其做精做强主业。',
    benefits: '一次性奖励50万元；优先推荐参加省级以上展会和产融对接活动。',
    conditions: '当年新认定为国家级专精特新“小巨人”企业。',
    criteria: { qualificationsAll: ['专精特新“小巨人”'] }, applyFrom: '2026-04-01', applyTo: '2026-12-31',
  },
  {
    id: 'pol-specialised', level: '省', category: '资金补贴', issuer: '江苏省工业和信息化厅', docNo: '苏工信中小〔2026〕15号', issuedAt: '2026-03-18',
    title: '省级专精特新中小企业培育奖励',
    summary: '对认定的省级专精特新中小企业给予培育奖励，并纳入“小巨人”后备库重点培育。',
    benefits: '一次性奖励20万元；免费参加专精特新企业高级管理人员培训。',
    conditions: '认定为省级专精特新中小企业，员工人数不少于50人。',
    criteria: { qualificationsAll: ['专精特新'], headcount: { min: 50 } }, applyFrom: '2026-04-01', applyTo: '2027-03-31',
  },
  {
    id: 'pol-rd-center', level: '省', category: '科技创新', issuer: '江苏省科学技术厅', docNo: '苏科技〔2026〕41号', issuedAt: '2026-04-02',
    title: '省级工程技术研究中心建设支持',
    summary: '支持研发实力强的高新技术企业建设省级工程技术研究中心，提升自主创新能力。',
    benefits: '通过绩效评价的给予最高100万元建设经费支持。',
    conditions: '高新技术企业，员工人数不少于100人、年营业收入不低于5000万元，具备独立研发场所。',
    criteria: { qualificationsAll: ['高新技术企业'], headcount: { min: 100 }, revenueWan: { min: 5000 } }, applyFrom: '2026-04-15', applyTo: '2026-12-31',
  },
  {
    id: 'pol-smart-upgrade', level: '省', category: '资金补贴', issuer: '江苏省工业和信息化厅', docNo: '苏工信技改〔2026〕7号', issuedAt: '2026-02-25',
    title: '工业企业智能化改造和数字化转型项目补助',
    summary: '支持制造业企业实施智能化改造、数字化转型和网络化联接，按设备和软件投入给予补助。',
    benefits: '按项目设备、软件投入的10%给予补助，单个项目最高300万元。',
    conditions: '制造业企业，年营业收入不低于2000万元，项目已开工建设。',
    criteria: { industries: MAKERS, revenueWan: { min: 2000 } }, applyFrom: '2026-03-01', applyTo: '2026-12-31',
  },
  {
    id: 'pol-first-set', level: '省', category: '科技创新', issuer: '江苏省工业和信息化厅', docNo: '苏工信装备〔2026〕9号', issuedAt: '2026-03-28',
    title: '首台（套）重大装备认定奖励',
    summary: '对认定为省首台（套）重大装备的产品研制单位给予奖励，并给予首台（套）保险补偿。',
    benefits: '按产品单价的20%给予奖励，最高200万元；投保首台（套）综合保险的给予保费80%补贴。',
    conditions: '装备制造企业，产品技术达到国内领先水平并实现首次销售。',
    criteria: { industries: ['高端装备制造'] }, applyFrom: '2026-04-01', applyTo: '2026-12-15',
  },
  {
    id: 'pol-material-first', level: '省', category: '市场开拓', issuer: '江苏省工业和信息化厅', docNo: '苏工信材料〔2026〕4号', issuedAt: '2026-04-10',
    title: '新材料首批次应用保险补偿',
    summary: '支持新材料首批次产品推广应用，对投保首批次应用保险的生产企业给予保费补贴。',
    benefits: '按年度保费的80%给予补贴，单个企业最高500万元。',
    conditions: '新材料生产企业，产品列入首批次应用示范指导目录。',
    criteria: { industries: ['新材料'] }, applyFrom: '2026-05-01', applyTo: '2027-04-30',
  },
  {
    id: 'pol-export-insurance', level: '省', category: '市场开拓', issuer: '江苏省商务厅', docNo: '苏商贸〔2026〕16号', issuedAt: '2026-01-28',
    title: '出口信用保险保费补助',
    summary: '鼓励中小外贸企业投保出口信用保险，降低收汇风险，对保费给予补助。',
    benefits: '中小企业按实缴保费的50%给予补助，单个企业最高30万元。',
    conditions: '有进出口实绩的企业，年营业收入不超过5亿元。',
    criteria: { revenueWan: { max: 50000 } }, applyFrom: '2026-02-01', applyTo: '2026-12-31',
  },
  // ---- 市 ----
  {
    id: 'pol-hitech-first', level: '市', category: '资金补贴', issuer: '苏州市科学技术局', docNo: '苏科资〔2026〕28号', issuedAt: '2026-03-01',
    title: '首次认定高新技术企业奖励',
    summary: '对首次通过认定的高新技术企业给予一次性奖励，鼓励企业加大研发投入。',
    benefits: '市级给予一次性奖励30万元，区级按1:1配套。',
    conditions: '当年首次通过高新技术企业认定（含整体迁入）。',
    criteria: { qualificationsAll: ['高新技术企业'] }, applyFrom: '2026-03-01', applyTo: '2027-02-28',
  },
  {
    id: 'pol-hitech-pool', level: '市', category: '科技创新', issuer: '苏州市科学技术局', docNo: '苏科资〔2026〕29号', issuedAt: '2026-03-01',
    title: '高新技术企业培育库入库奖励',
    summary: '对纳入市高新技术企业培育库的科技型中小企业给予培育资金，助力其通过高企认定。',
    benefits: '入库企业给予10万元培育资金；入库后两年内通过高企认定的再奖励10万元。',
    conditions: '已取得科技型中小企业入库编号，成立满1年，知识产权不少于1项。',
    criteria: { qualificationsAll: ['科技型中小企业'], yearsFounded: { min: 1 } }, applyFrom: '2026-03-15', applyTo: '2026-12-31',
  },
  {
    id: 'pol-innovation-voucher', level: '市', category: '科技创新', issuer: '苏州市科学技术局', docNo: '苏科规〔2026〕3号', issuedAt: '2026-02-12',
    title: '科技创新券',
    summary: '向科技型中小企业发放创新券，用于购买检验检测、研发设计、技术转移等科技服务。',
    benefits: '每家企业每年最高可使用创新券30万元，按服务合同金额的50%抵扣。',
    conditions: '高新技术企业或科技型中小企业，员工人数不超过500人。',
    criteria: { qualificationsAny: TECH, headcount: { max: 500 } }, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-ai-special', level: '市', category: '资金补贴', issuer: '苏州市工业和信息化局', docNo: '苏工信软〔2026〕11号', issuedAt: '2026-04-18',
    title: '人工智能和软件产业创新发展专项资金',
    summary: '支持人工智能、集成电路、软件企业开展核心技术攻关和场景应用示范。',
    benefits: '核心技术攻关项目最高补助500万元；应用场景示范项目最高补助100万元。',
    conditions: '从事人工智能、软件和信息技术服务或集成电路业务的企业，成立满2年。',
    criteria: { industries: ['人工智能', '软件和信息技术服务', '集成电路'], yearsFounded: { min: 2 } }, applyFrom: '2026-05-01', applyTo: '2026-12-31',
  },
  {
    id: 'pol-talent-leading', level: '市', category: '人才', issuer: '苏州市委人才工作领导小组办公室', docNo: '苏人才办〔2026〕2号', issuedAt: '2026-02-08',
    title: '市级创新创业领军人才计划',
    summary: '面向海内外引进的高层次创新创业人才及团队，给予项目资助、安家补贴和配套服务。',
    benefits: '入选领军人才给予100—500万元项目资助，安家补贴最高250万元。',
    conditions: '申报企业为高新技术企业或科技型中小企业，人才全职到岗且签订3年以上劳动合同。',
    criteria: { qualificationsAny: TECH }, applyFrom: '2026-03-01', applyTo: '2026-12-31',
  },
  {
    id: 'pol-skill-training', level: '市', category: '稳岗就业', issuer: '苏州市人力资源和社会保障局', docNo: '苏人社规〔2026〕6号', issuedAt: '2026-01-20',
    title: '企业职工职业技能提升培训补贴',
    summary: '企业组织职工参加职业技能培训并取得证书的，按取证等级给予培训补贴。',
    benefits: '初级工每人1000元、中级工1500元、高级工2000元，技师及以上3000元。',
    conditions: '依法参加社会保险的各类企业，职工培训后取得相应职业资格或技能等级证书。',
    criteria: {}, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-ip-pledge', level: '市', category: '融资', issuer: '苏州市市场监督管理局（知识产权局）', docNo: '苏市监知〔2026〕14号', issuedAt: '2026-03-22',
    title: '知识产权质押融资贴息',
    summary: '对以专利、商标等知识产权质押获得银行贷款的企业，按贷款利息给予贴息和评估费补贴。',
    benefits: '按实际支付利息的50%给予贴息，单个企业每年最高50万元；评估费按50%补贴。',
    conditions: '以自有知识产权质押取得银行贷款并按期付息。',
    criteria: {}, applyFrom: '2026-04-01', applyTo: '2027-03-31',
  },
  {
    id: 'pol-listing', level: '市', category: '融资', issuer: '苏州市地方金融管理局', docNo: '苏金规〔2026〕5号', issuedAt: '2026-02-28',
    title: '企业上市挂牌奖励',
    summary: '鼓励企业利用多层次资本市场融资，对完成股改、辅导备案和上市的企业分阶段奖励。',
    benefits: '完成股份制改造奖励50万元，辅导备案奖励100万元，境内外上市累计奖励最高500万元。',
    conditions: '年营业收入不低于1亿元，成立满3年，有明确上市计划。',
    criteria: { revenueWan: { min: 10000 }, yearsFounded: { min: 3 } }, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-expo', level: '市', category: '市场开拓', issuer: '苏州市商务局', docNo: '苏商外〔2026〕10号', issuedAt: '2026-02-15',
    title: '境内外重点展会参展补贴',
    summary: '支持企业参加目录内境内外重点展会，对展位费和人员费给予补贴。',
    benefits: '境外展会按展位费的70%补贴，境内展会按50%补贴，单个企业每年最高40万元。',
    conditions: '参加年度重点展会目录内的展会，并以企业名义独立参展。',
    criteria: {}, applyFrom: '2026-01-01', applyTo: '2026-12-31',
  },
  {
    id: 'pol-gazelle', level: '市', category: '资金补贴', issuer: '苏州市科学技术局', docNo: '苏科资〔2026〕35号', issuedAt: '2026-05-06',
    title: '瞪羚企业认定奖励',
    summary: '对认定为瞪羚企业的高成长性科技企业给予奖励，并纳入重点服务清单。',
    benefits: '一次性奖励50万元；优先享受科技贷款贴息和人才项目推荐。',
    conditions: '认定为市级瞪羚企业，员工人数不少于50人。',
    criteria: { qualificationsAll: ['瞪羚企业'], headcount: { min: 50 } }, applyFrom: '2026-05-15', applyTo: '2026-12-31',
  },
  {
    id: 'pol-digital-diagnosis', level: '市', category: '资金补贴', issuer: '苏州市工业和信息化局', docNo: '苏工信数〔2025〕22号', issuedAt: '2025-03-12',
    title: '中小企业数字化转型诊断服务补贴（2025年度）',
    summary: '为中小企业免费提供数字化转型诊断服务，费用由财政资金承担。',
    benefits: '每家企业诊断服务费最高5万元，由财政全额承担。',
    conditions: '员工人数不超过300人的制造业中小企业。',
    criteria: { industries: MAKERS, headcount: { max: 300 } }, applyFrom: '2025-04-01', applyTo: '2025-10-31',
  },
  {
    id: 'pol-sme-pool-2025', level: '市', category: '科技创新', issuer: '苏州市科学技术局', docNo: '苏科资〔2025〕18号', issuedAt: '2025-03-01',
    title: '科技型中小企业评价入库奖励（2025年度）',
    summary: '对首次通过科技型中小企业评价入库的企业给予一次性奖励。',
    benefits: '一次性奖励2万元。',
    conditions: '2025年度首次通过科技型中小企业评价并入库。',
    criteria: { qualificationsAll: ['科技型中小企业'] }, applyFrom: '2025-03-15', applyTo: '2025-09-30',
  },
  // ---- 区 ----
  {
    id: 'pol-biomed-clinical', level: '区', category: '资金补贴', issuer: '星河区发展和改革局', docNo: '星发改〔2026〕17号', issuedAt: '2026-03-16',
    title: '生物医药产业临床试验及注册补贴',
    summary: '支持生物医药企业开展新药临床试验和医疗器械注册，按研发阶段给予补贴。',
    benefits: '一类新药完成Ⅰ、Ⅱ、Ⅲ期临床试验分别补贴100万、200万、300万元；二类医疗器械取得注册证补贴50万元。',
    conditions: '注册在区内的生物医药企业。',
    criteria: { industries: ['生物医药'] }, applyFrom: '2026-04-01', applyTo: '2027-03-31',
  },
  {
    id: 'pol-tech-loan', level: '区', category: '融资', issuer: '星河区财政局', docNo: '星财金〔2026〕8号', issuedAt: '2026-02-26',
    title: '科技型企业贷款贴息',
    summary: '对科技型企业从合作银行取得的流动资金贷款给予贴息，缓解研发投入期资金压力。',
    benefits: '按贷款市场报价利率的50%给予贴息，单个企业每年最高100万元。',
    conditions: '高新技术企业或科技型中小企业，年营业收入不超过4亿元。',
    criteria: { qualificationsAny: TECH, revenueWan: { max: 40000 } }, applyFrom: '2026-03-01', applyTo: '2026-12-31',
  },
  {
    id: 'pol-talent-housing', level: '区', category: '人才', issuer: '星河区人才工作办公室', docNo: '星人才〔2026〕3号', issuedAt: '2026-01-18',
    title: '青年人才安居补贴',
    summary: '对在区内企业全职工作的本科及以上青年人才发放租房或购房补贴。',
    benefits: '本科每月租房补贴800元、硕士1200元、博士2000元，最长36个月；首次购房补贴最高20万元。',
    conditions: '企业为人才缴纳社会保险，人才年龄不超过35周岁且在本市无自有住房。',
    criteria: {}, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-land', level: '区', category: '用地用房', issuer: '星河区自然资源和规划分局', docNo: '星资规〔2026〕6号', issuedAt: '2026-04-08',
    title: '工业用地弹性出让和标准厂房租赁支持',
    summary: '对符合产业导向的制造业项目，优先安排工业用地弹性出让或标准厂房租赁。',
    benefits: '工业用地可按10—20年弹性年期出让；租赁标准厂房前三年租金减半。',
    conditions: '制造业企业，年营业收入不低于5000万元，项目亩均税收达到区定标准。',
    criteria: { industries: MAKERS, revenueWan: { min: 5000 } }, applyFrom: '2026-04-15', applyTo: '2027-04-14',
  },
  {
    id: 'pol-logistics', level: '区', category: '资金补贴', issuer: '星河区商务局', docNo: '星商〔2026〕12号', issuedAt: '2026-03-30',
    title: '现代物流业高质量发展扶持',
    summary: '支持物流企业建设智慧仓储、发展多式联运，对设备投入和规模增长给予奖励。',
    benefits: '智慧仓储设备投入按15%补助，最高200万元；营业收入首次突破1亿元奖励30万元。',
    conditions: '现代物流企业，年营业收入不低于5000万元。',
    criteria: { industries: ['现代物流'], revenueWan: { min: 5000 } }, applyFrom: '2026-04-01', applyTo: '2026-12-31',
  },
  {
    id: 'pol-trade-2025', level: '区', category: '市场开拓', issuer: '星河区商务局', docNo: '星商〔2025〕20号', issuedAt: '2025-05-10',
    title: '外贸企业稳订单拓市场专项（2025年度）',
    summary: '对新开拓海外市场的外贸企业给予市场开拓费用补助。',
    benefits: '按市场开拓费用的50%补助，单个企业最高20万元。',
    conditions: '年进出口额不低于500万美元的外贸企业。',
    criteria: {}, applyFrom: '2025-06-01', applyTo: '2025-12-15',
  },
  // ---- 园区 ----
  {
    id: 'pol-rent-new', level: '园区', category: '用地用房', issuer: '星河湾产业园管委会', docNo: '星河湾管〔2026〕1号', issuedAt: '2026-01-06',
    title: '新入园企业办公用房租金减免',
    summary: '对新入驻园区的企业，租用园区载体办公用房的，给予租金减免支持。',
    benefits: '入园第一年租金全免，第二、三年减半，面积最高1000平方米。',
    conditions: '入驻园区未满3年，在园区注册并实际经营。',
    criteria: { settledWithinYears: 3 }, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-opening-subsidy', level: '园区', category: '资金补贴', issuer: '星河湾产业园管委会', docNo: '星河湾管〔2026〕2号', issuedAt: '2026-01-06',
    title: '新入园企业开办补贴',
    summary: '对新注册入园的企业给予开办补贴，用于装修、设备购置和开办费用。',
    benefits: '按实际开办费用的30%给予补贴，最高20万元。',
    conditions: '入驻园区未满2年。',
    criteria: { settledWithinYears: 2 }, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-incubator', level: '园区', category: '用地用房', issuer: '星河湾产业园管委会', docNo: '星河湾管〔2026〕5号', issuedAt: '2026-02-10',
    title: '初创企业孵化载体入驻支持',
    summary: '为初创企业提供众创空间和孵化器工位，免费提供创业辅导和政策代办服务。',
    benefits: '孵化器工位前两年免租；免费享受工商、财税、知识产权代办服务。',
    conditions: '成立未满5年、员工不超过50人的初创企业。',
    criteria: { yearsFounded: { max: 5 }, headcount: { max: 50 } }, applyFrom: null, applyTo: null,
  },
  {
    id: 'pol-guarantee', level: '园区', category: '融资', issuer: '星河湾产业园管委会', docNo: '星河湾管〔2026〕7号', issuedAt: '2026-02-18',
    title: '中小微企业融资担保费补贴',
    summary: '对通过园区合作担保机构取得贷款的中小微企业，补贴部分担保费用。',
    benefits: '担保费率超过1%的部分全额补贴，单个企业每年最高20万元。',
    conditions: '员工人数不超过300人、年营业收入不超过2亿元的中小微企业。',
    criteria: { headcount: { max: 300 }, revenueWan: { max: 20000 } }, applyFrom: '2026-03-01', applyTo: '2027-02-28',
  },
  {
    id: 'pol-park-talent', level: '园区', category: '人才', issuer: '星河湾产业园管委会', docNo: '星河湾管〔2026〕9号', issuedAt: '2026-03-03',
    title: '园区高层次人才引进奖励',
    summary: '对引进硕士及以上或高级职称人才的园区企业，按引进人数给予奖励。',
    benefits: '每引进1名博士奖励5万元、硕士或高级职称2万元，单个企业每年最高50万元。',
    conditions: '园区企业，员工人数不少于10人，引进人才全职到岗满6个月。',
    criteria: { headcount: { min: 10 } }, applyFrom: '2026-03-15', applyTo: '2026-12-31',
  },
  {
    id: 'pol-testing-platform', level: '园区', category: '资金补贴', issuer: '星河湾产业园管委会', docNo: '星河湾管〔2026〕11号', issuedAt: '2026-04-20',
    title: '检验检测公共服务平台建设补贴',
    summary: '支持检验检测机构面向园区企业开放共享仪器设备，建设公共服务平台。',
    benefits: '按新增仪器设备投入的20%给予补贴，最高100万元；对外服务收入的5%给予奖励。',
    conditions: '检验检测企业，取得资质认定（CMA）证书。',
    criteria: { industries: ['检验检测'] }, applyFrom: '2026-05-01', applyTo: '2027-04-30',
  },
];

export const PACKAGES = [
  {
    id: 'pkg-newcomer', title: '新入园企业礼包', audience: '入驻园区未满3年的企业',
    description: '入园头三年最需要的房租、开办、融资和人才政策一次备齐，中心窗口帮办、上门代办。',
    policyIds: ['pol-rent-new', 'pol-opening-subsidy', 'pol-incubator', 'pol-guarantee', 'pol-talent-housing', 'pol-innovation-voucher', 'pol-small-tax'],
  },
  {
    id: 'pkg-hitech', title: '高新技术企业礼包', audience: '高新技术企业及高企培育企业',
    description: '从培育入库、首次认定到税收优惠、研发中心和科技贷款，陪伴企业走完高企成长路。',
    policyIds: ['pol-hitech-pool', 'pol-hitech-first', 'pol-hitech-tax', 'pol-rd-deduction', 'pol-rd-center', 'pol-tech-loan', 'pol-talent-leading'],
  },
  {
    id: 'pkg-small', title: '小微企业礼包', audience: '员工300人以下的中小微企业',
    description: '减税降费、融资担保、稳岗返还和技能补贴，帮小微企业降成本、稳经营。',
    policyIds: ['pol-small-tax', 'pol-guarantee', 'pol-ip-pledge', 'pol-stable-jobs', 'pol-skill-training', 'pol-expo'],
  },
  {
    id: 'pkg-talent', title: '人才引进礼包', audience: '有引才需求的园区企业',
    description: '领军人才项目、园区引才奖励、青年人才安居和技能提升，一站式办理人才政策。',
    policyIds: ['pol-talent-leading', 'pol-park-talent', 'pol-talent-housing', 'pol-skill-training', 'pol-stable-jobs'],
  },
];

// ---------------- demands ----------------

const NAMES: Record<string, string> = {
  'demo-enterprise-a': '赵敏',
  'demo-enterprise-b': '孙磊',
  'demo-expert-finance': '吴倩',
  'demo-expert-legal': '周文',
  'demo-admin': '王建国',
};

const ENTERPRISE_NAMES: Record<string, string> = {
  'ent-a': '苏州星河智能装备有限公司',
  'ent-b': '星河湾生物医药科技有限公司',
  'ent-c': '苏州云帆软件信息技术有限公司',
  'ent-d': '江苏恒润新材料股份有限公司',
  'ent-e': '苏州禾田现代物流有限公司',
  'ent-f': '星河湾检测认证服务有限公司',
};

/** Contacts who file for each enterprise (the two demo contacts; the others through the center's staff). */
const SUBMITTER: Record<string, string> = { 'ent-a': 'demo-enterprise-a', 'ent-b': 'demo-enterprise-b' };

export interface SeedDemand {
  id: string;
  enterpriseId: string;
  kind: DemandKind;
  category: DemandCategory;
  title: string;
  description: string;
  /** Whole months before the seeding month (1–3), and the day of that month. */
  monthsAgo: number;
  day: number;
  state: DemandState;
  handler?: string;
  /** Due day: days after submission, or relative to the seeding day when `dueFromToday`. */
  dueDays?: number;
  dueFromToday?: boolean;
  /** Hours from submission to resolution (resolved and rated ones). */
  resolveHours?: number;
  score?: number;
  comment?: string;
  resolution?: string;
  progress?: string;
  policyIds?: string[];
}

export const SEED_DEMANDS: SeedDemand[] = [
  { id: 'dm-seed-01', enterpriseId: 'ent-b', kind: '诉求', category: '融资', monthsAgo: 3, day: 4, state: 'rated', handler: 'demo-expert-finance', dueDays: 10, resolveHours: 52, score: 5, comment: '对接及时，三周内拿到授信。',
    title: '研发设备采购流动资金贷款对接', description: '公司计划采购一批研发检测设备，需要约800万元流动资金贷款，希望中心协助对接合作银行。',
    progress: '已推荐两家科技支行，并约定上门尽调时间。', resolution: '已与合作银行达成800万元授信意向，贷款可享科技型企业贷款贴息。' },
  { id: 'dm-seed-02', enterpriseId: 'ent-a', kind: '诉求', category: '法律', monthsAgo: 3, day: 8, state: 'rated', handler: 'demo-expert-legal', dueDays: 7, resolveHours: 30, score: 4, comment: '意见很专业。',
    title: '劳动合同范本审查', description: '公司更新了劳动合同和保密协议范本，请法律服务团帮助审查条款合规性。',
    resolution: '已出具审查意见书，修改竞业限制补偿等5处条款。' },
  { id: 'dm-seed-03', enterpriseId: 'ent-c', kind: '诉求', category: '政策咨询', monthsAgo: 3, day: 12, state: 'rated', handler: 'demo-admin', dueDays: 5, resolveHours: 8, score: 5,
    title: '高新技术企业认定条件咨询', description: '我司为科技型中小企业，想了解申报高新技术企业需要满足哪些条件、何时申报。', policyIds: ['pol-hitech-first'],
    resolution: '已电话解读认定条件，并推荐入库高企培育库。' },
  { id: 'dm-seed-04', enterpriseId: 'ent-e', kind: '诉求', category: '用工', monthsAgo: 3, day: 15, state: 'resolved', handler: 'demo-admin', dueDays: 10, resolveHours: 120,
    title: '旺季临时用工招聘对接', description: '“双十一”旺季需临时增加分拣员约60名，请中心协助对接劳务资源。',
    progress: '已在园区招聘群发布需求，并联系两家人力资源机构。', resolution: '已对接两家人力资源机构，首批40人到岗。' },
  { id: 'dm-seed-05', enterpriseId: 'ent-a', kind: '代办', category: '审批代办', monthsAgo: 3, day: 20, state: 'in_progress', handler: 'demo-admin', dueDays: 20, policyIds: ['pol-first-set'],
    title: '代办：首台（套）重大装备认定奖励', description: '请中心协助办理首台（套）重大装备认定的申报材料准备和报送。',
    progress: '申报材料已初审，正在补充第三方检测报告。' },
  { id: 'dm-seed-06', enterpriseId: 'ent-d', kind: '诉求', category: '融资', monthsAgo: 2, day: 3, state: 'rated', handler: 'demo-expert-finance', dueDays: 10, resolveHours: 72, score: 4,
    title: '知识产权质押融资咨询', description: '公司有发明专利12项，想了解知识产权质押融资的额度和流程。', policyIds: ['pol-ip-pledge'],
    resolution: '已协助完成专利价值评估，获银行质押贷款2000万元。' },
  { id: 'dm-seed-07', enterpriseId: 'ent-b', kind: '诉求', category: '法律', monthsAgo: 2, day: 9, state: 'resolved', handler: 'demo-expert-legal', dueDays: 7, resolveHours: 20,
    title: '技术许可合同纠纷咨询', description: '与合作方的技术许可合同在付款节点上产生分歧，想咨询处理方式。',
    resolution: '已提供调解方案与律师函模板，建议先行协商。' },
  { id: 'dm-seed-08', enterpriseId: 'ent-e', kind: '诉求', category: '融资', monthsAgo: 2, day: 14, state: 'accepted', handler: 'demo-expert-finance', dueDays: 10,
    title: '物流车辆融资租赁方案', description: '计划更新30辆新能源物流车，想了解融资租赁方案和可享补贴。' },
  { id: 'dm-seed-09', enterpriseId: 'ent-c', kind: '诉求', category: '其他', monthsAgo: 2, day: 18, state: 'cancelled',
    title: '园区停车位申请', description: '员工增加，希望增配10个地面停车位。' },
  { id: 'dm-seed-10', enterpriseId: 'ent-b', kind: '诉求', category: '政策咨询', monthsAgo: 2, day: 22, state: 'rated', handler: 'demo-admin', dueDays: 5, resolveHours: 36, score: 5, comment: '解读清楚，材料清单很实用。',
    title: '生物医药临床试验补贴申报', description: '公司一款一类新药即将进入Ⅱ期临床，想了解区级临床试验补贴如何申报。', policyIds: ['pol-biomed-clinical'],
    resolution: '已讲解申报流程并提供材料清单，企业已着手准备。' },
  { id: 'dm-seed-11', enterpriseId: 'ent-c', kind: '诉求', category: '用工', monthsAgo: 1, day: 6, state: 'rated', handler: 'demo-admin', dueDays: 10, resolveHours: 96, score: 3, comment: '展位安排偏晚，希望下次提前通知。',
    title: '高校毕业生招聘会展位申请', description: '希望参加园区秋季高校毕业生专场招聘会，招聘软件开发岗位15名。',
    resolution: '已安排秋季招聘会展位并推送岗位信息。' },
  { id: 'dm-seed-12', enterpriseId: 'ent-f', kind: '代办', category: '审批代办', monthsAgo: 1, day: 12, state: 'submitted', policyIds: ['pol-testing-platform'],
    title: '代办：检验检测公共服务平台建设补贴', description: '请中心协助办理检验检测公共服务平台建设补贴的申报。' },
  { id: 'dm-seed-13', enterpriseId: 'ent-a', kind: '诉求', category: '融资', monthsAgo: 1, day: 18, state: 'in_progress', handler: 'demo-expert-finance', dueDays: 10, dueFromToday: true, policyIds: ['pol-smart-upgrade'],
    title: '设备更新贷款贴息申报', description: '公司实施产线智能化改造，贷款约3000万元，咨询可申请的贴息和补助。',
    progress: '已梳理可叠加的省级技改补助和区级贴息政策。' },
  { id: 'dm-seed-14', enterpriseId: 'ent-d', kind: '诉求', category: '法律', monthsAgo: 1, day: 24, state: 'submitted', handler: 'demo-expert-legal', dueDays: 5, dueFromToday: true,
    title: '商标侵权维权咨询', description: '发现电商平台有店铺仿冒我司注册商标销售产品，想咨询维权途径。' },
];

const ORDER: DemandState[] = ['submitted', 'accepted', 'in_progress', 'resolved', 'rated'];

/** A demand document as if it had gone through the real steps, with a consistent timeline. */
export function seedDemandDoc(s: SeedDemand, seededAt: Date): DemandDoc {
  const zone = (d: Date) => dayjs(d).tz(PARK_TZ);
  const submitted = zone(seededAt).subtract(s.monthsAgo, 'month').startOf('month').add(s.day - 1, 'day').hour(9).minute(30);
  const at = submitted.toDate();
  const submitter = SUBMITTER[s.enterpriseId] ?? 'demo-admin';
  const submitterName = SUBMITTER[s.enterpriseId] ? NAMES[submitter] : '王建国（代企业登记）';
  const handlerName = s.handler ? NAMES[s.handler] : null;
  const reached = (st: DemandState) => s.state !== 'cancelled' && ORDER.indexOf(s.state) >= ORDER.indexOf(st);
  const timeline: DemandTimelineEntry[] = [{ at, action: 'submit', by: submitter, name: submitterName, party: 'owner', note: null, state: 'submitted' }];
  const assignedAt = s.handler ? submitted.add(2, 'hour').toDate() : null;
  const dueDate = s.dueDays === undefined ? null : (s.dueFromToday ? zone(seededAt) : submitted).add(s.dueDays, 'day').format('YYYY-MM-DD');
  if (assignedAt) {
    timeline.push({ at: assignedAt, action: 'assign', by: 'demo-admin', name: '王建国', party: 'admin', note: `分派给${handlerName}，办理期限 ${dueDate}`, state: 'submitted' });
  }
  const acceptedAt = reached('accepted') && s.handler ? submitted.add(4, 'hour').toDate() : null;
  if (acceptedAt) timeline.push({ at: acceptedAt, action: 'accept', by: s.handler!, name: handlerName!, party: 'handler', note: null, state: 'accepted' });
  if (reached('in_progress') && s.handler && (s.progress || s.state === 'in_progress')) {
    timeline.push({ at: submitted.add(6, 'hour').toDate(), action: 'progress', by: s.handler, name: handlerName!, party: 'handler', note: s.progress ?? '已联系企业了解情况。', state: 'in_progress' });
  }
  const resolvedAt = reached('resolved') && s.resolveHours !== undefined ? submitted.add(s.resolveHours, 'hour').toDate() : null;
  if (resolvedAt) timeline.push({ at: resolvedAt, action: 'resolve', by: s.handler!, name: handlerName!, party: 'handler', note: s.resolution ?? '已办结。', state: 'resolved' });
  const ratedAt = s.state === 'rated' && resolvedAt ? dayjs(resolvedAt).add(1, 'day').toDate() : null;
  if (ratedAt) {
    timeline.push({ at: ratedAt, action: 'rate', by: submitter, name: submitterName, party: 'owner', note: `${s.score} 星${s.comment ? `：${s.comment}` : ''}`, state: 'rated' });
  }
  const cancelledAt = s.state === 'cancelled' ? submitted.add(1, 'day').toDate() : null;
  if (cancelledAt) timeline.push({ at: cancelledAt, action: 'cancel', by: submitter, name: submitterName, party: 'owner', note: '已自行解决', state: 'cancelled' });
  const titleOf = new Map(POLICIES.map((p) => [p.id, p.title]));
  return {
    kind: s.kind,
    category: s.category,
    title: s.title,
    description: s.description,
    contactWay: '电话联系',
    contactPhone: null,
    proxyMode: s.kind === '代办' ? '窗口帮办' : null,
    policies: (s.policyIds ?? []).map((id) => ({ id, title: titleOf.get(id) ?? id })),
    packageId: null,
    packageTitle: null,
    enterpriseId: s.enterpriseId,
    enterpriseName: ENTERPRISE_NAMES[s.enterpriseId],
    submittedBy: submitter,
    submitterName,
    state: s.state,
    handlerOpenid: s.handler ?? null,
    handlerName,
    dueDate,
    submittedAt: at,
    month: submitted.format('YYYY-MM'),
    assignedAt,
    acceptedAt,
    resolvedAt,
    resolution: resolvedAt ? (s.resolution ?? '已办结。') : null,
    ratedAt,
    score: s.state === 'rated' ? (s.score ?? null) : null,
    comment: s.state === 'rated' ? (s.comment ?? null) : null,
    cancelledAt,
    reopenCount: 0,
    timeline,
    updatedAt: timeline[timeline.length - 1].at,
    // The built-in service levels (no table rows are seeded), as a demand filed then would carry.
    serviceClass: DEFAULT_CATEGORY_CLASS[s.category],
    slaDays: DEFAULT_CLASS_DAYS[DEFAULT_CATEGORY_CLASS[s.category]],
    slaVersion: 0,
    question: null,
    dueSoonRound: null,
    escalatedRound: null,
    escalatedAt: null,
    unsatisfied: false,
    closedMonth: ratedAt ? zone(ratedAt).format('YYYY-MM') : null,
    callback: null,
  };
}

/** A catalogue policy as it reads when seeded on `today`: every date moved, and its document number's year with it. */
export function policyOn<P extends Pick<PolicyDoc, 'issuedAt' | 'applyFrom' | 'applyTo' | 'docNo'>>(p: P, today: string): P {
  const move = (d: string | null) => (d === null ? null : shiftDay(d, today));
  const issuedAt = shiftDay(p.issuedAt, today);
  const years = Number(issuedAt.slice(0, 4)) - Number(p.issuedAt.slice(0, 4));
  const docNo = p.docNo.replace(/〔(\d{4})〕/, (_, y: string) => `〔${Number(y) + years}〕`);
  return { ...p, issuedAt, applyFrom: move(p.applyFrom), applyTo: move(p.applyTo), docNo };
}

export async function seedPolicyAndDemand(put: Put, seededAt = new Date()): Promise<void> {
  const at = seedEpoch(seededAt);
  const today = parkDay(seededAt);
  for (const { id, ...written } of POLICIES) {
    const p = policyOn(written, today);
    const doc: PolicyDoc = { ...p, sourceUrl: `https://zwfw.xinghewan.example/policy/${id}`, createdAt: at, updatedAt: at, updatedBy: 'demo-admin' };
    await put('policies', id, doc);
  }
  for (const [order, { id, ...k }] of PACKAGES.entries()) {
    await put('policyPackages', id, { ...k, order, createdAt: at, updatedAt: at, updatedBy: 'demo-admin' });
  }
  for (const s of SEED_DEMANDS) await put('demands', s.id, seedDemandDoc(s, seededAt));
}
