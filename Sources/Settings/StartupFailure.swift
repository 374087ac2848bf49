import Foundation

/// How both executables report an error they cannot go on from: one line on stderr,
/// `<program>: error: <reason>`, then exit code 1.
public enum StartupFailure {
    /// Writes the line for `error`.
    public static func report(_ error: any Error, program: String) {
        let reason = "\(error)".split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }.joined(separator: " ")
        FileHandle.standardError.write(Data("\(program): error: \(reason)\n".utf8))
    }

    /// Writes the line for `error` and exits with code 1.
    public static func exit(_ error: any Error, program: String) -> Never {
        report(error, program: program)
        Foundation.exit(1)
    }
}
