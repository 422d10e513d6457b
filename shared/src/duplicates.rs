//! Merge suggestions (R11, R12, R17): the keys that make two contacts
//! potential duplicates.

use crate::email::Email;
use crate::phone::PhoneNumber;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A normalized value that, shared by two contacts, makes them candidates for
/// a merge (R11).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum DuplicateKey {
    /// A phone number in E.164.
    Phone(String),
    /// An e-mail address, trimmed and in lower case.
    Email(String),
}

impl DuplicateKey {
    /// The normalized value, e.g. `"+49301234567"` or `"ann@example.com"`.
    pub fn value(&self) -> &str {
        match self {
            DuplicateKey::Phone(value) | DuplicateKey::Email(value) => value,
        }
    }
}

impl fmt::Display for DuplicateKey {
    /// One string per key, e.g. for an indexed storage column:
    /// `"phone:+49301234567"`, `"email:ann@example.com"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DuplicateKey::Phone(value) => write!(f, "phone:{value}"),
            DuplicateKey::Email(value) => write!(f, "email:{value}"),
        }
    }
}

/// R11, R17: a contact's duplicate keys — its phone number in E.164 and its
/// e-mail address in lower case — or none at all when it is blocked, so
/// blocked contacts never take part in merge suggestions.
pub fn duplicate_keys(
    phone: Option<&PhoneNumber>,
    email: Option<&Email>,
    blocked: bool,
) -> Vec<DuplicateKey> {
    if blocked {
        return Vec::new();
    }
    let phone = phone.map(|p| DuplicateKey::Phone(p.e164().to_owned()));
    let email = email.map(|e| DuplicateKey::Email(e.key().to_owned()));
    phone.into_iter().chain(email).collect()
}

/// R12: which of a suggested contact's values it shares with the contact
/// being viewed; each shared one gets a green check mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedValues {
    /// The phone number is the same.
    pub phone: bool,
    /// The e-mail address is the same.
    pub email: bool,
}

impl SharedValues {
    /// R11: whether anything is shared, i.e. the two are merge candidates.
    pub fn any(self) -> bool {
        self.phone || self.email
    }
}

/// R11, R12: compares the keys of the contact being viewed with a
/// candidate's keys (both from [`duplicate_keys`]).
pub fn shared_values(contact: &[DuplicateKey], candidate: &[DuplicateKey]) -> SharedValues {
    let shared = |is_kind: fn(&DuplicateKey) -> bool| {
        contact
            .iter()
            .filter(|key| is_kind(key))
            .any(|key| candidate.contains(key))
    };
    SharedValues {
        phone: shared(|key| matches!(key, DuplicateKey::Phone(_))),
        email: shared(|key| matches!(key, DuplicateKey::Email(_))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(input: &str) -> PhoneNumber {
        PhoneNumber::parse(input, None).expect("valid phone")
    }

    fn email(input: &str) -> Email {
        Email::parse(input).expect("valid e-mail")
    }

    #[test]
    fn r11_keys_are_e164_phone_and_lowercased_email() {
        let keys = duplicate_keys(
            Some(&phone("+49 (0)30 123 4567")),
            Some(&email(" Ann@Example.COM ")),
            false,
        );
        assert_eq!(
            keys,
            [
                DuplicateKey::Phone("+49301234567".to_owned()),
                DuplicateKey::Email("ann@example.com".to_owned())
            ]
        );
        assert_eq!(keys[0].to_string(), "phone:+49301234567");
        assert_eq!(keys[1].value(), "ann@example.com");
    }

    #[test]
    fn r11_contacts_without_phone_or_email_have_no_keys() {
        assert!(duplicate_keys(None, None, false).is_empty());
        assert_eq!(duplicate_keys(None, Some(&email("a@b.de")), false).len(), 1);
    }

    #[test]
    fn r11_merge_suggestion_on_shared_phone_in_any_format() {
        let de = crate::country::Country::from_code("DE");
        let national = PhoneNumber::parse("030 1234567", de).expect("valid");
        let a = duplicate_keys(
            Some(&phone("+49 30 1234567")),
            Some(&email("a@x.de")),
            false,
        );
        let b = duplicate_keys(Some(&national), Some(&email("b@x.de")), false);
        let shared = shared_values(&a, &b);
        assert_eq!(
            shared,
            SharedValues {
                phone: true,
                email: false
            }
        );
        assert!(shared.any());
    }

    #[test]
    fn r11_merge_suggestion_on_shared_email_regardless_of_case() {
        let a = duplicate_keys(None, Some(&email("ANN@example.com")), false);
        let b = duplicate_keys(
            Some(&phone("+44 20 7946 0958")),
            Some(&email("ann@EXAMPLE.com ")),
            false,
        );
        assert_eq!(
            shared_values(&a, &b),
            SharedValues {
                phone: false,
                email: true
            }
        );
    }

    #[test]
    fn r11_no_suggestion_without_shared_values() {
        let a = duplicate_keys(
            Some(&phone("+49 30 1234567")),
            Some(&email("a@x.de")),
            false,
        );
        let b = duplicate_keys(
            Some(&phone("+49 30 1234568")),
            Some(&email("b@x.de")),
            false,
        );
        assert!(!shared_values(&a, &b).any());
    }

    #[test]
    fn r12_check_marks_on_each_shared_value() {
        let a = duplicate_keys(
            Some(&phone("+49 30 1234567")),
            Some(&email("a@x.de")),
            false,
        );
        let b = duplicate_keys(
            Some(&phone("0049 30 1234567")),
            Some(&email("A@X.de")),
            false,
        );
        assert_eq!(
            shared_values(&a, &b),
            SharedValues {
                phone: true,
                email: true
            }
        );
        assert_eq!(
            shared_values(&b, &a),
            SharedValues {
                phone: true,
                email: true
            }
        );
    }

    #[test]
    fn r12_a_phone_equal_to_an_email_value_is_not_shared() {
        let a = vec![DuplicateKey::Phone("x".to_owned())];
        let b = vec![DuplicateKey::Email("x".to_owned())];
        assert_eq!(shared_values(&a, &b), SharedValues::default());
    }

    #[test]
    fn r17_blocked_contacts_yield_no_duplicate_keys() {
        let keys = duplicate_keys(Some(&phone("+49 30 1234567")), Some(&email("a@x.de")), true);
        assert!(keys.is_empty());
        let other = duplicate_keys(
            Some(&phone("+49 30 1234567")),
            Some(&email("a@x.de")),
            false,
        );
        assert!(!shared_values(&keys, &other).any());
        assert!(!shared_values(&other, &keys).any());
    }

    #[test]
    fn duplicate_keys_serialize_with_their_kind() {
        let key = DuplicateKey::Email("a@x.de".to_owned());
        let json = serde_json::to_string(&key).expect("serializes");
        assert_eq!(json, r#"{"kind":"email","value":"a@x.de"}"#);
        assert_eq!(serde_json::from_str::<DuplicateKey>(&json).ok(), Some(key));
    }
}
