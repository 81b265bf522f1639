//! The allocator the `signpost` binary uses (src/main.rs), so a benchmark times the library as
//! the binary runs it.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
