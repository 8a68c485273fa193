//! Email address: a pragmatic syntax check of `local@domain.tld`, not RFC 5322 in full (quoted
//! local parts and address literals are treated as format errors: they do not occur in
//! personal-record dumps except as damage).
//!
//! Problems: `format` (not exactly one `@`, empty or over-long local part, characters outside
//! the usual set, dots at the ends or doubled), `domain` (fewer than two labels, an empty or
//! over-long label, a label starting or ending with `-`, a top-level domain that is not at least
//! two letters or an `xn--` name).

use super::{Check, Context, Validator};
use crate::kinds::Kind;

pub struct Email;

fn local_ok(local: &str) -> bool {
    const SPECIAL: &[u8] = b".!#$%&'*+/=?^_`{|}~-";
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || SPECIAL.contains(&b))
}

fn domain_ok(domain: &str) -> bool {
    if domain.is_empty() || domain.len() > 253 {
        return false;
    }
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return false;
        }
        labels += 1;
        last = label;
    }
    let tld_ok = (last.chars().count() >= 2 && last.chars().all(char::is_alphabetic))
        || (last.starts_with("xn--") && last.len() > 4);
    labels >= 2 && tld_ok
}

/// Validates an email address; see the module documentation.
pub fn check_email(value: &str) -> Check {
    let Some((local, domain)) = value.split_once('@') else {
        return Check::invalid("format");
    };
    let mut check = Check::default();
    if domain.contains('@') || !local_ok(local) {
        check.problems.push("format");
    }
    if !domain_ok(domain.rsplit('@').next().unwrap_or(domain)) {
        check.problems.push("domain");
    }
    check
}

impl Validator for Email {
    fn id(&self) -> &'static str {
        "email"
    }
    fn name(&self) -> &'static str {
        "Email address"
    }
    fn kind(&self) -> Kind {
        Kind::Email
    }
    fn looks_like(&self, value: &str) -> bool {
        value.len() <= 320
            && !value.contains(char::is_whitespace)
            && value
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && !d.contains('@') && d.contains('.'))
    }
    fn check(&self, value: &str, _ctx: &Context) -> Check {
        check_email(value)
    }
    fn validates(&self) -> &'static str {
        "one @, local part characters, domain labels, top-level domain"
    }
    fn extracts(&self) -> &'static str {
        ""
    }
    fn specification(&self) -> &'static str {
        "RFC 5321/5322 (pragmatic subset)"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn valid() {
        for v in [
            "zhang.san@example.com",
            "12345678@qq.com",
            "a+b@mail.example.cn",
            "x_y-z@sub.domain.com.cn",
            "user@例子.中国",
            "u@xn--fsqu00a.xn--fiqs8s",
        ] {
            assert!(check_email(v).is_valid(), "{v}");
            assert!(Email.looks_like(v), "{v}");
        }
    }

    #[test]
    fn problems() {
        let p = |v: &str| check_email(v).problems;
        assert_eq!(p("zhangsan"), ["format"]);
        assert_eq!(p("@example.com"), ["format"]);
        assert_eq!(p("a..b@example.com"), ["format"]);
        assert_eq!(p(".a@example.com"), ["format"]);
        assert_eq!(p("a b@example.com"), ["format"]);
        assert_eq!(p("a@b@example.com"), ["format"]);
        assert_eq!(p("a@"), ["domain"]);
        assert_eq!(p("a@localhost"), ["domain"]);
        assert_eq!(p("a@example.c"), ["domain"]);
        assert_eq!(p("a@example.123"), ["domain"]);
        assert_eq!(p("a@-example.com"), ["domain"]);
        assert_eq!(p("a@example..com"), ["domain"]);
        assert_eq!(p("张三@"), ["format", "domain"]);
        assert!(!Email.looks_like("a@b"));
        assert!(!Email.looks_like("13912345678"));
    }

    proptest! {
        #[test]
        fn junk_never_panics(s in "\\PC{0,40}") {
            let _ = check_email(&s);
            let _ = Email.looks_like(&s);
        }
    }
}
