//! The permission matrix through the real router: every drawer and merge
//! function × role × who the contact is assigned to, answered as the shared
//! matrix says, with nothing changed where it refuses; and the sequences
//! that once worked around R29.

use crate::helpers::merges::*;
use shared::permissions::{assign_to_refusal, refusal, Action, Assignment, Context, Module, Role};
use shared::UiLanguage;

const USERS: [(&str, Role); 3] = [
    ("owner@demo.test", Role::Owner),
    ("manager@demo.test", Role::Manager),
    ("agent@demo.test", Role::Agent),
];

/// What is asked of the contact under test.
#[derive(Debug, Clone, Copy)]
enum Call {
    EditName,
    EditCountry,
    AssignToSelf,
    AssignToColleague,
    AddTag,
    RemoveChannel,
    Block,
    Delete,
    /// Merge it with a contact assigned to the user acting.
    Merge,
}

const CALLS: [Call; 9] = [
    Call::EditName,
    Call::EditCountry,
    Call::AssignToSelf,
    Call::AssignToColleague,
    Call::AddTag,
    Call::RemoveChannel,
    Call::Block,
    Call::Delete,
    Call::Merge,
];

/// The people involved in one case.
struct Case<'a> {
    app: &'a TestApp,
    client: &'a Client,
    actor: i64,
    colleague: i64,
}

impl<'a> Case<'a> {
    /// The demo agent acting, the manager as their colleague.
    async fn agent(app: &'a TestApp, client: &'a Client) -> Case<'a> {
        Case {
            app,
            client,
            actor: app.user_id("agent@demo.test").await,
            colleague: app.user_id("manager@demo.test").await,
        }
    }

    /// The matrix's answer: the refusal's reason, if any.
    fn expected(role: Role, asked: Call, assignment: Assignment) -> Option<&'static str> {
        let context = Context::new(Module::Contacts).assigned(assignment);
        let action = match asked {
            Call::EditName => Action::EditName,
            Call::EditCountry => Action::EditFields,
            Call::AssignToSelf | Call::AssignToColleague => Action::Assign,
            Call::AddTag => Action::Tag,
            Call::RemoveChannel => Action::RemoveChannel,
            Call::Block => Action::Block,
            Call::Delete => Action::DeleteContact,
            Call::Merge => Action::Merge,
        };
        refusal(role, action, &context)
            .or(match asked {
                Call::AssignToSelf => assign_to_refusal(role, Assignment::ToActor),
                Call::AssignToColleague => assign_to_refusal(role, Assignment::ToOther),
                _ => None,
            })
            .map(|refused| refused.reason(UiLanguage::English))
    }

    /// A new contact (arrived on the web chat) assigned as asked.
    async fn contact(&self, sender: &str, assignment: Assignment) -> i64 {
        let assignee = match assignment {
            Assignment::Unassigned => None,
            Assignment::ToActor => Some(self.actor),
            Assignment::ToOther => Some(self.colleague),
        };
        arrive_assigned(self.app, sender, assignee).await
    }

    async fn run(&self, asked: Call, id: i64, partner: i64) -> Response {
        let (app, client) = (self.app, self.client);
        let version = sqlx::query_scalar::<_, i64>("SELECT version FROM contacts WHERE id = $1")
            .bind(id)
            .fetch_one(app.pool())
            .await
            .expect("version");
        let field = |field: &str, value: String| json!({"edit": {"contact_id": id, "version": version, "field": field, "value": value}});
        let (endpoint, body) = match asked {
            Call::EditName => (
                "details_edit_name",
                json!({"edit": {"contact_id": id, "version": version, "first": "Renamed", "last": ""}}),
            ),
            Call::EditCountry => ("details_edit_field", field("country", "DE".into())),
            Call::AssignToSelf => (
                "details_edit_field",
                field("assignee", self.actor.to_string()),
            ),
            Call::AssignToColleague => (
                "details_edit_field",
                field("assignee", self.colleague.to_string()),
            ),
            Call::AddTag => (
                "details_add_tag",
                json!({"request": {"contact_id": id, "name": "Matrix"}}),
            ),
            Call::RemoveChannel => {
                let channel = app.demo_channel("webchat").await.id;
                (
                    "details_remove_channel",
                    json!({"request": {"contact_id": id, "channel_id": channel}}),
                )
            }
            Call::Block => ("details_block", json!({"request": {"contact_id": id}})),
            Call::Delete => ("details_delete", json!({"request": {"contact_id": id}})),
            Call::Merge => {
                let versions: Vec<i64> = sqlx::query_scalar(
                    "SELECT version FROM contacts WHERE id IN ($1, $2) ORDER BY id = $3 DESC",
                )
                .bind(partner)
                .bind(id)
                .bind(partner)
                .fetch_all(app.pool())
                .await
                .expect("versions");
                (
                    "merge_contacts",
                    json!({"request": {"contact_ids": [partner, id], "versions": versions, "choices": []}}),
                )
            }
        };
        app.call_json(client, endpoint, &body).await
    }
}

