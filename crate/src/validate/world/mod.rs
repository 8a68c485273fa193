//! Identifier formats of Asia (beyond mainland China), the Middle East and Africa. One file per format.

use super::Validator;

mod common;
pub mod hk_hkid;
pub mod id_nik;
pub mod in_aadhaar;
pub mod in_pan;
pub mod jp_my_number;
pub mod kr_rrn;
pub mod mo_bir;
pub mod my_nric;
pub mod pk_cnic;
pub mod sg_nric;
pub mod th_pin;
pub mod tw_arc;
pub mod tw_nid;
pub mod vn_cccd;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[
    &hk_hkid::HkHkid,
    &tw_nid::TwNid,
    &tw_arc::TwArc,
    &sg_nric::SgNric,
    &in_pan::InPan,
    &kr_rrn::KrRrn,
    &th_pin::ThPin,
    &in_aadhaar::InAadhaar,
    &jp_my_number::JpMyNumber,
    &my_nric::MyNric,
    &id_nik::IdNik,
    &vn_cccd::VnCccd,
    &pk_cnic::PkCnic,
    &mo_bir::MoBir,
];

/// Header words (lower case, without spaces or underscores) naming this group's formats.
pub static HEADERS: &[(&str, &str)] = &[
    ("hkid", "hk_hkid"),
    ("hkidno", "hk_hkid"),
    ("hkidnumber", "hk_hkid"),
    ("香港身份證", "hk_hkid"),
    ("香港身份證號碼", "hk_hkid"),
    ("身份證號碼", "hk_hkid"),
    ("bir", "mo_bir"),
    ("澳門身份證", "mo_bir"),
    ("澳門居民身份證", "mo_bir"),
    ("身分證字號", "tw_nid"),
    ("身分證號碼", "tw_nid"),
    ("身分證統一編號", "tw_nid"),
    ("統一證號", "tw_arc"),
    ("居留證號", "tw_arc"),
    ("居留證統一證號", "tw_arc"),
    ("rrn", "kr_rrn"),
    ("주민등록번호", "kr_rrn"),
    ("주민번호", "kr_rrn"),
    ("외국인등록번호", "kr_rrn"),
    ("residentregistrationnumber", "kr_rrn"),
    ("mynumber", "jp_my_number"),
    ("マイナンバー", "jp_my_number"),
    ("個人番号", "jp_my_number"),
    ("nric", "sg_nric"),
    ("nricfin", "sg_nric"),
    ("mykad", "my_nric"),
    ("nokp", "my_nric"),
    ("nombokp", "my_nric"),
    ("nombordkadpengenalan", "my_nric"),
    ("kadpengenalan", "my_nric"),
    ("icno", "my_nric"),
    ("เลขประจำตัวประชาชน", "th_pin"),
    ("เลขบัตรประชาชน", "th_pin"),
    ("thaiid", "th_pin"),
    ("nik", "id_nik"),
    ("noktp", "id_nik"),
    ("ktp", "id_nik"),
    ("nomorindukkependudukan", "id_nik"),
    ("cccd", "vn_cccd"),
    ("socccd", "vn_cccd"),
    ("căncướccôngdân", "vn_cccd"),
    ("sốcccd", "vn_cccd"),
    ("sốđịnhdanh", "vn_cccd"),
    ("aadhaar", "in_aadhaar"),
    ("aadhar", "in_aadhaar"),
    ("aadhaarno", "in_aadhaar"),
    ("aadhaarnumber", "in_aadhaar"),
    ("pan", "in_pan"),
    ("panno", "in_pan"),
    ("pannumber", "in_pan"),
    ("pancard", "in_pan"),
    ("cnic", "pk_cnic"),
    ("cnicno", "pk_cnic"),
    ("cnicnumber", "pk_cnic"),
];
