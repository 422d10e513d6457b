//! "Delete all" (R32) through `contacts_delete`, each role and a signed-out
//! client in one app: refused ones change nothing, allowed ones empty the
//! own workspace and leave the other one as it was. Its own app, since an
//! allowed call takes every contact the other cases work with.

use super::expect::{expected, Rule, Takes, Target, Who};
use super::world::{table_rows, World};
use crate::helpers::merges::*;
use app::contacts::model::{DeleteTarget, NewContact};
use shared::permissions::{Action, Module, Role};

async fn workspace_contacts(world: &World, workspace: i64) -> Vec<String> {
    table_rows(
        &world.app,
        "contacts",
        &format!("workspace_id = {workspace}"),
    )
    .await
}

#[tokio::test]
async fn r32_delete_all_answers_each_role_as_the_matrix_says() {
    let world = World::new(Who::Member(Role::Owner)).await;
    let foreign_before = workspace_contacts(&world, world.foreign.workspace).await;
    let rule = Rule::Matrix(Action::DeleteAll, Module::Contacts);
    for who in [
        Who::SignedOut,
        Who::Member(Role::Agent),
        Who::Member(Role::Manager),
        Who::Member(Role::Owner),
    ] {
        let client = match who.email() {
            Some(email) => world.app.signed_in(email).await,
            None => world.app.client(),
        };
        let added = world.app.call_json(&world.owner, "contacts_add", &json!({"contact": NewContact { first_name: format!("{who:?}"), ..Default::default() }}))
        .await;
        assert_eq!(added.status(), StatusCode::OK, "a contact to delete");
        world.settle().await;
        let before = world.snapshot(&[]).await;
        let own_before = workspace_contacts(&world, world.workspace).await;
        let response = world
            .app
            .call_json(
                &client,
                "contacts_delete",
                &json!({ "target": DeleteTarget::Everything }),
            )
            .await;
        let want = expected(who, rule, Takes::Nothing, Target::Workspace, false);
        let status = response.status();
        let body = response.text().await.expect("body");
        assert_eq!(status, want.status, "{who:?}: {body}");
        world.settle().await;
        if status == StatusCode::OK {
            assert!(!own_before.is_empty());
            assert_eq!(
                workspace_contacts(&world, world.workspace).await,
                Vec::<String>::new()
            );
        } else {
            if let Some(reason) = want.reason {
                assert!(body.contains(reason), "{who:?}: {body}");
            }
            assert_eq!(world.snapshot(&[]).await, before, "{who:?}");
            assert_eq!(
                workspace_contacts(&world, world.workspace).await,
                own_before
            );
        }
        assert_eq!(
            workspace_contacts(&world, world.foreign.workspace).await,
            foreign_before,
            "{who:?}: the other workspace keeps its contacts"
        );
    }
}
