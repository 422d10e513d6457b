//! Writing the demo workspaces (their people and wording live in
//! `crate::demo`) in one transaction.

mod inbox;

use crate::demo::people::{person, Person};
use crate::demo::{DEMO_CHANNELS, DEMO_FIELDS, DEMO_TAGS, DEMO_USERS, MESSAGES_IN, MESSAGES_OUT};
use crate::storage::seeding::{
    insert_channel, insert_membership, insert_tag, insert_user, insert_workspace,
};
use crate::storage::sql::Flag;
use crate::storage::{Context, Dialect, Store, StoreError, WriteScope};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::{Any, Transaction};

impl Store {
    /// Writes the demo workspaces, users (with these password hashes, in
    /// the order of `DEMO_USERS`), contacts, conversations and usage, when
    /// the database holds no workspace yet. Returns whether it wrote them:
    /// of several servers starting together on an empty database, one does.
    pub async fn write_demo(&self, password_hashes: &[String]) -> Result<bool, StoreError> {
        let mut tx = self
            .begin_write(WriteScope::Seeding)
            .await
            .context("write_demo: starting a write transaction")?;
        let (exists,): (Flag,) = sqlx::query_as("SELECT EXISTS (SELECT 1 FROM workspaces)")
            .fetch_one(&mut *tx)
            .await
            .context("write_demo: reading workspaces")?;
        if exists.0 {
            return Ok(false);
        }
        seed(&mut tx, password_hashes, self.now())
            .await
            .context("write_demo: writing the demo workspaces")?;
        inbox::seed(&mut tx).await?;
        tx.commit().await.context("write_demo: committing")?;
        Ok(true)
    }
}

async fn seed(
    tx: &mut Transaction<'_, Any>,
    password_hashes: &[String],
    now: i64,
) -> Result<(), sqlx::Error> {
    let demo = insert_workspace(tx, "Demo", now).await?;
    let acme = insert_workspace(tx, "Acme Support", now).await?;
    let mut demo_users = Vec::new();
    let mut acme_users = Vec::new();
    for ((email, name, demo_role, acme_role), password_hash) in
        DEMO_USERS.iter().zip(password_hashes)
    {
        let user_id = insert_user(tx, email, name, password_hash, now).await?;
        for (workspace, role, users) in [
            (demo, demo_role, &mut demo_users),
            (acme, acme_role, &mut acme_users),
        ] {
            if let Some(role) = role {
                insert_membership(tx, workspace, user_id, role).await?;
                users.push(user_id);
            }
        }
    }
    let mut rng = StdRng::seed_from_u64(20261125);
    seed_workspace(tx, &mut rng, demo, DEMO_CHANNELS, &demo_users, 260, now).await?;
    seed_workspace(
        tx,
        &mut rng,
        acme,
        &[("whatsapp", "WhatsApp"), ("email", "Help desk e-mail")],
        &acme_users,
        40,
        now,
    )
    .await?;
    Ok(())
}

