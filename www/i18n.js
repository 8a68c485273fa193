// The page's words, in English and Simplified Chinese. The language follows the browser
// (navigator.languages) and a switch on the page; the choice is never stored.
//
// t(key, params) looks a key up in the current language, falls back to English, then to the
// key itself; `{name}` in a string is replaced by params.name. label(group, id) gives the
// plain-language label of a report id (kind, reason, note, check…), or the id itself when
// there is none (the registry grows; an unknown id is still shown, never hidden).

const en = {
  'doc.title': 'Veracity — does this leaked sample look genuine?',
  'app.tagline':
    'Paste a sample of leaked personal records, or open a file, to see whether it looks genuine.',
  'lang.label': 'Language',

  'privacy.title': 'Nothing leaves this device',
  'privacy.body':
    'Everything runs in this browser tab. What you paste or open is never uploaded, never stored (no cookies, no local storage) and never put in the address bar. The page is not allowed to connect anywhere, not even to its own site: its security policy forbids it.',
  'privacy.how': 'How to check',
  'privacy.check1':
    'Open the offline copy (veracity.html) with the network switched off (airplane mode): it works the same.',
  'privacy.check2':
    'Open the browser’s developer tools, Network tab, then run a check: only this page’s own files appear, none after the page has loaded.',
  'privacy.check3':
    'Compare the SHA-256 of the offline file (sha256sum veracity.html) with the published SHA256SUMS.',

  'input.label': 'Records (CSV, TSV, JSON, SQL, text dump…)',
  'input.help': 'Paste records here, or open a file of any size. A file is read as it is, in its own encoding.',
  'input.placeholder': '姓名,身份证号,手机号\n…',
  'file.label': 'Open a file',
  'demo.button': 'Try the demo sample',
  'run.button': 'Run',
  'cancel.button': 'Cancel',
  'clear.button': 'Clear everything',
  'file.loaded': 'Loaded {name} ({size}).',
  'file.preview': 'Preview of the first {size} of {name} (read-only; the whole file is checked).',
  'file.remove': 'Remove the file',
  'demo.name': 'the demo sample',
  'demo.failed': 'Could not load the demo sample: {message}',

  'settings.title': 'Reading and checking settings',
  'settings.reference_date': 'Reference date (e.g. the claimed extraction date)',
  'settings.reference_date.help': 'Birth dates after it are impossible; ages are computed at it. Empty: today.',
  'settings.encoding': 'Encoding',
  'settings.format': 'Format',
  'settings.has_header': 'Header row',
  'settings.delimiter': 'Field separator',
  'settings.delimiter.help': 'Empty: detect. For example , ; | ---- or \\t for a tab.',
  'settings.auto': 'Detect',
  'settings.yes': 'Yes',
  'settings.no': 'No',

  'status.running': 'Checking…',
  'status.progress': '{rows} rows · {rate} rows/s',
  'status.done': 'Done: {rows} rows in {ms} ms.',
  'status.cancelled': 'Cancelled. Nothing was kept from the stopped run.',
  'status.cleared': 'Cleared: the text, the file and the report are gone from this page.',
  'status.starting': 'Starting the engine…',
  'error.empty': 'Nothing to check: paste some records, open a file or try the demo sample.',
  'error.engine': 'The engine could not start: {message}',
  'error.run': 'The check failed: {message}',
  'progress.label': 'Progress',

  'verdict.title': 'Verdict',
  'verdict.unassessed': 'Validity summary',
  'verdict.summary':
    '{valid} of {checked} checked values are valid ({share}); {invalid} invalid in {columns} checked columns.',
  'verdict.nothing': 'No column holds values this tool can check.',
  'verdict.caveat':
    'A valid check digit proves nothing: any fake-data tool computes it. Whether the sample is genuine is a judgement on the whole evidence below.',
  'verdict.signals': 'Signals',
  'level.consistent': 'Consistent with genuine records',
  'level.inconclusive': 'Inconclusive',
  'level.mixed': 'Mixed: some rows look generated',
  'level.likely_fabricated': 'Probably fabricated',
  'level.unassessed': 'Validity summary',
  'verdict.evidence': 'What the verdict rests on',
  'signals.title': 'Signals: what genuine records would show',
  'signals.untested': 'Not enough data to test',
  'signals.more': 'What this means',
  'signals.expected': 'expected {v}',
  'signals.n': 'n = {n}',
  'direction.genuine': 'points to genuine',
  'direction.fabricated': 'points to fabricated',
  'direction.neutral': 'neutral',
  'strength.weak': 'weak',
  'strength.moderate': 'moderate',
  'strength.strong': 'strong',
  'suspicious.title': 'Rows that look generated',
  'suspicious.summary': '{count} of {scored} rows ({share}) fall in a cluster that differs from the rest.',
  'suspicious.none': 'No cluster of generated-looking rows was found.',
  'suspicious.score': 'Probability',

  'report.title': 'Report',
  'export.json': 'Export JSON',
  'export.report': 'Export readable report',
  'export.note': 'Exports are made in this page and saved by your browser; nothing is sent.',

  'input.title': 'Input',
  'input.rows': 'Rows',
  'input.columns': 'Columns',
  'input.format': 'Format',
  'input.encoding': 'Encoding',
  'input.header': 'Header row',
  'input.size': 'Size',
  'input.sha256': 'SHA-256',
  'input.delimiter': 'separator {d}',
  'input.malformed': 'Undecodable bytes',
  'input.ragged': 'Rows with too few or too many fields',
  'input.unparseable': 'Unparseable rows',
  'input.normalizations': 'Cleaned up',
  'input.reference_date': 'Reference date',
  'yes': 'yes',
  'no': 'no',

  'columns.title': 'Columns',
  'columns.overview': 'Columns at a glance',
  'col.index': '#',
  'col.header': 'Column',
  'col.kind': 'Kind',
  'col.confidence': 'Confidence',
  'col.valid': 'Valid',
  'col.invalid': 'Invalid',
  'col.empty': 'Empty',
  'col.reasons': 'Main invalid reasons',
  'card.kind': 'Detected kind',
  'card.change': 'Change the kind and re-run',
  'card.auto': 'Automatic (as detected)',
  'card.confidence': '{pct} confident, from {source}',
  'card.reasons': 'Why values are invalid',
  'card.notes': 'Observations (not errors)',
  'card.codings': 'Notations used',
  'card.none_invalid': 'No invalid value.',
  'card.counts': '{values} values: {valid} valid, {invalid} invalid, {empty} empty',
  'card.column': 'Column {n}',

  'cross.title': 'Do the fields of a record agree?',
  'cross.check': 'Check',
  'cross.columns': 'Columns',
  'cross.checked': 'Rows compared',
  'cross.disagree': 'Disagree',
  'cross.share': 'Share',
  'cross.informative': 'Reported only (rows not flagged)',
  'cross.none': 'No pair of columns could be compared.',

  'charts.title': 'Pictures of the sample',
  'charts.none': 'No birth dates, sexes or regions were found to draw.',
  'charts.source.id': 'From the ID numbers.',
  'charts.source.columns': 'From the birth-date and sex columns.',
  'chart.birth_years': 'Birth years',
  'chart.birth_years.desc': '{n} people, born {from}–{to}; most in {peak} ({peakCount}).',
  'chart.checkdigit': 'Check-digit validity of ID columns',
  'chart.checkdigit.desc':
    'Share of values with a correct check digit. Random digits get about 1 in 11 right (9 %); genuine registers nearly all.',
  'chart.checkdigit.row': '{column}: {pct} correct ({ok} of {n})',
  'chart.checkdigit.random': 'random ≈ 9 %',
  'chart.sex': 'Sex ratio',
  'chart.sex.desc': '{male} men, {female} women: {ratio} men per 100 women (2020 census: 105).',
  'chart.sex.male': 'men',
  'chart.sex.female': 'women',
  'chart.sex.census': 'census 2020',
  'chart.regions': 'Top regions (province of the ID)',
  'chart.regions.desc': 'The {n} most frequent of {total} provinces.',

  'flags.title': 'Flagged rows',
  'flags.none': 'No row was flagged.',
  'flags.count': '{total} problems found; {listed} listed.',
  'flags.all': 'List all of them (re-run)',
  'flags.all_capped': 'List the first {n} (re-run)',
  'flags.show_values': 'Show full values',
  'flags.show_values.help': 'Off by default. Full values are shown on this screen only and never kept.',
  'flags.row': 'Row',
  'flags.column': 'Column',
  'flags.reason': 'Problem',
  'flags.value': 'Value',
  'flags.record': '(whole record)',
  'flags.page': 'Page {page} of {pages}',
  'flags.first': 'First',
  'flags.prev': 'Previous',
  'flags.next': 'Next',
  'flags.last': 'Last',
  'flags.pager': 'Pages of flagged rows',
  'flags.page_size': 'Rows per page',

  'footer.version': 'Veracity {version}, report schema {schema}. Runs entirely in your browser.',
  'footer.engine': 'Veracity {version}',

  'md.title': 'Veracity report',
  'md.generated': 'Generated',
  'md.tool': 'Tool',
  'md.settings': 'Settings',
  'md.caveat':
    'Veracity counts and explains; it cannot prove that a sample is genuine. A valid check digit proves nothing on its own; an invalid one proves only that the value is not a well-formed ID.',
  'md.more_flags': '… and {n} more not listed in this report.',
};

