import Foundation

/// Where Porch keeps what it can rebuild (remembered rule checks, built word lists): `porch/NAME` under
/// `$XDG_CACHE_HOME`, else under `~/.cache`. Never anything from a post.
public enum UserCache {
    /// The folder for `name`; nil when neither `XDG_CACHE_HOME` nor `HOME` is set.
    public static func folder(_ name: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/porch/" + name }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/porch/" + name }
        return nil
    }
}
