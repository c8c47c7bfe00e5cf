/// The submitter as intake knows them: a display name, an address, or both.
public struct Author: Sendable, Hashable {
    /// The display name (email `From` phrase, JSON `author.name`, or a JSON `author` string).
    public var name: String?
    /// The address (email `From` address or JSON `author.email`).
    public var address: String?

    public init(name: String? = nil, address: String? = nil) {
        self.name = name
        self.address = address
    }
}
