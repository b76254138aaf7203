import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SwiftOT {
    /// Runs `swiftot` with the process's arguments and exits with ``CommandRunner``'s exit code.
    ///
    /// This shadows ArgumentParser's `main()` so that every error, including a usage error, prints
    /// as exactly one line on standard error instead of ArgumentParser's multi-line usage text.
    public static func main() -> Never {
        let code = CommandRunner.run(self, arguments: Array(CommandLine.arguments.dropFirst()))
        #if canImport(Glibc)
        Glibc.exit(code)
        #else
        Darwin.exit(code)
        #endif
    }
}
