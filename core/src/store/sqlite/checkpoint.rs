//! Checkpoints off the command path.
//!
//! In WAL mode a commit appends the pages it changed to the log; a
//! checkpoint copies them back into the database file and syncs both. By
//! default SQLite checkpoints inside the commit that takes the log past
//! 1,000 pages, so one command in a few dozen pays for copying and syncing
//! the pages of all the others (a tenth or more of a command's time
//! overall, and milliseconds on the unlucky one).
//!
//! The store's writer turns that off. Each of its commits learns how long
//! the log is (the WAL hook); every [`WAKE_EVERY`] pages it wakes a thread of the
//! store that checkpoints on a connection of its own, as SQLite would have
//! (passively: it never waits for readers or the writer), while commands go
//! on. Nothing about durability changes: under `synchronous=NORMAL` the log
//! is synced by checkpoints, as before; under `FULL` every commit is.
//!
//! The log stays bounded whatever the thread does: the writer checkpoints
//! in the commit that takes the log past [`INLINE_AT`] pages, as SQLite's
//! own rule would at 1,000 (see [`after_commit`] for why it must).

use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rusqlite::hooks::Wal;
use rusqlite::Connection;

/// Pages the log grows by between wake-ups of the checkpoint thread:
/// SQLite's own default for checkpointing inside a commit.
pub(crate) const WAKE_EVERY: i32 = 1_000;

/// Log length (pages) at which the writer checkpoints itself: about 16 MB
/// of log at the 4 KB default page size.
pub(crate) const INLINE_AT: i32 = 4_000;

/// Pages the writers of this process's SQLite stores have added to their
/// logs, for [`pages_logged`].
static PAGES_LOGGED: AtomicU64 = AtomicU64::new(0);

/// Pages the writers of every SQLite store in this process have added to
/// their write-ahead logs so far: about one per B-tree a command touched,
/// which is what a command costs on SQLite. The benchmark harness reports
/// it per command.
///
/// ```
/// let before = lotwise::store::sqlite::pages_logged();
/// // ... commands on a SQLite store ...
/// assert!(lotwise::store::sqlite::pages_logged() >= before);
/// ```
#[doc(hidden)]
pub fn pages_logged() -> u64 {
    PAGES_LOGGED.load(Ordering::Relaxed)
}

thread_local! {
    /// Pages in the log after the last commit on this thread's connections,
    /// as the WAL hook reported it; read and cleared right after `COMMIT`.
    static LOG_PAGES: Cell<i32> = const { Cell::new(0) };
}

/// The WAL hook: notes the log's length. Replacing SQLite's own hook is
/// what turns off its checkpoint inside the commit.
fn note_log_pages(_: &Wal, pages: std::ffi::c_int) -> rusqlite::Result<()> {
    LOG_PAGES.with(|p| p.set(pages));
    Ok(())
}

/// What a commit that left `pages` in the log does about checkpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// Nothing: the log grew little since the thread was last woken.
    Nothing,
    /// Wake the checkpoint thread and go on.
    Wake,
    /// Checkpoint here: the log is long, or no thread can take it.
    Inline,
}

/// The rule, on its own so it can be tested without timing a thread:
/// `pages` in the log after this commit, `woken_at` its length when the
/// thread was last woken (0 since it restarted), and whether a thread is
/// there to wake.
///
/// The thread copies a thousand pages at a time while commands go on, so
/// it never quite catches up with the writer, and SQLite restarts the log
/// only once all of it is copied: the writer finishes the job when the log
/// reaches [`INLINE_AT`], which leaves it the pages of the last few commits
/// to copy instead of a thousand.
pub(crate) fn after_commit(pages: i32, woken_at: i32, thread_alive: bool) -> After {
    if pages >= INLINE_AT || (pages >= woken_at + WAKE_EVERY && !thread_alive) {
        After::Inline
    } else if pages >= woken_at + WAKE_EVERY {
        After::Wake
    } else {
        After::Nothing
    }
}

/// The store's checkpoint thread, started the first time a commit needs it
/// (a small database never does) and stopped when the store is dropped.
#[derive(Default)]
pub(crate) struct Checkpointer {
    state: Mutex<State>,
    /// Checkpoints the thread has run (tests watch it).
    done: Arc<AtomicU64>,
}

struct Worker {
    wake: SyncSender<()>,
    thread: JoinHandle<()>,
}