const zh = {
  'doc.title': 'Veracity —— 这份泄露样本看起来是真的吗？',
  'app.tagline': '粘贴一份泄露的个人信息样本，或打开一个文件，看看它是否像真实数据。',
  'lang.label': '语言',

  'privacy.title': '数据不会离开本设备',
  'privacy.body':
    '所有处理都在这个浏览器标签页内完成。你粘贴或打开的内容不会上传、不会保存（没有 Cookie，没有本地存储），也不会写入地址栏。本页面的安全策略禁止它进行任何网络连接，连自己的网站也不行。',
  'privacy.how': '如何核实',
  'privacy.check1': '断开网络（飞行模式）后打开离线版（veracity.html）：功能完全一样。',
  'privacy.check2': '打开浏览器开发者工具的“网络”面板，然后运行检查：只会出现本页面自己的文件，页面加载后没有任何请求。',
  'privacy.check3': '将离线文件的 SHA-256（sha256sum veracity.html）与公布的 SHA256SUMS 对比。',

  'input.label': '记录（CSV、TSV、JSON、SQL、文本导出…）',
  'input.help': '在此粘贴记录，或打开任意大小的文件。文件按原样读取，保留其原有编码。',
  'input.placeholder': '姓名,身份证号,手机号\n…',
  'file.label': '打开文件',
  'demo.button': '试用示例样本',
  'run.button': '运行',
  'cancel.button': '取消',
  'clear.button': '全部清除',
  'file.loaded': '已载入 {name}（{size}）。',
  'file.preview': '{name} 前 {size} 的预览（只读；检查的是整个文件）。',
  'file.remove': '移除文件',
  'demo.name': '示例样本',
  'demo.failed': '无法载入示例样本：{message}',

  'settings.title': '读取与检查设置',
  'settings.reference_date': '参考日期（例如声称的导出日期）',
  'settings.reference_date.help': '晚于该日期的出生日期不可能成立；年龄按该日期计算。留空：今天。',
  'settings.encoding': '编码',
  'settings.format': '格式',
  'settings.has_header': '表头行',
  'settings.delimiter': '字段分隔符',
  'settings.delimiter.help': '留空：自动识别。例如 , ; | ---- 或 \\t 表示制表符。',
  'settings.auto': '自动识别',
  'settings.yes': '有',
  'settings.no': '无',

  'status.running': '正在检查…',
  'status.progress': '{rows} 行 · 每秒 {rate} 行',
  'status.done': '完成：{rows} 行，用时 {ms} 毫秒。',
  'status.cancelled': '已取消。中止的运行没有留下任何结果。',
  'status.cleared': '已清除：文本、文件和报告都已从本页面移除。',
  'status.starting': '正在启动引擎…',
  'error.empty': '没有可检查的内容：请粘贴记录、打开文件或试用示例样本。',
  'error.engine': '引擎无法启动：{message}',
  'error.run': '检查失败：{message}',
  'progress.label': '进度',

  'verdict.title': '结论',
  'verdict.unassessed': '有效性概要',
  'verdict.summary': '在 {columns} 个可检查的列中，{checked} 个值里有 {valid} 个有效（{share}），{invalid} 个无效。',
  'verdict.nothing': '没有本工具能够检查的列。',
  'verdict.caveat': '校验码正确并不能证明什么：任何造假工具都会计算校验码。样本是否真实，需要综合下面的全部证据来判断。',
  'verdict.signals': '信号',
  'level.consistent': '与真实记录相符',
  'level.inconclusive': '无法判断',
  'level.mixed': '混合：部分记录像是生成的',
  'level.likely_fabricated': '很可能是伪造的',
  'level.unassessed': '有效性概要',
  'verdict.evidence': '结论的依据',
  'signals.title': '信号：真实记录应有的特征',
  'signals.untested': '数据不足，无法检验',
  'signals.more': '含义',
  'signals.expected': '预期 {v}',
  'signals.n': 'n = {n}',
  'direction.genuine': '指向真实',
  'direction.fabricated': '指向伪造',
  'direction.neutral': '中性',
  'strength.weak': '弱',
  'strength.moderate': '中',
  'strength.strong': '强',
  'suspicious.title': '像是生成的行',
  'suspicious.summary': '{scored} 行中有 {count} 行（{share}）属于与其余各行不同的一簇。',
  'suspicious.none': '没有发现像是生成的行簇。',
  'suspicious.score': '概率',

  'report.title': '报告',
  'export.json': '导出 JSON',
  'export.report': '导出可读报告',
  'export.note': '导出文件在本页面内生成，由浏览器保存；不会发送任何数据。',

  'input.title': '输入',
  'input.rows': '行数',
  'input.columns': '列数',
  'input.format': '格式',
  'input.encoding': '编码',
  'input.header': '表头行',
  'input.size': '大小',
  'input.sha256': 'SHA-256',
  'input.delimiter': '分隔符 {d}',
  'input.malformed': '无法解码的字节',
  'input.ragged': '字段过多或过少的行',
  'input.unparseable': '无法解析的行',
  'input.normalizations': '已清理',
  'input.reference_date': '参考日期',
  'yes': '有',
  'no': '无',

  'columns.title': '各列',
  'columns.overview': '各列一览',
  'col.index': '#',
  'col.header': '列',
  'col.kind': '类型',
  'col.confidence': '置信度',
  'col.valid': '有效',
  'col.invalid': '无效',
  'col.empty': '空',
  'col.reasons': '主要无效原因',
  'card.kind': '识别的类型',
  'card.change': '更改类型并重新运行',
  'card.auto': '自动（按识别结果）',
  'card.confidence': '置信度 {pct}，依据：{source}',
  'card.reasons': '无效的原因',
  'card.notes': '观察（不算错误）',
  'card.codings': '使用的写法',
  'card.none_invalid': '没有无效值。',
  'card.counts': '{values} 个值：{valid} 个有效，{invalid} 个无效，{empty} 个空',
  'card.column': '第 {n} 列',

  'cross.title': '同一条记录的各字段是否一致？',
  'cross.check': '检查',
  'cross.columns': '列',
  'cross.checked': '比对行数',
  'cross.disagree': '不一致',
  'cross.share': '比例',
  'cross.informative': '仅报告（不标记行）',
  'cross.none': '没有可以相互比对的列。',

  'charts.title': '样本图示',
  'charts.none': '没有找到可以绘制的出生日期、性别或地区。',
  'charts.source.id': '来自身份证号。',
  'charts.source.columns': '来自出生日期列和性别列。',
  'chart.birth_years': '出生年份',
  'chart.birth_years.desc': '{n} 人，出生于 {from}–{to} 年；{peak} 年最多（{peakCount} 人）。',
  'chart.checkdigit': '身份证号列的校验码正确率',
  'chart.checkdigit.desc': '校验码正确的值所占比例。随机数字约 11 个中对 1 个（9%）；真实登记数据几乎全部正确。',
  'chart.checkdigit.row': '{column}：{pct} 正确（{n} 个中 {ok} 个）',
  'chart.checkdigit.random': '随机 ≈ 9%',
  'chart.sex': '性别比',
  'chart.sex.desc': '男 {male} 人，女 {female} 人：每 100 名女性对应 {ratio} 名男性（2020 年人口普查：105）。',
  'chart.sex.male': '男',
  'chart.sex.female': '女',
  'chart.sex.census': '2020 年普查',
  'chart.regions': '主要地区（身份证所属省份）',
  'chart.regions.desc': '{total} 个省份中最常见的 {n} 个。',

  'flags.title': '被标记的行',
  'flags.none': '没有被标记的行。',
  'flags.count': '共发现 {total} 个问题；列出 {listed} 个。',
  'flags.all': '全部列出（重新运行）',
  'flags.all_capped': '列出前 {n} 个（重新运行）',
  'flags.show_values': '显示完整值',
  'flags.show_values.help': '默认关闭。完整值只在本屏幕上显示，从不保存。',
  'flags.row': '行',
  'flags.column': '列',
  'flags.reason': '问题',
  'flags.value': '值',
  'flags.record': '（整条记录）',
  'flags.page': '第 {page} 页，共 {pages} 页',
  'flags.first': '首页',
  'flags.prev': '上一页',
  'flags.next': '下一页',
  'flags.last': '末页',
  'flags.pager': '被标记行的分页',
  'flags.page_size': '每页行数',

  'footer.version': 'Veracity {version}，报告格式第 {schema} 版。完全在你的浏览器中运行。',
  'footer.engine': 'Veracity {version}',

  'md.title': 'Veracity 报告',
  'md.generated': '生成时间',
  'md.tool': '工具',
  'md.settings': '设置',
  'md.caveat':
    'Veracity 只做统计和解释，不能证明样本是真实的。校验码正确本身不说明任何问题；校验码错误只说明该值不是格式正确的身份证号。',
  'md.more_flags': '… 另有 {n} 个未在本报告中列出。',
};