async fn seed_workspace(
    tx: &mut Transaction<'_, Any>,
    rng: &mut StdRng,
    workspace: i64,
    channel_specs: &[(&str, &str)],
    users: &[i64],
    contact_count: usize,
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut channels = Vec::new();
    for (kind, name) in channel_specs {
        let page_url = (*kind == "facebook").then_some("https://www.facebook.com/demo-shop");
        let id = insert_channel(tx, workspace, kind, name, page_url, now).await?;
        channels.push((id, *kind));
    }
    let mut tags = Vec::new();
    for name in DEMO_TAGS {
        tags.push(insert_tag(tx, workspace, name, now).await?);
    }
    let mut fields = Vec::new();
    for (key, label, field_type, options) in DEMO_FIELDS {
        let (id,): (i64,) = sqlx::query_as(&Dialect::of(tx).sql(
            "INSERT INTO custom_fields (workspace_id, key, label, field_type, options)
             VALUES ($1, $2, $3, $4, json_document($5)) RETURNING id",
        ))
        .bind(workspace)
        .bind(key)
        .bind(label)
        .bind(field_type)
        .bind(options)
        .fetch_one(&mut **tx)
        .await?;
        fields.push((id, *field_type));
    }

    let mut people: Vec<Person> = (0..contact_count)
        .map(|i| person(rng, workspace, i))
        .collect();
    // Duplicates: the same person writing on another channel, sharing a
    // phone number or an e-mail address with an earlier contact.
    for pair in 0..contact_count / 20 {
        let original = pair * 7 % contact_count;
        let copy = contact_count - 1 - pair;
        if pair % 2 == 0 {
            people[copy].phone = people[original]
                .phone
                .clone()
                .or(Some("+4915100000001".into()));
            people[original].phone = people[copy].phone.clone();
        } else {
            let email = people[original]
                .email
                .clone()
                .unwrap_or_else(|| format!("shared{pair}@example.com"));
            people[original].email = Some(email.clone());
            people[copy].email = Some(email.to_uppercase());
        }
    }

    for (index, person) in people.iter().enumerate() {
        let created_at = now - rng.gen_range(3_600..400 * 86_400);
        let blocked = index % 37 == 5;
        let assignee =
            (!users.is_empty() && rng.gen_bool(0.6)).then(|| users[rng.gen_range(0..users.len())]);
        let (contact_id,): (i64,) = sqlx::query_as(&Dialect::of(tx).sql(
            "INSERT INTO contacts (workspace_id, first_name, last_name, profile_name, email,
                                   email_key, phone, country, language, assignee_id, blocked_at,
                                   created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, to_timestamp($11),
                     to_timestamp($12), to_timestamp($13))
             RETURNING id",
        ))
        .bind(workspace)
        .bind(&person.first)
        .bind(&person.last)
        .bind(format!("{} {}", person.first, person.last))
        .bind(&person.email)
        .bind(person.email.as_ref().map(|e| e.trim().to_lowercase()))
        .bind(&person.phone)
        .bind(person.country)
        .bind(person.language)
        .bind(assignee)
        .bind(blocked.then_some(created_at + 60))
        .bind(created_at)
        .bind(created_at)
        .fetch_one(&mut **tx)
        .await?;

        let status = if blocked {
            "blocked"
        } else if rng.gen_bool(0.3) {
            "closed"
        } else {
            "open"
        };
        let (conversation_id,): (i64,) = sqlx::query_as(
            "INSERT INTO conversations (workspace_id, contact_id, status, assignee_id) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(workspace)
        .bind(contact_id)
        .bind(status)
        .bind(assignee)
        .fetch_one(&mut **tx)
        .await?;

        let mut linked = Vec::new();
        for _ in 0..rng.gen_range(1..=2) {
            let (channel_id, kind) = channels[rng.gen_range(0..channels.len())];
            let usable = match kind {
                "whatsapp" | "sms" => person.phone.is_some(),
                "email" => person.email.is_some(),
                _ => true,
            };
            if !usable || linked.iter().any(|(id, _)| *id == channel_id) {
                continue;
            }
            let connected_at = created_at + rng.gen_range(0..3_600);
            sqlx::query(&Dialect::of(tx).sql(
                "INSERT INTO contact_channels (contact_id, channel_id, external_id, connected_at)
                  VALUES ($1, $2, $3, to_timestamp($4))",
            ))
            .bind(contact_id)
            .bind(channel_id)
            .bind(format!("{kind}-{contact_id}"))
            .bind(connected_at)
            .execute(&mut **tx)
            .await?;
            linked.push((channel_id, connected_at));
        }

        let mut last_message_at = None;
        for (channel_id, connected_at) in &linked {
            let mut at = *connected_at;
            for turn in 0..rng.gen_range(1..=4) {
                at += rng.gen_range(60..86_400);
                let (direction, body) = if turn % 2 == 0 {
                    ("in", MESSAGES_IN[rng.gen_range(0..MESSAGES_IN.len())])
                } else {
                    ("out", MESSAGES_OUT[rng.gen_range(0..MESSAGES_OUT.len())])
                };
                let at_clamped = at.min(now);
                sqlx::query(&Dialect::of(tx).sql(
                    "INSERT INTO messages (conversation_id, channel_id, direction, body, sent_at)
                      VALUES ($1, $2, $3, $4, to_timestamp($5))",
                ))
                .bind(conversation_id)
                .bind(channel_id)
                .bind(direction)
                .bind(body)
                .bind(at_clamped)
                .execute(&mut **tx)
                .await?;
                last_message_at = last_message_at.max(Some(at_clamped));
            }
        }
        sqlx::query(
            &Dialect::of(tx)
                .sql("UPDATE contacts SET last_message_at = to_timestamp($1) WHERE id = $2"),
        )
        .bind(last_message_at)
        .bind(contact_id)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            &Dialect::of(tx)
                .sql("UPDATE conversations SET last_message_at = to_timestamp($1) WHERE id = $2"),
        )
        .bind(last_message_at)
        .bind(conversation_id)
        .execute(&mut **tx)
        .await?;

        for tag in &tags {
            if rng.gen_bool(0.18) {
                sqlx::query("INSERT INTO contact_tags (contact_id, tag_id) VALUES ($1, $2)")
                    .bind(contact_id)
                    .bind(tag)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        for (field_id, field_type) in &fields {
            if !rng.gen_bool(0.5) {
                continue;
            }
            let value = match *field_type {
                "list" => ["Free", "Pro", "Enterprise"][rng.gen_range(0..3)].to_string(),
                "date" => format!(
                    "20{:02}-{:02}-{:02}",
                    rng.gen_range(18..26),
                    rng.gen_range(1..13),
                    rng.gen_range(1..29)
                ),
                "number" => format!("{}", rng.gen_range(0..5000)),
                _ => rng.gen_bool(0.5).to_string(),
            };
            sqlx::query(
                "INSERT INTO custom_values (contact_id, field_id, value) VALUES ($1, $2, $3)",
            )
            .bind(contact_id)
            .bind(field_id)
            .bind(value)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
