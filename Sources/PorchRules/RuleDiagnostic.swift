/// A problem found in a rule file, printed as `file:line:column: error: message`.
public struct RuleDiagnostic: Error, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public let severity: Severity
    public let file: String
    public let position: SourcePosition?
    public let message: String
    /// The rule the problem belongs to, when there is one.
    public let ruleID: String?

    public init(
        _ severity: Severity, file: String, position: SourcePosition?, ruleID: String? = nil, _ message: String
    ) {
        self.severity = severity
        self.file = file
        self.position = position
        self.ruleID = ruleID
        self.message = message
    }

    public init(_ severity: Severity, at location: RuleLocation, ruleID: String? = nil, _ message: String) {
        self.init(severity, file: location.file, position: location.position, ruleID: ruleID, message)
    }

    public var description: String {
        let place = position.map { "\(file):\($0)" } ?? file
        let rule = ruleID.map { " [\($0)]" } ?? ""
        return "\(place): \(severity.rawValue)\(rule): \(message)"
    }
}

/// Rule files that were refused: every error found, so the editor can fix them in one pass.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [RuleDiagnostic]

    public init(_ diagnostics: [RuleDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let lines = diagnostics.map(\.description).joined(separator: "\n")
        return lines
            + "\n\(errors) error\(errors == 1 ? "" : "s") in the rule files; fix them and run `porch rules check`."
    }
}
