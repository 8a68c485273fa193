//! Identifier formats of Asia (beyond mainland China), the Middle East and Africa. One file per format.

use super::Validator;

pub mod ae_eid;
mod common;
pub mod eg_nid;
pub mod hk_hkid;
pub mod id_nik;
pub mod il_idnr;
pub mod in_aadhaar;
pub mod in_pan;
pub mod jp_my_number;
pub mod kr_rrn;
pub mod mo_bir;
pub mod my_nric;
pub mod ng_bvn;
pub mod ng_nin;
pub mod pk_cnic;
pub mod sa_nid;
pub mod sg_nric;
pub mod th_pin;
pub mod tw_arc;
pub mod tw_nid;
pub mod vn_cccd;
pub mod za_idnr;

/// This group's validators, in registry order.
pub static VALIDATORS: &[&dyn Validator] = &[
    &hk_hkid::HkHkid,
    &tw_nid::TwNid,
    &tw_arc::TwArc,
    &sg_nric::SgNric,
    &in_pan::InPan,
    &ae_eid::AeEid,
    &kr_rrn::KrRrn,
    &za_idnr::ZaIdnr,
    &th_pin::ThPin,
    &in_aadhaar::InAadhaar,
    &jp_my_number::JpMyNumber,
    &sa_nid::SaNid,
    &il_idnr::IlIdnr,
    &my_nric::MyNric,
    &eg_nid::EgNid,
    &id_nik::IdNik,
    &vn_cccd::VnCccd,
    &pk_cnic::PkCnic,
    &mo_bir::MoBir,
    &ng_bvn::NgBvn,
    &ng_nin::NgNin,
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
    ("israeliid", "il_idnr"),
    ("teudatzehut", "il_idnr"),
    ("תעודתזהות", "il_idnr"),
    ("מספרזהות", "il_idnr"),
    ("תז", "il_idnr"),
    ("iqama", "sa_nid"),
    ("iqamano", "sa_nid"),
    ("iqamanumber", "sa_nid"),
    ("رقمالهوية", "sa_nid"),
    ("رقمالهويةالوطنية", "sa_nid"),
    ("رقمالإقامة", "sa_nid"),
    ("saudiid", "sa_nid"),
    ("emiratesid", "ae_eid"),
    ("emiratesidnumber", "ae_eid"),
    ("emiratesidno", "ae_eid"),
    ("رقمالهويةالإماراتية", "ae_eid"),
    ("الرقمالقومي", "eg_nid"),
    ("رقمقومي", "eg_nid"),
    ("egyptianid", "eg_nid"),
    ("nationalnumber", "eg_nid"),
    ("rsaid", "za_idnr"),
    ("rsaidnumber", "za_idnr"),
    ("southafricanid", "za_idnr"),
    ("saidnumber", "za_idnr"),
    ("bvn", "ng_bvn"),
    ("bankverificationnumber", "ng_bvn"),
    ("nin", "ng_nin"),
    ("ninno", "ng_nin"),
    ("nimc", "ng_nin"),
    ("nationalidentificationnumber", "ng_nin"),
];
