import PorchQueue

extension Group {
    /// The group's queue, or a message on stderr and exit status 2 when it cannot be opened.
    func openQueueOrExit() throws -> Queue {
        do {
            return try openQueue()
        } catch {
            Console.error("\(error)")
            throw ExitStatus.configuration
        }
    }
}
