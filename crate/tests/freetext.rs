//! Free-text columns through `verify`: dates, places and what they contradict, on constructed
//! police-case summaries.

use veracity::civil::Date;
use veracity::Options;

#[test]
fn case_summaries_are_read_for_dates_places_and_boilerplate() {
    let csv = "报案人,联系电话,简要案情\n\
        张伟,13800138000,1990年5月1日在浦东新区发生盗窃。报警人称钱包被盗。\n\
        王芳,13900139000,2005年3月2日卢湾区发生纠纷。报警人称钱包被盗。\n\
        李娜,13700137000,2021年1月1日报警称手机被盗。报警人称钱包被盗。\n\
        刘洋,13600136000,二〇一八年十二月三十一日在闵行区发生交通事故，双方协商解决。\n\
        陈静,13500135000,The caller reported a stolen bicycle near the station.\n";
    let opts = Options {
        reference_date: Date::new(2019, 12, 31),
        ..Options::default()
    };
    let r = veracity::verify(csv.as_bytes(), &opts).unwrap();
    assert_eq!(r.columns[2].kind.id(), "text");
    assert_eq!(r.text_columns.len(), 1);
    let t = &r.text_columns[0];
    assert_eq!(t.column, "简要案情");
    assert_eq!((t.values, t.with_dates), (5, 4));
    assert_eq!(t.earliest.as_deref(), Some("1990-05-01"));
    assert_eq!(t.latest.as_deref(), Some("2021-01-01"));
    assert_eq!(t.after_reference, 1);
    assert_eq!(t.anachronisms, 1, "浦东新区 in 1990");
    assert_eq!(t.not_chinese, 1);
    assert_eq!(t.boilerplate[0].records, 3);
    let reasons: Vec<(u64, &str)> = r
        .flagged_rows
        .iter()
        .filter(|f| f.column == "简要案情")
        .map(|f| (f.row, f.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (1, "text_place_did_not_exist_then"),
            (3, "text_date_after_reference")
        ]
    );
}
