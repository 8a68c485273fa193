//! What each column holds: the kinds Veracity knows, and inference from header and content.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The kind of values a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    CnRic,
    CnMobile,
    CnLandline,
    BirthDate,
    Date,
    Sex,
    Age,
    PersonName,
    Address,
    Email,
    Text,
    Unknown,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::CnRic,
        Kind::CnMobile,
        Kind::CnLandline,
        Kind::BirthDate,
        Kind::Date,
        Kind::Sex,
        Kind::Age,
        Kind::PersonName,
        Kind::Address,
        Kind::Email,
        Kind::Text,
        Kind::Unknown,
    ];

    /// The snake_case id used in the report, options and the CLI.
    pub fn id(self) -> &'static str {
        match self {
            Kind::CnRic => "cn_ric",
            Kind::CnMobile => "cn_mobile",
            Kind::CnLandline => "cn_landline",
            Kind::BirthDate => "birth_date",
            Kind::Date => "date",
            Kind::Sex => "sex",
            Kind::Age => "age",
            Kind::PersonName => "person_name",
            Kind::Address => "address",
            Kind::Email => "email",
            Kind::Text => "text",
            Kind::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.id() == s)
            .ok_or_else(|| {
                let ids: Vec<_> = Kind::ALL.iter().map(|k| k.id()).collect();
                format!("unknown kind {s:?} (known: {})", ids.join(", "))
            })
    }
}
