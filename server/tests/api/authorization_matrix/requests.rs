//! The request of each case, with what it needs prepared first (as the demo
//! owner or in the database) and the contacts whose rows it could touch.

use super::expect::{Target, Who};
use super::functions::Fun;
use super::world::World;
use crate::helpers::contacts::{delete_selected, selected_ids};
use crate::helpers::imports::{post_file, settings};
use crate::helpers::merges::*;
use app::contacts::model::{ContactQuery, ListRequest, NewContact, PageCursor, TagAssignment};
use app::imports::model::UploadedFile;
use app::settings::model::FieldSettings;
use shared::import::ImportMode;
use shared::permissions::Assignment;

/// How a request travels.
pub enum Request {
    /// A server function with a JSON body.
    Json(&'static str, Value),
    /// A server function with a form body.
    Form(&'static str, Vec<(&'static str, String)>),
    /// A plain GET of a path.
    Get(String),
}

/// Which client sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Session {
    /// The world's client.
    Shared,
    /// A new client signed in as the same user (for calls that end or move
    /// the session), or never signed in for signed-out cases.
    Fresh,
    /// A new client that never signed in (signing in).
    New,
}

pub struct Prepared {
    pub request: Request,
    pub session: Session,
    /// The contacts the call could touch.
    pub contacts: Vec<i64>,
}

pub const CSV: &str = "First name;Last name;E-mail\nImke;Import;imke{n}@import.test\n";

/// Uploads a one-row CSV file as `client` (the `/contacts/imports` route).
pub async fn upload(app: &TestApp, client: &Client, n: u32) -> UploadedFile {
    let name = format!("matrix{n}.csv");
    let response = post_file(
        app,
        client,
        &name,
        CSV.replace("{n}", &n.to_string()).into_bytes(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED, "upload");
    response.json().await.expect("uploaded file")
}

/// The owner's call that prepares a case; must succeed.
async fn by_owner(world: &World, endpoint: &str, body: Value) -> Response {
    let response = world.app.call_json(&world.owner, endpoint, &body).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "preparing with {endpoint}"
    );
    response
}

async fn demo_channel(world: &World, kind: &str) -> i64 {
    world.app.demo_channel(kind).await.id
}

/// The contact (or contacts) a case names: `Own` fresh ones, `Foreign`
/// the other workspace's, `Mixed` a fresh own one and a foreign one.
async fn contacts_for(world: &World, target: Target, several: bool) -> Vec<i64> {
    let foreign = world.foreign.contacts;
    match target {
        Target::Own(assignment) if several => {
            let partner = world.contact(Assignment::ToActor).await;
            vec![partner, world.contact(assignment).await]
        }
        Target::Own(assignment) => vec![world.contact(assignment).await],
        Target::Foreign if several => foreign.to_vec(),
        Target::Foreign => vec![foreign[0]],
        Target::Mixed => vec![world.contact(Assignment::ToActor).await, foreign[0]],
        Target::Workspace => Vec::new(),
    }
}

