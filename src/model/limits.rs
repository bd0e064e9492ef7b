//! The bounds every program is checked against (DESIGN.md §7).

/// Program text, in bytes.
pub const MAX_PROGRAM_BYTES: usize = 64 * 1024;
/// Tasks that may exist in one run, copies and spawned tasks included.
pub const MAX_TASKS: u64 = 10_000;
/// Copies of one task.
pub const MAX_COPIES: u32 = 10_000;
/// Steps in one task or coroutine.
pub const MAX_STEPS: usize = 500;
/// Steps one run may execute in all, counting each inline `await` as its body.
pub const MAX_EXECUTED_STEPS: u64 = 200_000;
/// `sleep`, `timeout`, `latency`, `offload`, in ms.
pub const MAX_WAIT_MS: u64 = 60_000;
/// `block` on the main thread, per step, in ms.
pub const MAX_BLOCK_MS: u64 = 5_000;
/// `compute` on the main thread, per step, in units (about 1 ms each).
pub const MAX_COMPUTE_UNITS: u64 = 5_000;
/// Ms a whole run may hold the loop (`block` and `compute` over every copy,
/// inline await and spawned task, at time scale 1): half a minute with the
/// page frozen and Stop out of reach is the most a program may ask for.
pub const MAX_HOLDING_MS: u64 = 30_000;
/// Ms of holding the loop a link that is not a preset may start without a
/// click (`?autorun=1`).
pub const MAX_AUTORUN_HOLDING_MS: u64 = 2_000;
/// Characters in one quoted string.
pub const MAX_TEXT_CHARS: usize = 200;
/// Characters in a name.
pub const MAX_NAME_CHARS: usize = 32;
/// Workers in the pool.
pub const MAX_WORKERS: u32 = 16;
