extension String {
    /// The text on one line, as log and CLI messages want it.
    var oneLine: String {
        split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }.joined(separator: " ")
    }
}
