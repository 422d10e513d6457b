//! Seeding the benchmark's workspace on either database: the statements
//! are the same, only number series, JSON array access and zero-padding
//! are written per dialect.

use server::storage::{seeding, Dialect, Store};

const FIRST_NAMES: &[&str] = &[
    "Lena", "Jonas", "Mia", "Lukas", "Emma", "Oliver", "Amelia", "Noah", "Sofia", "Mateo", "Yuki",
    "Aarav", "Chloe", "Liam", "Fatima", "Omar",
];
const LAST_NAMES: &[&str] = &[
    "Müller", "Schmidt", "Smith", "Jones", "Garcia", "Rossi", "Dubois", "Tanaka", "Kumar", "Silva",
    "Nowak", "Jensen", "Haddad", "Kim", "Ali", "Brown",
];

/// A workspace with `contacts` contacts: one conversation and two messages
/// each, one or two channels, tags on about a third, 3% blocked.
pub async fn seed(store: &Store, contacts: i64) -> Result<(i64, i64, i64), sqlx::Error> {
    let pool = store.pool();
    let mut tx = pool.begin().await?;
    let workspace = seeding::insert_workspace(&mut tx, "Bench", 0).await?;
    let user = seeding::insert_user(&mut tx, "b@bench.test", "Bench Owner", "x", 0).await?;
    seeding::insert_membership(&mut tx, workspace, user, "owner").await?;
    for (kind, name) in [
        ("whatsapp", "WhatsApp"),
        ("email", "E-mail"),
        ("webchat", "Chat"),
    ] {
        seeding::insert_channel(&mut tx, workspace, kind, name, None, 0).await?;
    }
    for name in [
        "VIP",
        "Lead",
        "Customer",
        "Newsletter",
        "Support",
        "Partner",
        "Churn risk",
    ] {
        seeding::insert_tag(&mut tx, workspace, name, 0).await?;
    }
    tx.commit().await?;
    let (first_channel,): (i64,) =
        sqlx::query_as("SELECT MIN(id) FROM channels WHERE workspace_id = $1")
            .bind(workspace)
            .fetch_one(pool)
            .await?;
    let (first_tag,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM tags WHERE workspace_id = $1")
        .bind(workspace)
        .fetch_one(pool)
        .await?;
    // Generated in SQL, 50,000 contacts per transaction.
    let chunk = 50_000;
    let mut from = 0;
    while from < contacts {
        let to = (from + chunk).min(contacts);
        let mut tx = pool.begin().await?;
        sqlx::query(&store.dialect().sql(&format!(
            "{numbers}
             INSERT INTO contacts (workspace_id, first_name, last_name, email, email_key, phone, country, language,
                                   assignee_id, blocked_at, last_message_at, created_at, updated_at)
             SELECT $3, {first_name}, {last_name},
                    'c' || i || '@example.com', 'c' || i || '@example.com', '+49151' || {phone_digits},
                    'DE', 'de', CASE WHEN i % 3 = 0 THEN $6 END,
                    CASE WHEN i % 33 = 7 THEN to_timestamp(1) END,
                    CASE WHEN i % 5 <> 0 THEN to_timestamp(1600000000 + i * 7) END,
                    to_timestamp(1500000000 + i * 11), to_timestamp(1500000000 + i * 11)
               FROM n",
            numbers = numbers(store.dialect(), "$1", "$2"),
            first_name = json_item(store.dialect(), "$4", "i % 16"),
            last_name = json_item(store.dialect(), "$5", "i / 16 % 16"),
            phone_digits = eight_digits(store.dialect(), "CASE WHEN i % 40 = 1 THEN i - 1 ELSE i END"),
        )))
        .bind(from)
        .bind(to)
        .bind(workspace)
        .bind(serde_json::to_string(FIRST_NAMES).unwrap_or_default())
        .bind(serde_json::to_string(LAST_NAMES).unwrap_or_default())
        .bind(user)
        .execute(&mut *tx)
        .await?;
        let range = "SELECT id FROM contacts WHERE workspace_id = $1 AND email_key IN (SELECT 'c' || i || '@example.com' FROM n)";
        let with_n = numbers(store.dialect(), "$2", "$3");
        // Each statement binds exactly the parameters it uses ($1–$3, then
        // $4 when it needs it): PostgreSQL refuses unused ones.
        let statements = [
            (format!("{with_n} INSERT INTO conversations (workspace_id, contact_id, status, last_message_at) SELECT $1, id, CASE WHEN id % 3 = 0 THEN 'closed' ELSE 'open' END, to_timestamp(1600000000) FROM contacts WHERE id IN ({range})"), None),
            (format!("{with_n} INSERT INTO messages (conversation_id, channel_id, direction, body, sent_at) SELECT v.id, $4, d.dir, 'Hello, I have a question about my order.', to_timestamp(1600000000) FROM conversations v, (SELECT 'in' AS dir UNION ALL SELECT 'out') d WHERE v.contact_id IN ({range})"), Some(first_channel)),
            (format!("{with_n} INSERT INTO contact_channels (contact_id, channel_id, external_id, connected_at) SELECT id, $4 + id % 3, 'x' || id, to_timestamp(0) FROM contacts WHERE id IN ({range})"), Some(first_channel)),
            (format!("{with_n} INSERT INTO contact_tags (contact_id, tag_id) SELECT id, $4 + id % 7 FROM contacts WHERE id % 3 = 0 AND id IN ({range})"), Some(first_tag)),
        ];
        for (statement, fourth) in &statements {
            let statement = store.dialect().sql(statement);
            let query = sqlx::query(&statement).bind(workspace).bind(from).bind(to);
            match fourth {
                Some(value) => query.bind(*value),
                None => query,
            }
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        from = to;
    }
    sqlx::query("ANALYZE").execute(pool).await?;
    Ok((workspace, user, first_tag))
}

/// A common table `n(i)` of the integers from `from` up to, not including,
/// `to`.
fn numbers(dialect: Dialect, from: &str, to: &str) -> String {
    match dialect {
        Dialect::Sqlite => format!(
            "WITH RECURSIVE n(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {to})"
        ),
        Dialect::Postgres => format!("WITH n(i) AS (SELECT generate_series({from}, {to} - 1))"),
    }
}

/// The element at `index` of the JSON array of strings in `array`.
fn json_item(dialect: Dialect, array: &str, index: &str) -> String {
    match dialect {
        Dialect::Sqlite => format!("json_extract({array}, '$[' || ({index}) || ']')"),
        Dialect::Postgres => format!("(({array})::json ->> (({index})::int))"),
    }
}

/// A number written with at least eight digits, zero-padded.
fn eight_digits(dialect: Dialect, number: &str) -> String {
    match dialect {
        Dialect::Sqlite => format!("substr('00000000' || ({number}), -8)"),
        Dialect::Postgres => format!("lpad(({number})::text, 8, '0')"),
    }
}

/// Two contacts sharing a phone number, each with a conversation of 1,000
/// messages.
pub async fn message_heavy_pair(store: &Store, workspace: i64) -> Result<[i64; 2], sqlx::Error> {
    let mut ids = [0; 2];
    for (index, id) in ids.iter_mut().enumerate() {
        let (contact,): (i64,) = sqlx::query_as(&store.dialect().sql(
            "INSERT INTO contacts (workspace_id, first_name, phone, created_at, updated_at)
             VALUES ($1, $2, '+4915299999999', to_timestamp(1700000000),
                     to_timestamp(1700000000))
             RETURNING id",
        ))
        .bind(workspace)
        .bind(format!("Heavy {index}"))
        .fetch_one(store.pool())
        .await?;
        let (conversation,): (i64,) = sqlx::query_as(&store.dialect().sql(
            "INSERT INTO conversations (workspace_id, contact_id, last_message_at)
             VALUES ($1, $2, to_timestamp(1700000999)) RETURNING id",
        ))
        .bind(workspace)
        .bind(contact)
        .fetch_one(store.pool())
        .await?;
        sqlx::query(&store.dialect().sql(
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
             INSERT INTO messages (conversation_id, direction, body, sent_at)
             SELECT $1, 'in', 'Message ' || i, to_timestamp(1700000000 + i) FROM n",
        ))
        .bind(conversation)
        .execute(store.pool())
        .await?;
        *id = contact;
    }
    Ok(ids)
}