// Plain-language labels of the ids the report uses. Unknown ids are shown as they are.
const labels = {
  en: {
    kind: {
      cn_ric: 'Chinese resident ID number',
      cn_mobile: 'Chinese mobile number',
      cn_landline: 'Chinese landline number',
      birth_date: 'Birth date',
      date: 'Date',
      sex: 'Sex',
      age: 'Age',
      person_name: 'Person’s name',
      address: 'Address',
      email: 'E-mail address',
      text: 'Free text',
      unknown: 'Unknown',
    },
    source: {
      header: 'the header',
      content: 'the values',
      'header+content': 'the header and the values',
      override: 'your choice',
    },
    reason: {
      length: 'wrong length',
      format: 'malformed',
      checksum: 'wrong check digit',
      date_invalid: 'impossible date',
      date_after_reference: 'date after the reference date',
      date_too_old: 'implausibly old (before 1900 or over 130)',
      date_format: 'not a readable date',
      region_unknown: 'region code that never existed',
      region_not_person_level: 'province- or city-level region code (never given to a person)',
      region_abolished_before_birth: 'region code abolished before the birth',
      excel_scientific: 'damaged by Excel (scientific notation)',
      excel_trailing_zeros: 'damaged by Excel (last digits turned to 000)',
      prefix_unallocated: 'unallocated mobile prefix',
      area_code_unknown: 'unknown area code',
      area_code_missing: 'area code missing',
      sex_unknown_value: 'unreadable sex',
      age_format: 'not a number',
      age_out_of_range: 'impossible age',
      name_has_digits: 'name contains digits',
      name_has_latin: 'name contains Latin letters',
      name_not_chinese: 'name not in Chinese characters',
      name_bad_characters: 'name contains odd characters',
      name_bad_separator: 'odd separator in the name',
      name_too_short: 'name too short',
      name_too_long: 'name too long',
      unknown_surname: 'surname not in the surname list',
      address_no_region: 'no recognisable region in the address',
      address_inconsistent: 'district does not belong to the province or city named',
      domain: 'bad domain',
      birth_date_differs_from_id: 'birth date differs from the ID',
      sex_differs_from_id: 'sex differs from the ID',
      age_differs_from_id: 'age differs from the ID’s birth date',
      address_province_differs_from_id: 'address province differs from the ID',
      address_city_differs_from_id: 'address city differs from the ID',
      phone_prefix_after_record_date: 'phone prefix did not exist at the record’s date',
      ragged_too_many_fields: 'too many fields',
      ragged_too_few_fields: 'too few fields',
      unparseable_record: 'unreadable record',
    },
    note: {
      lowercase_x: 'lower-case x check character',
      legacy_15_digit: 'old 15-digit number',
      region_abolished: 'region code since abolished (normal in real registers)',
      residence_permit_hk: 'Hong Kong residence permit',
      residence_permit_mo: 'Macau residence permit',
      residence_permit_tw: 'Taiwan residence permit',
      separators: 'with separators',
      extension: 'with extension',
      ambiguous_day_month: 'day and month ambiguous',
      ambiguous_dmy_mdy: 'day and month ambiguous',
      excel_serial: 'Excel serial date',
      year_month_only: 'year and month only',
      sex_unknown: 'sex “unknown” (code 0)',
      sex_unspecified: 'sex “unspecified” (code 9)',
      compound_surname: 'compound surname',
      minority_name: 'minority-style name',
      name_masked: 'partly masked name',
      name_redacted: 'redacted name',
      region_ambiguous: 'region name ambiguous',
      historical_region: 'historical region name',
    },
    coding: {
      '18_digit': '18 digits',
      legacy_15: '15 digits',
      zh: 'Chinese (男/女)',
      zh_long: 'Chinese long (男性/女性)',
      mf: 'M/F',
      en: 'English',
      gb2261: 'GB/T 2261 codes (1/2)',
      iso: 'ISO (1990-01-02)',
      compact: 'compact (19900102)',
      slash_ymd: '1990/01/02',
      dot_ymd: '1990.01.02',
      dmy: 'day/month/year',
      mdy: 'month/day/year',
      excel_serial: 'Excel serial',
      year_month: 'year and month',
      plain: 'plain',
      plus86: '+86',
      han: 'Chinese characters',
      minority: 'minority-style',
    },
    cross: {
      birth_date_vs_id: 'Birth date agrees with the ID',
      sex_vs_id: 'Sex agrees with the ID',
      age_vs_id: 'Age agrees with the ID (±1 year)',
      address_province_vs_id: 'Address province agrees with the ID’s region',
      address_city_vs_id: 'Address city agrees with the ID’s region',
      phone_prefix_vs_record_date: 'Phone prefix existed at the record’s date',
    },
    normalization: {
      fullwidth_characters: 'full-width characters',
      stray_spaces: 'stray spaces',
      leading_apostrophe: 'leading apostrophe',
      leading_tab: 'leading tab',
      invisible_characters: 'invisible characters',
    },
    signal: {
      id_validity: 'ID numbers that fail a check',
      invalid_kinds: 'Typos or random digits?',
      region_level: 'Region codes never given to persons',
      abolished_codes: 'Abolished region codes',
      age_shape: 'Ages against the census',
      age_uniformity: 'Evenly spread ages',
      children_elderly: 'Children and centenarians',
      birth_date_heaping: 'Birth days 29–31',
      region_distribution: 'Provinces against the census',
      sex_ratio: 'Sex ratio',
      sex_ratio_by_age: 'Sex ratio at 65 and over',
      sequence_digits: 'Sequence numbers',
      surname_distribution: 'The five commonest surnames',
      surname_top100: 'Surnames outside the top 100',
      given_name_sex: 'Given names against sex',
      name_length: 'Two-character names',
      given_name_diversity: 'Variety of given names',
      address_consistency: 'Addresses against IDs',
      phone_validity: 'Mobile numbers that fail a check',
      phone_prefix_mix: 'Old and new mobile prefixes',
      shared_phones: 'Shared phone numbers',
      duplicates: 'Duplicates',
      households: 'Households',
      noise: 'Real-world noise',
      extraction_date: 'Latest birth date',
      mixed_rows: 'A cluster of generated-looking rows',
    },
    format: {
      csv: 'CSV',
      tsv: 'TSV',
      json: 'JSON',
      jsonl: 'JSON Lines',
      sql: 'SQL dump',
      text: 'text dump',
    },
  },
  'zh-CN': {
    kind: {
      cn_ric: '居民身份证号',
      cn_mobile: '手机号',
      cn_landline: '固定电话',
      birth_date: '出生日期',
      date: '日期',
      sex: '性别',
      age: '年龄',
      person_name: '姓名',
      address: '地址',
      email: '电子邮箱',
      text: '文本',
      unknown: '未知',
    },
    source: {
      header: '表头',
      content: '内容',
      'header+content': '表头和内容',
      override: '你的选择',
    },
    reason: {
      length: '长度错误',
      format: '格式错误',
      checksum: '校验码错误',
      date_invalid: '日期不存在',
      date_after_reference: '日期晚于参考日期',
      date_too_old: '年代过早（1900 年前或超过 130 岁）',
      date_format: '无法识别的日期',
      region_unknown: '从未存在的地区代码',
      region_not_person_level: '省级或市级地区代码（不会分配给个人）',
      region_abolished_before_birth: '地区代码在出生前已撤销',
      excel_scientific: '被 Excel 损坏（科学计数法）',
      excel_trailing_zeros: '被 Excel 损坏（末几位变成 000）',
      prefix_unallocated: '未分配的手机号段',
      area_code_unknown: '未知区号',
      area_code_missing: '缺少区号',
      sex_unknown_value: '无法识别的性别',
      age_format: '不是数字',
      age_out_of_range: '不可能的年龄',
      name_has_digits: '姓名含数字',
      name_has_latin: '姓名含拉丁字母',
      name_not_chinese: '姓名不是汉字',
      name_bad_characters: '姓名含异常字符',
      name_bad_separator: '姓名中的分隔符异常',
      name_too_short: '姓名过短',
      name_too_long: '姓名过长',
      unknown_surname: '姓氏不在姓氏表中',
      address_no_region: '地址中没有可识别的地区',
      address_inconsistent: '区县不属于所写的省或市',
      domain: '域名错误',
      birth_date_differs_from_id: '出生日期与身份证号不符',
      sex_differs_from_id: '性别与身份证号不符',
      age_differs_from_id: '年龄与身份证号的出生日期不符',
      address_province_differs_from_id: '地址省份与身份证号不符',
      address_city_differs_from_id: '地址城市与身份证号不符',
      phone_prefix_after_record_date: '记录日期时该号段尚不存在',
      ragged_too_many_fields: '字段过多',
      ragged_too_few_fields: '字段过少',
      unparseable_record: '无法读取的记录',
    },
    note: {
      lowercase_x: '校验码为小写 x',
      legacy_15_digit: '旧式 15 位号码',
      region_abolished: '地区代码现已撤销（真实登记数据中很常见）',
      residence_permit_hk: '港澳居民居住证（香港）',
      residence_permit_mo: '港澳居民居住证（澳门）',
      residence_permit_tw: '台湾居民居住证',
      separators: '含分隔符',
      extension: '含分机号',
      ambiguous_day_month: '日和月无法区分',
      ambiguous_dmy_mdy: '日和月无法区分',
      excel_serial: 'Excel 序列日期',
      year_month_only: '只有年和月',
      sex_unknown: '性别“未知”（代码 0）',
      sex_unspecified: '性别“未说明”（代码 9）',
      compound_surname: '复姓',
      minority_name: '少数民族式姓名',
      name_masked: '部分打码的姓名',
      name_redacted: '被隐去的姓名',
      region_ambiguous: '地区名称有歧义',
      historical_region: '历史地区名称',
    },
    coding: {
      '18_digit': '18 位',
      legacy_15: '15 位',
      zh: '中文（男/女）',
      zh_long: '中文全称（男性/女性）',
      mf: 'M/F',
      en: '英文',
      gb2261: 'GB/T 2261 代码（1/2）',
      iso: 'ISO（1990-01-02）',
      compact: '紧凑（19900102）',
      slash_ymd: '1990/01/02',
      dot_ymd: '1990.01.02',
      dmy: '日/月/年',
      mdy: '月/日/年',
      excel_serial: 'Excel 序列',
      year_month: '年和月',
      plain: '纯数字',
      plus86: '+86',
      han: '汉字',
      minority: '少数民族式',
    },
    cross: {
      birth_date_vs_id: '出生日期与身份证号一致',
      sex_vs_id: '性别与身份证号一致',
      age_vs_id: '年龄与身份证号一致（±1 岁）',
      address_province_vs_id: '地址省份与身份证号地区一致',
      address_city_vs_id: '地址城市与身份证号地区一致',
      phone_prefix_vs_record_date: '记录日期时手机号段已存在',
    },
    normalization: {
      fullwidth_characters: '全角字符',
      stray_spaces: '多余空格',
      leading_apostrophe: '开头的撇号',
      leading_tab: '开头的制表符',
      invisible_characters: '不可见字符',
    },
    signal: {
      id_validity: '未通过校验的身份号码',
      invalid_kinds: '录入错误还是随机数字？',
      region_level: '不会分配给个人的地区码',
      abolished_codes: '已撤销的地区码',
      age_shape: '年龄与普查对比',
      age_uniformity: '年龄是否均匀分布',
      children_elderly: '儿童与百岁老人',
      birth_date_heaping: '出生日 29–31 日',
      region_distribution: '省份与普查对比',
      sex_ratio: '性别比',
      sex_ratio_by_age: '65 岁及以上性别比',
      sequence_digits: '顺序码',
      surname_distribution: '前五大姓',
      surname_top100: '前 100 大姓以外的姓氏',
      given_name_sex: '名字与性别',
      name_length: '两字姓名',
      given_name_diversity: '名字的多样性',
      address_consistency: '地址与身份号码',
      phone_validity: '未通过校验的手机号',
      phone_prefix_mix: '新老号段',
      shared_phones: '共用的电话号码',
      duplicates: '重复',
      households: '家庭户',
      noise: '真实数据的小毛病',
      extraction_date: '最晚的出生日期',
      mixed_rows: '一簇像是生成的行',
    },
    format: {
      csv: 'CSV',
      tsv: 'TSV',
      json: 'JSON',
      jsonl: 'JSON Lines',
      sql: 'SQL 导出',
      text: '文本导出',
    },
  },
};