pub async fn prepare(world: &World, fun: Fun, target: Target) -> Prepared {
    let n = world.unique();
    let own = !matches!(target, Target::Foreign);
    let endpoint = fun.endpoint().unwrap_or_default();
    let several = matches!(
        fun,
        Fun::MergeReview | Fun::MergeContacts | Fun::MergeDismissSuggestion
    );
    let contacts = contacts_for(world, target, several).await;
    let first = contacts.first().copied().unwrap_or_default();
    let single = |body: Value| Request::Json(endpoint, json!({ "request": body }));
    let mut session = Session::Shared;
    let mut touched = contacts.clone();
    let request = match fun {
        Fun::LogIn => {
            session = Session::New;
            let email = world.who.email().unwrap_or("agent@demo.test");
            Request::Form(
                endpoint,
                vec![
                    ("credentials[email]", email.to_string()),
                    (
                        "credentials[password]",
                        crate::helpers::PASSWORD.to_string(),
                    ),
                ],
            )
        }
        Fun::LogOut => {
            session = Session::Fresh;
            Request::Form(endpoint, Vec::new())
        }
        Fun::SwitchWorkspace => {
            session = Session::Fresh;
            let workspace = if own {
                world.workspace
            } else {
                world.foreign.workspace
            };
            Request::Form(endpoint, vec![("workspace_id", workspace.to_string())])
        }
        Fun::SetLanguage => Request::Form(endpoint, vec![("language", "en".to_string())]),
        Fun::CurrentViewer | Fun::Usage | Fun::ChannelsList => Request::Json(endpoint, json!({})),
        Fun::ContactsList => {
            let request = ListRequest {
                query: ContactQuery::default(),
                page: PageCursor::First,
            };
            Request::Json(endpoint, json!({ "request": request }))
        }
        Fun::ContactsFilterOptions
        | Fun::ContactsDeleteProgress
        | Fun::SettingsFieldsGet
        | Fun::ImportsProgress
        | Fun::ImportsHistory
        | Fun::ExportsProgress => Request::Json(endpoint, json!({})),
        Fun::ContactsAdd => {
            let contact = NewContact {
                first_name: format!("Added{n}"),
                ..Default::default()
            };
            Request::Json(endpoint, json!({ "contact": contact }))
        }
        Fun::ContactsAssignTags => single(json!(TagAssignment {
            target: selected_ids(contacts.clone()),
            tag_ids: Vec::new(),
            new_tags: vec![format!("Bulk {n}")],
        })),
        Fun::ContactsUnblock => Request::Json(
            endpoint,
            json!({ "target": selected_ids(contacts.clone()) }),
        ),
        Fun::ContactsDeletePreview | Fun::ContactsDelete => {
            let target = delete_selected(contacts.clone());
            Request::Json(endpoint, json!({ "target": target }))
        }
        Fun::ExportCsv => {
            let ids: Vec<String> = contacts.iter().map(i64::to_string).collect();
            Request::Get(format!("/contacts/export.csv?ids={}", ids.join(",")))
        }
        Fun::ChannelsRotateToken => {
            let channel = if own {
                demo_channel(world, "line").await
            } else {
                world.foreign.channel
            };
            Request::Form(endpoint, vec![("channel_id", channel.to_string())])
        }
        Fun::SettingsCreateField => Request::Json(
            endpoint,
            json!({"field": {"key": format!("matrix_{n}"), "label": format!("Matrix {n}"),
                             "field_type": "text", "options": []}}),
        ),
        Fun::SettingsRenameField => Request::Json(
            endpoint,
            json!({"edit": {"key": "plan", "label": format!("Matrix plan {n}")}}),
        ),
        Fun::SettingsCountFieldValues => Request::Json(endpoint, json!({"field": {"key": "plan"}})),
        Fun::SettingsDeleteField => {
            let key = format!("matrix_gone_{n}");
            by_owner(
                world,
                "settings_create_field",
                json!({"field": {"key": key, "label": format!("Matrix gone {n}"),
                                 "field_type": "text", "options": []}}),
            )
            .await;
            Request::Json(endpoint, json!({"field": {"key": key}}))
        }
        Fun::SettingsSaveOrder => {
            let settings: FieldSettings = by_owner(world, "settings_fields_get", json!({}))
                .await
                .json()
                .await
                .expect("field settings");
            let keys: Vec<String> = settings.order.into_iter().rev().collect();
            Request::Json(endpoint, json!({"edit": {"keys": keys}}))
        }
        Fun::ImportsCheck | Fun::ImportsStart => {
            // Every upload has the same columns: an own file's settings
            // fit the foreign one too.
            let file = upload(&world.app, &world.owner, n).await;
            let import = if own {
                file.import_id
            } else {
                world.foreign.import
            };
            let settings = settings(&file, ImportMode::Add);
            let check = json!({"request": {"import_id": import, "settings": settings}});
            if fun == Fun::ImportsCheck {
                Request::Json(endpoint, check)
            } else {
                if own {
                    by_owner(world, "imports_check", check).await;
                }
                Request::Json(endpoint, json!({ "import_id": import }))
            }
        }
        Fun::ExportsStart => Request::Json(endpoint, json!({"request": {"query": null}})),
        Fun::InboxConversations => Request::Json(endpoint, json!({"request": {"filter": "all"}})),
        Fun::InboxConversation => {
            Request::Json(endpoint, json!({"request": {"contact_id": first}}))
        }
        Fun::InboxOlderMessages => Request::Json(
            endpoint,
            json!({"request": {
                "contact_id": first,
                "before": {"sent_at": 9_999_999_999_999_i64, "id": 999_999_999},
            }}),
        ),
        Fun::InboxSendMessage => {
            let channel = match target {
                Target::Own(_) => demo_channel(world, "webchat").await,
                _ => world.foreign.channel,
            };
            Request::Form(
                endpoint,
                vec![
                    ("input[contact_id]", first.to_string()),
                    ("input[channel_id]", channel.to_string()),
                    ("input[body]", format!("Matrix {n}")),
                ],
            )
        }
        Fun::MergeReview => Request::Json(endpoint, json!({ "contact_ids": contacts })),
        Fun::MergeContacts => {
            let mut versions = Vec::new();
            for &id in &contacts {
                versions.push(world.version(id).await);
            }
            single(json!({"contact_ids": contacts, "versions": versions, "choices": []}))
        }
        Fun::MergeUndo => {
            let merge = if own {
                let pair = [
                    world.contact(Assignment::Unassigned).await,
                    world.contact(Assignment::Unassigned).await,
                ];
                touched.extend(pair);
                merged(&world.app, &world.owner, &pair, &[]).await.merge_id
            } else {
                world.foreign.merge
            };
            Request::Json(endpoint, json!({ "merge_id": merge }))
        }
        Fun::MergeHistory => Request::Json(endpoint, json!({ "older_than": null })),
        Fun::MergeSuggestions => Request::Json(endpoint, json!({ "after": null })),
        Fun::MergeDismissSuggestion => single(json!({ "contact_ids": contacts })),
        Fun::DetailsGet => single(json!({ "contact_id": first })),
        Fun::DetailsEditName => {
            let version = world.version(first).await;
            Request::Json(
                endpoint,
                json!({"edit": {"contact_id": first, "version": version, "first": "Renamed", "last": ""}}),
            )
        }
        Fun::DetailsEditCountry
        | Fun::DetailsAssignToSelf
        | Fun::DetailsAssignToColleague
        | Fun::DetailsAssignToNobody => {
            let (field, value) = match fun {
                Fun::DetailsEditCountry => ("country", "DE".to_string()),
                Fun::DetailsAssignToSelf => ("assignee", world.actor.to_string()),
                Fun::DetailsAssignToColleague => ("assignee", world.colleague.to_string()),
                _ => ("assignee", String::new()),
            };
            let version = world.version(first).await;
            Request::Json(
                endpoint,
                json!({"edit": {"contact_id": first, "version": version, "field": field, "value": value}}),
            )
        }
        Fun::DetailsEditCustom => {
            let version = world.version(first).await;
            Request::Json(
                endpoint,
                json!({"edit": {"contact_id": first, "version": version, "key": "plan", "value": "Pro"}}),
            )
        }
        Fun::DetailsAddTag => single(json!({"contact_id": first, "name": format!("Matrix {n}")})),
        Fun::DetailsRemoveTag => {
            let tag = match target {
                Target::Own(_) => own_tag_on(world, first, n).await,
                _ => world.foreign.tag,
            };
            single(json!({"contact_id": first, "tag_id": tag}))
        }
        Fun::DetailsRemoveChannel => {
            let channel = match target {
                Target::Own(_) => demo_channel(world, "webchat").await,
                _ => world.foreign.channel,
            };
            single(json!({"contact_id": first, "channel_id": channel}))
        }
        Fun::DetailsBlock | Fun::DetailsDelete => single(json!({ "contact_id": first })),
        Fun::DetailsUnblock => {
            if own {
                by_owner(
                    world,
                    "details_block",
                    json!({"request": {"contact_id": first}}),
                )
                .await;
            }
            single(json!({ "contact_id": first }))
        }
    };
    if world.who == Who::SignedOut && session == Session::Fresh {
        session = Session::New;
    }
    touched.extend(world.foreign.contacts);
    touched.sort_unstable();
    touched.dedup();
    Prepared {
        request,
        session,
        contacts: touched,
    }
}

/// Tags the contact (as the owner) with a new tag; its id.
async fn own_tag_on(world: &World, contact: i64, n: u32) -> i64 {
    let name = format!("Removable {n}");
    by_owner(
        world,
        "details_add_tag",
        json!({"request": {"contact_id": contact, "name": name}}),
    )
    .await;
    sqlx::query_scalar("SELECT id FROM tags WHERE workspace_id = $1 AND name = $2")
        .bind(world.workspace)
        .bind(name)
        .fetch_one(world.app.pool())
        .await
        .expect("tag")
}

/// Sends the prepared request from the client the case asks for.
pub async fn send(world: &World, prepared: &Prepared) -> Response {
    let fresh;
    let client = match prepared.session {
        Session::Shared => &world.client,
        Session::New => {
            fresh = world.app.client();
            &fresh
        }
        Session::Fresh => {
            fresh = world
                .app
                .signed_in(world.who.email().expect("a member"))
                .await;
            &fresh
        }
    };
    let app = &world.app;
    match &prepared.request {
        Request::Json(endpoint, body) => app.call_json(client, endpoint, body).await,
        Request::Form(endpoint, fields) => {
            let form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(client, endpoint, &form).await
        }
        Request::Get(path) => client
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect("request"),
    }
}
