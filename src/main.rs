//! The `copil` command line: everything is in the library
//! (`copil::command`, one module per subcommand).

fn main() -> std::process::ExitCode {
    copil::command::main().into()
}
