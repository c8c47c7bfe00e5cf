import ArgumentParser

/// A queue id on the command line: `12` or `#12`, as `porch queue list` prints it.
struct PostNumber: ExpressibleByArgument, CustomStringConvertible, Hashable {
    let id: Int64

    init?(argument: String) {
        let digits = argument.hasPrefix("#") ? argument.dropFirst() : Substring(argument)
        guard let id = Int64(digits), id > 0 else { return nil }
        self.id = id
    }

    var description: String { "#\(id)" }
}
