//! The permission matrix through the real router, for every server function
//! of the app: each function × role (owner, manager, agent, signed out) ×
//! what it names (the own workspace's things, another workspace's, both
//! mixed in one request) × the contact's assignment where the rule depends
//! on it. Each answer has the exact status the rules give (200, 401 signed
//! out, 403 refused by role with the matrix's reason, 404 for another
//! workspace's ids), and a refused call leaves every row it could touch as
//! it was. One app per role; the cases of a role run one after another.

mod delete_all;
mod expect;
mod functions;
mod requests;
mod world;

use crate::helpers::merges::*;
use expect::{expected, Target, Who};
use functions::Fun;
use shared::permissions::{refusal, Action, Context, Module};
use shared::UiLanguage;
use world::World;

/// Runs every case of one function for the world's user; returns how many.
async fn run_cases(world: &World, fun: Fun) -> usize {
    let targets = fun.targets();
    for &target in &targets {
        let what = format!("{:?} {fun:?} on {target:?}", world.who);
        let want = expected(
            world.who,
            fun.rule(),
            fun.takes(),
            target,
            world.foreign_member,
        );
        let prepared = requests::prepare(world, fun, target).await;
        world.settle().await;
        // Rows are compared where the call is to be refused.
        let before = if want.status == StatusCode::OK {
            Vec::new()
        } else {
            let rows = world.snapshot(&prepared.contacts).await;
            let contacts = rows.iter().filter(|row| row.starts_with("contacts:"));
            assert_eq!(contacts.count(), prepared.contacts.len(), "{what}: dumped");
            rows
        };
        let response = requests::send(world, &prepared).await;
        let status = response.status();
        let body = response.text().await.expect("body");
        assert_eq!(status, want.status, "{what}: {body}");
        if status == StatusCode::OK {
            check_answer(world, fun, target, &body, &what);
        } else {
            let error: AppError = serde_json::from_str(&body).expect("a JSON error");
            if let Some(reason) = want.reason {
                let AppError::Forbidden(message) = &error else {
                    panic!("{what}: {error:?}");
                };
                assert!(message.contains(reason), "{what}: {message}");
            }
            world.settle().await;
            let after = world.snapshot(&prepared.contacts).await;
            assert_eq!(after, before, "{what} changed rows");
        }
        world.settle().await;
    }
    targets.len()
}

/// What a successful answer says where the rules shape it: the delete
/// preview carries the matrix's refusal, and only owners get channel tokens.
fn check_answer(world: &World, fun: Fun, target: Target, body: &str, what: &str) {
    let Who::Member(role) = world.who else {
        return;
    };
    match (fun, target) {
        (Fun::ContactsDeletePreview, Target::Own(assignment)) => {
            let preview: app::contacts::model::DeletePreview =
                serde_json::from_str(body).expect("preview");
            let context = Context::new(Module::Contacts).assigned(assignment);
            match refusal(role, Action::DeleteContact, &context) {
                None => assert_eq!(preview.refusal, None, "{what}"),
                Some(reason) => {
                    let told = preview.refusal.expect(what);
                    let reason = reason.reason(UiLanguage::English);
                    assert!(told.contains(reason), "{what}: {told}");
                }
            }
        }
        (Fun::ChannelsList, _) => {
            let rows: Vec<app::settings::model::ChannelRow> =
                serde_json::from_str(body).expect("channels");
            let tokens = app::settings::model::may_manage_channel_tokens(role);
            assert!(!rows.is_empty(), "{what}");
            assert!(
                rows.iter().all(|row| row.token.is_some() == tokens),
                "{what}"
            );
        }
        _ => {}
    }
}

/// Every function for every role, one role after another in one app (a
/// role's refused calls are compared with rows no other role's call is
/// changing at the same time).
#[tokio::test]
async fn every_function_answers_each_role_as_the_matrix_says() {
    let started = std::time::Instant::now();
    let base = World::new(Who::SignedOut).await;
    eprintln!("app ready after {:?}", started.elapsed());
    for who in Who::ALL {
        let world = base.as_user(who).await;
        let mut cases = 0;
        for fun in Fun::ALL {
            cases += run_cases(&world, fun).await;
        }
        eprintln!("{who:?}: {cases} cases, {:?} in all", started.elapsed());
    }
}

/// The server functions the app defines: every `endpoint = "…"` of a
/// `#[server]` attribute under `app/src`.
fn defined_endpoints(dir: &std::path::Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("app sources") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            defined_endpoints(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("source");
            for line in text.lines().map(str::trim) {
                if let Some(rest) = line.strip_prefix("#[server(endpoint = \"") {
                    found.push(rest.split('"').next().expect("name").to_string());
                }
            }
        }
    }
}

#[test]
fn the_matrix_covers_every_server_function() {
    let mut defined = Vec::new();
    defined_endpoints(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/src"),
        &mut defined,
    );
    defined.sort();
    let mut covered: Vec<String> = Fun::ALL
        .iter()
        .filter_map(|fun| fun.endpoint())
        .map(str::to_string)
        .collect();
    covered.sort();
    covered.dedup();
    assert!(defined.len() >= 40, "{defined:?}");
    assert_eq!(covered, defined);
}