#[tokio::test]
async fn r29_every_drawer_and_merge_function_answers_as_the_permission_matrix_says() {
    let app = spawn_app().await;
    let mut sender = 0;
    for (email, role) in USERS {
        let client = app.signed_in(email).await;
        let actor = app.user_id(email).await;
        let colleague_email = if role == Role::Agent {
            "manager@demo.test"
        } else {
            "agent@demo.test"
        };
        let case = Case {
            app: &app,
            client: &client,
            actor,
            colleague: app.user_id(colleague_email).await,
        };
        for assignment in Assignment::ALL {
            for asked in CALLS {
                sender += 1;
                let id = case.contact(&format!("matrix-{sender}"), assignment).await;
                let partner = case
                    .contact(&format!("partner-{sender}"), Assignment::ToActor)
                    .await;
                let before = dump(&app, &[id, partner]).await;
                let response = case.run(asked, id, partner).await;
                let what = format!("{role} {asked:?} on a contact {assignment:?}");
                match Case::expected(role, asked, assignment) {
                    None => assert_eq!(response.status(), StatusCode::OK, "{what}"),
                    Some(reason) => {
                        assert_eq!(
                            error(response, StatusCode::FORBIDDEN).await,
                            AppError::Forbidden(reason.into()),
                            "{what}"
                        );
                        assert_eq!(dump(&app, &[id, partner]).await, before, "{what}");
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn r29_an_agent_cannot_take_a_colleague_s_contact_and_then_delete_it() {
    let app = spawn_app().await;
    let agent = app.signed_in("agent@demo.test").await;
    let case = Case::agent(&app, &agent).await;
    let id = case.contact("colleagues", Assignment::ToOther).await;
    let before = dump(&app, &[id]).await;
    let take = case.run(Call::AssignToSelf, id, id).await;
    assert_eq!(
        error(take, StatusCode::FORBIDDEN).await,
        AppError::Forbidden("Agents cannot reassign a contact assigned to someone else.".into())
    );
    let delete = case.run(Call::Delete, id, id).await;
    assert_eq!(delete.status(), StatusCode::FORBIDDEN);
    assert_eq!(dump(&app, &[id]).await, before);
}

#[tokio::test]
async fn r29_an_agent_cannot_merge_an_unassigned_contact_into_their_own_to_delete_both() {
    let app = spawn_app().await;
    let agent = app.signed_in("agent@demo.test").await;
    let case = Case::agent(&app, &agent).await;
    let own = case.contact("own", Assignment::ToActor).await;
    let unassigned = case.contact("nobodys", Assignment::Unassigned).await;
    let before = dump(&app, &[own, unassigned]).await;
    let merge = case.run(Call::Merge, unassigned, own).await;
    assert_eq!(
        error(merge, StatusCode::FORBIDDEN).await,
        AppError::Forbidden("Agents can merge only contacts assigned to them.".into())
    );
    assert_eq!(dump(&app, &[own, unassigned]).await, before);
    let delete = case.run(Call::Delete, own, own).await;
    assert_eq!(delete.status(), StatusCode::OK, "their own contact");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contacts WHERE id = $1")
        .bind(unassigned)
        .fetch_one(app.pool())
        .await
        .expect("count");
    assert_eq!(left, 1, "the unassigned contact stays");
}

#[tokio::test]
async fn r29_an_agent_takes_an_unassigned_contact_only_for_themselves() {
    let app = spawn_app().await;
    let agent = app.signed_in("agent@demo.test").await;
    let case = Case::agent(&app, &agent).await;
    let id = case.contact("free", Assignment::Unassigned).await;
    let to_colleague = case.run(Call::AssignToColleague, id, id).await;
    assert_eq!(
        error(to_colleague, StatusCode::FORBIDDEN).await,
        AppError::Forbidden("Agents can assign contacts only to themselves.".into())
    );
    let to_self = case.run(Call::AssignToSelf, id, id).await;
    assert_eq!(to_self.status(), StatusCode::OK);
    let assignee: Option<i64> =
        sqlx::query_scalar("SELECT assignee_id FROM contacts WHERE id = $1")
            .bind(id)
            .fetch_one(app.pool())
            .await
            .expect("assignee");
    assert_eq!(assignee, Some(case.actor));
}
