//! Password hashing with argon2, off the async threads, a few at a time.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::num::NonZeroUsize;
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Password checks running at once. Each takes a core and argon2's 19 MiB
/// for about a tenth of a second: more than one per core only piles up
/// memory (hundreds of simultaneous sign-ins would take gigabytes).
static CHECKS: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, NonZeroUsize::get))
});

/// How long a sign-in waits for its turn before it is told to retry.
const MAX_WAIT: Duration = Duration::from_secs(5);

/// Too many password checks were waiting; the password was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many password checks are waiting")]
pub struct Busy;

/// argon2 allocates 19 MiB per hash. After the first such buffer is freed,
/// glibc serves the next ones from its heaps and keeps the memory; with a
/// fixed threshold every buffer over 1 MiB is a mapping of its own, given
/// back to the system as soon as the check ends.
fn give_large_buffers_back() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    ONCE.call_once(|| {
        // SAFETY: mallopt only changes a tuning parameter of the allocator.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
        }
    });
}

/// The server allocates with mimalloc, which keeps a freed block for its
/// thread and gives it back to the system on that thread's next allocation:
/// a blocking thread that checked a password and then sits idle would hold
/// argon2's 19 MiB. Collecting right after the check gives them back.
fn collect_thread_memory() {
    // SAFETY: mi_collect only frees memory this thread's heap no longer
    // uses; with another global allocator it finds nothing to do.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Hashes a password into a PHC string.
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    give_large_buffers_back();
    let salt = SaltString::generate(&mut OsRng);
    let hashed = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string());
    collect_thread_memory();
    hashed
}

/// Whether the password matches the stored hash. A malformed hash never
/// matches.
pub fn verify(password: &str, stored_hash: &str) -> bool {
    give_large_buffers_back();
    let matches = PasswordHash::new(stored_hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    });
    collect_thread_memory();
    matches
}

/// Verifies on the blocking pool, so hashing does not stall other requests,
/// with at most one check per core at a time.
pub async fn verify_limited(password: String, stored_hash: String) -> Result<bool, Busy> {
    let _turn = tokio::time::timeout(MAX_WAIT, CHECKS.acquire())
        .await
        .map_err(|_| Busy)?
        .map_err(|_| Busy)?;
    Ok(
        tokio::task::spawn_blocking(move || verify(&password, &stored_hash))
            .await
            .unwrap_or(false),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_only_its_password() {
        let hash = super::hash("correct horse").expect("hash");
        assert!(super::verify("correct horse", &hash));
        assert!(!super::verify("wrong horse", &hash));
        assert!(!super::verify("correct horse", "not a hash"));
    }
}
