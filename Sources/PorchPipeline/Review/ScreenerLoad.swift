import Foundation
import PorchModel
import PorchRules
import PorchScreening

/// The rules as `porch review` needs them: the helplines at once, the screener (for re-screening an edit) when
/// first asked for.
///
/// Reading and compiling every rule and list takes longer than drawing the first screen, and a moderator may never
/// edit. When the rules passed `porch rules check` under this binary before (a remembered verdict), they are loaded
/// on another thread while the queue is read; otherwise they are judged before the screen opens, so a refused rule
/// set still stops the review with every problem on stderr.
public final class ScreenerLoad: @unchecked Sendable {
    public let resources: [Resource]
    public let defaultRegion: String
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var outcome: Result<Screener, RuleLoadError>?

    /// Starts loading the screener for `directory`; `keepPlaces` are the group's places never scrubbed.
    public init(directory: String, keepPlaces: [String]) throws(RuleLoadError) {
        (resources, defaultRegion) = try RuleLoader.loadResources(directory: directory)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let loaded = Result { () throws(RuleLoadError) -> Screener in
                let verdict = try RulesVerdict.judge(directory)
                guard verdict.failures.isEmpty else { throw RuleLoadError(verdict.failures) }
                var screener = verdict.screener
                if !keepPlaces.isEmpty { screener.keep(places: keepPlaces) }
                return screener
            }
            lock.withLock { outcome = loaded }
            done.signal()
        }
    }

    /// A screener already loaded.
    public init(_ screener: Screener) {
        (resources, defaultRegion) = (screener.resources, screener.defaultRegion)
        outcome = .success(screener)
        done.signal()
    }

    /// The screener, waiting for it if it is still loading; the loader's errors if the rules were refused.
    public func screener() throws(RuleLoadError) -> Screener {
        done.wait()
        done.signal()
        return try lock.withLock { outcome! }.get()
    }

    /// The resources for a region (falling back to the default region), those for the categories first.
    public func resources(for region: String, categories: [String]) -> [Resource] {
        Resource.chosen(from: resources, region: region, defaultRegion: defaultRegion, categories: categories)
    }
}