/// The thread, once started, the log's length when it was last woken, and
/// its length after the last commit.
#[derive(Default)]
struct State {
    worker: Option<Worker>,
    woken_at: i32,
    last: i32,
}

impl Checkpointer {
    /// Hands the checkpoints of the writer's commits to this checkpointer.
    pub(crate) fn take_over(conn: &Connection) {
        conn.wal_hook(Some(note_log_pages));
    }

    /// Called by the writer right after a `COMMIT` succeeded on `conn`;
    /// `open` opens the thread's connection, should it be started. Never
    /// fails the command, which has committed: a checkpoint that cannot run
    /// now runs at a later commit.
    pub(crate) fn committed(&self, conn: &Connection, open: impl FnOnce() -> Option<Connection>) {
        let pages = LOG_PAGES.with(|p| p.replace(0));
        if pages == 0 {
            return; // nothing written, or not in WAL mode
        }
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        // A log shorter than after the last commit has restarted: all of it
        // is this commit's, and the thread was woken for none of it.
        let added = if pages < state.last {
            state.woken_at = 0;
            pages
        } else {
            pages - state.last
        };
        state.last = pages;
        PAGES_LOGGED.fetch_add(u64::try_from(added).unwrap_or(0), Ordering::Relaxed);
        if pages >= state.woken_at + WAKE_EVERY && state.worker.is_none() {
            state.worker = self.start(open);
        }
        let alive = state
            .worker
            .as_ref()
            .is_some_and(|w| !w.thread.is_finished());
        match after_commit(pages, state.woken_at, alive) {
            After::Nothing => {}
            After::Wake => {
                if let Some(w) = &state.worker {
                    // Full: a wake-up is already waiting, which will see
                    // this commit's pages too.
                    let _ = w.wake.try_send(());
                }
                state.woken_at = pages;
            }
            After::Inline => {
                checkpoint(conn);
                state.woken_at = 0;
            }
        }
    }

    /// Checkpoints the thread has run so far.
    #[cfg(test)]
    pub(crate) fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    fn start(&self, open: impl FnOnce() -> Option<Connection>) -> Option<Worker> {
        let conn = open()?;
        let (wake, woken) = sync_channel(1);
        let done = Arc::clone(&self.done);
        let thread = std::thread::Builder::new()
            .name("lotwise-checkpoint".into())
            .spawn(move || run(&conn, &woken, &done))
            .ok()?;
        Some(Worker { wake, thread })
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        let state = self.state.get_mut().unwrap_or_else(|p| p.into_inner());
        if let Some(Worker { wake, thread }) = state.worker.take() {
            // Closing the channel ends the thread's loop after the
            // checkpoint it may be running.
            drop(wake);
            let _ = thread.join();
        }
    }
}

/// The thread: one passive checkpoint per wake-up, until the store goes.
fn run(conn: &Connection, woken: &Receiver<()>, done: &AtomicU64) {
    while woken.recv().is_ok() {
        checkpoint(conn);
        done.fetch_add(1, Ordering::Relaxed);
    }
}

/// Copies what it can of the log into the file without waiting for
/// anyone. A failure leaves the log as it was, to be copied next time.
fn checkpoint(conn: &Connection) {
    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_is_woken_every_thousand_pages_and_the_writer_copies_past_the_limit() {
        assert_eq!(after_commit(0, 0, true), After::Nothing);
        assert_eq!(after_commit(WAKE_EVERY - 1, 0, true), After::Nothing);
        assert_eq!(after_commit(WAKE_EVERY, 0, true), After::Wake);
        // Woken at 1,000 pages: not again until 2,000.
        assert_eq!(
            after_commit(WAKE_EVERY + 500, WAKE_EVERY, true),
            After::Nothing
        );
        assert_eq!(after_commit(2 * WAKE_EVERY, WAKE_EVERY, true), After::Wake);
        assert_eq!(
            after_commit(INLINE_AT - 1, INLINE_AT - 1, true),
            After::Nothing
        );
        assert_eq!(after_commit(INLINE_AT, INLINE_AT - 1, true), After::Inline);
    }

    #[test]
    fn without_a_thread_the_writer_checkpoints_as_sqlite_would() {
        assert_eq!(after_commit(WAKE_EVERY - 1, 0, false), After::Nothing);
        assert_eq!(after_commit(WAKE_EVERY, 0, false), After::Inline);
    }
}
