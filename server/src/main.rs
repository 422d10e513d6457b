// The drawer's views nest deeply; release builds need more room to lay them out.
#![recursion_limit = "256"]
use server::config::Config;
use server::startup::Application;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

// A page render makes thousands of short-lived allocations from many
// threads; mimalloc serves them from per-thread heaps (glibc's allocator
// spent a fifth of the server's time in malloc and free under load) and
// gives freed memory back to the system.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let config = Config::from_env();
    let leptos = leptos::config::get_configuration(None)
        .map_err(|error| format!("reading the Leptos configuration: {error}"))?
        .leptos_options;
    let application = Application::build(&config, leptos)
        .await
        .map_err(|error| error.to_string())?;
    let address = application
        .address()
        .map_err(|error| format!("reading the bound address: {error}"))?;
    println!("Contacts is running at http://{address}");
    application
        .run_until_stopped()
        .await
        .map_err(|error| format!("serving: {error}"))
}
