//! The `copil` command line: everything is in the library
//! (`copil::command`, one module per subcommand).

/// mimalloc rather than the system allocator: compiling a file allocates
/// many small strings and maps, and the national run spent a quarter of its
/// time in glibc's malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    copil::command::main().into()
}