const strings = { en, 'zh-CN': zh };
export const LANGUAGES = [
  ['en', 'English'],
  ['zh-CN', '简体中文'],
];

let current = 'en';

/** The language the browser asks for, if we have it (any `zh` → Simplified Chinese). */
export function detectLang(languages = globalThis.navigator?.languages || [globalThis.navigator?.language]) {
  for (const l of languages || []) {
    if (!l) continue;
    const lower = String(l).toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function setLang(lang) {
  current = strings[lang] ? lang : 'en';
  return current;
}

export function getLang() {
  return current;
}

export function t(key, params) {
  let s = strings[current][key] ?? en[key] ?? key;
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}

/** The plain-language label of a report id in a group, or the id itself. */
export function label(group, id) {
  return labels[current]?.[group]?.[id] ?? labels.en[group]?.[id] ?? id;
}

/** Whether a plain-language label exists (for showing the raw id beside it or not). */
export function hasLabel(group, id) {
  return Boolean(labels.en[group]?.[id]);
}

// Intl formatters are costly to make: one per language and style, made on first use.
const formatters = new Map();
function formatter(kind, options) {
  const key = `${current}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(current, options);
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(n) {
  return formatter('n').format(n);
}

export function formatPercent(share, digits = 1) {
  const f = formatter(`p${digits}`, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: digits });
  return f.format(share);
}

export function formatBytes(n) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${formatter(`b${u ? 1 : 0}`, { maximumFractionDigits: u ? 1 : 0 }).format(v)} ${units[u]}`;
}

/** Fills every element carrying data-i18n (textContent), data-i18n-placeholder, data-i18n-label (aria-label). */
export function translateDom(root = document) {
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) {
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  }
  for (const node of root.querySelectorAll('[data-i18n-label]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  }
  document.documentElement.lang = current;
  document.title = t('doc.title');
}
