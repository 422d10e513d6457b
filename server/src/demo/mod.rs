//! The demo workspaces, seeded into an empty database in demo mode: enough
//! realistic contacts, channels, conversations, tags and duplicates to try
//! every part of the product, and a second workspace to show isolation.

pub(crate) mod people;

use crate::passwords;
use crate::storage::Store;
use rand::Rng;

/// Demo sign-ins: e-mail, name, role in "Demo", role in "Acme Support".
pub(crate) const DEMO_USERS: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    ("owner@demo.test", "Olivia Owner", Some("owner"), None),
    (
        "manager@demo.test",
        "Max Manager",
        Some("manager"),
        Some("agent"),
    ),
    ("agent@demo.test", "Ada Agent", Some("agent"), None),
    ("owner@acme.test", "Amir Acme", None, Some("owner")),
    ("agent@acme.test", "Bea Acme", None, Some("agent")),
];

/// Channels of the demo workspace: kind, name.
pub(crate) const DEMO_CHANNELS: &[(&str, &str)] = &[
    ("whatsapp", "WhatsApp Business"),
    ("sms", "SMS"),
    ("email", "Support e-mail"),
    ("facebook", "Facebook page"),
    ("instagram", "Instagram"),
    ("telegram", "Telegram bot"),
    ("line", "LINE"),
    ("webchat", "Website chat"),
];

pub(crate) const DEMO_TAGS: &[&str] = &[
    "VIP",
    "Lead",
    "Customer",
    "Newsletter",
    "Support",
    "Partner",
    "Churn risk",
];

/// Custom fields: key, label, type, options.
pub(crate) const DEMO_FIELDS: &[(&str, &str, &str, &str)] = &[
    ("plan", "Plan", "list", r#"["Free","Pro","Enterprise"]"#),
    ("customer_since", "Customer since", "date", "[]"),
    ("lifetime_value", "Lifetime value", "number", "[]"),
    ("newsletter", "Newsletter", "checkbox", "[]"),
];

pub(crate) const MESSAGES_IN: &[&str] = &[
    "Hi, I have a question about my order.",
    "Is the store open on Sunday?",
    "Thanks for the quick help!",
    "Can I change my delivery address?",
    "The invoice shows the wrong amount.",
    "Do you ship to my country?",
];
pub(crate) const MESSAGES_OUT: &[&str] = &[
    "Hello! Happy to help, could you send me your order number?",
    "Yes, we are open from 10:00 to 16:00.",
    "You're welcome, have a great day!",
    "Done, the new address is saved.",
];

/// Seeds the demo workspaces when the database is empty; prints where the
/// app runs and how to sign in.
pub async fn seed_if_empty(store: &Store, password: Option<String>) -> Result<(), String> {
    if !store.is_empty().await.map_err(|e| e.to_string())? {
        println!("Demo data: the database already has workspaces; nothing seeded.");
        return Ok(());
    }
    let password = password.unwrap_or_else(random_password);
    // One hash per user, each with its own random salt.
    let hashes = tokio::task::spawn_blocking({
        let password = password.clone();
        move || {
            DEMO_USERS
                .iter()
                .map(|_| passwords::hash(&password))
                .collect::<Result<Vec<_>, _>>()
        }
    })
    .await
    .map_err(|e| e.to_string())?
    .map_err(|e| e.to_string())?;

    if !store.write_demo(&hashes).await.map_err(|e| e.to_string())? {
        println!("Demo data: another server seeded the database first; nothing seeded.");
        return Ok(());
    }

    println!("Demo data seeded. Sign in with any of these (password: {password}):");
    for (email, name, demo, acme) in DEMO_USERS {
        let roles: Vec<String> = [(demo, "Demo"), (acme, "Acme Support")]
            .iter()
            .filter_map(|(role, workspace)| role.map(|role| format!("{role} in {workspace}")))
            .collect();
        println!("  {email:<20} {name:<14} {}", roles.join(", "));
    }
    Ok(())
}

fn random_password() -> String {
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|_| {
            let alphabet = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            alphabet[rng.gen_range(0..alphabet.len())] as char
        })
        .collect()
}
