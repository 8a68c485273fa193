//! The evidence report's words, in English and Simplified Chinese.

use serde::{Deserialize, Serialize};

/// The language of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Zh,
}

/// The label in front of the document's own hash (the same in both languages, so the hash can
/// be found and checked whatever the language).
pub const HASH_LABEL: &str = "report-sha256: ";

/// A phrase in both languages.
pub struct T(pub &'static str, pub &'static str);

impl T {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.0,
            Lang::Zh => self.1,
        }
    }
}

pub const TITLE: T = T("Veracity evidence report", "Veracity 核验报告");
pub const INPUT: T = T("Input", "输入文件");
pub const SHA256: T = T("SHA-256 of the input", "输入文件的 SHA-256");
pub const BYTES: T = T("Size", "大小");
pub const ROWS: T = T("Records", "记录数");
pub const COLUMNS: T = T("Columns", "列");
pub const FORMAT: T = T("Read as", "读取方式");
pub const TOOL: T = T("Tool", "工具");
pub const GENERATED: T = T("Report made on", "报告生成日期");
pub const REFERENCE: T = T(
    "Reference date (no birth may be later)",
    "参考日期（出生日期不得晚于此日）",
);
pub const SETTINGS: T = T("Settings", "设置");
pub const COLUMN: T = T("Column", "列名");
pub const KIND: T = T("Detected kind", "识别类型");
pub const CONFIDENCE: T = T("Confidence", "置信度");
pub const VALID: T = T("Valid", "有效");
pub const INVALID: T = T("Invalid", "无效");
pub const EMPTY: T = T("Empty", "空值");
pub const REASONS: T = T("Why invalid", "无效原因");
pub const CROSS: T = T("Fields compared within each record", "同一记录内的字段比对");
pub const CHECK: T = T("Check", "比对项");
pub const CHECKED: T = T("Records compared", "比对记录数");
pub const DISAGREE: T = T("Disagree", "不一致");
pub const INFORMATIVE: T = T(
    "informative: migrants differ, rows not flagged",
    "仅供参考：流动人口本就不同，不标记记录",
);
pub const PEOPLE: T = T("The people in the sample", "样本中的人");
pub const BIRTH_YEARS: T = T("Birth years", "出生年份");
pub const SEX_RATIO: T = T("Sex ratio", "性别比");
pub const MEN_PER_100: T = T("men per 100 women", "（每 100 名女性对应的男性人数）");
pub const REGIONS: T = T("Provinces of the ID numbers", "身份证号所属省份");
pub const FLAGGED: T = T("Flagged records (masked)", "被标记的记录（已遮蔽）");
pub const ROW: T = T("Record", "记录");
pub const REASON: T = T("Reason", "原因");
pub const VALUE: T = T("Value", "值");
pub const MORE_FLAGS: T = T("more not listed", "条未列出");
pub const CALLSHEET: T = T("Call sheet", "电话核实清单");
pub const SEED: T = T("Seed (reproduces the draw)", "随机种子（可复现抽样）");
pub const OUTCOME: T = T("Outcome", "结果");
pub const NOTES: T = T("Notes", "备注");
pub const COMPARISON: T = T("Comparison with an earlier file", "与较早文件的比对");
pub const METHODS: T = T("Methods and limits", "方法与局限");
pub const METHODS_TEXT: T = T(
    "Every value is checked against its published specification: resident ID numbers \
     (GB 11643-1999: ISO 7064 MOD 11-2 check character, calendar date, region code against the \
     GB/T 2260 timeline, where a code abolished before the birth year is impossible and one \
     created after it is normal), mobile prefixes (libphonenumber metadata), dates, sex codings, \
     names (known surnames) and addresses (province, city and district that belong together). \
     Fields of one record are compared with each other. A valid check digit proves nothing — any \
     fake-data generator computes it; an invalid one only shows that a value is not a well-formed \
     number (genuine registers carry a few typos per thousand). These counts are evidence to \
     weigh, never proof that the data is genuine or fabricated; they cannot show that a number \
     belongs to a living person or that the data was not copied from an earlier leak. \
     Confirmation comes from people: call a random sample.",
    "每个值都按其公开规范核验：居民身份证号（GB 11643-1999：ISO 7064 MOD 11-2 校验码、日期、\
     按 GB/T 2260 历年行政区划代码核对地区码——出生前已撤销的代码不可能出现，出生后新设的代码属正常）、\
     手机号段（libphonenumber 元数据）、日期、性别编码、姓名（已知姓氏）及地址（省、市、区县是否相属）。\
     同一记录内的字段相互比对。校验码正确并不能证明什么——任何假数据生成器都会计算校验码；\
     校验码错误只说明该值不是格式正确的号码（真实登记中每千条也会有几处笔误）。\
     这些统计是需要权衡的证据，而不是数据真伪的证明；它们无法证明号码属于真实在世的人，\
     也无法排除数据抄自更早的泄露。确认需要靠人：随机抽取样本电话核实。",
);
pub const HASH_NOTE: T = T(
    "SHA-256 of this report, computed with this hash replaced by 64 zeros",
    "本报告的 SHA-256（计算时将此哈希值替换为 64 个 0）",
);
pub const MASKED_NOTE: T = T(
    "Values in this report are masked.",
    "本报告中的值均已遮蔽。",
);
pub const SHOWN_NOTE: T = T(
    "Values in this report are shown in full, as the reporter asked: handle it as personal data.",
    "应报告人要求，本报告显示完整的值：请按个人数据妥善处理。",
);
pub const FREE_TEXT: T = T("Free-text columns", "自由文本列");
pub const DATES_NAMED: T = T("Dates named", "提及的日期");
pub const LATE_DATES: T = T(
    "Values naming a date after the reference date",
    "提及参考日期之后日期的值",
);
pub const ANACHRONISMS: T = T(
    "Values naming a place that did not exist then",
    "提及当时尚不存在（或已撤销）地名的值",
);
pub const NOT_CHINESE: T = T("Values not in Chinese", "非中文的值");
pub const REPEATED: T = T("Repeated sentences", "重复出现的句子");
