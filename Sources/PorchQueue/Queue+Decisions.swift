import Foundation
import PorchModel

extension Queue {
    /// Approves a pending or escalated post: mints its permanent feed entry id and purges its original text.
    @discardableResult
    public func approve(id: Int64, actor: String, expectedVersion: Int? = nil, at now: Date = Date()) throws -> Post {
        try decide(
            id: id, to: .approved, action: .approved, reason: nil, actor: actor, expectedVersion: expectedVersion,
            at: now)
    }

    /// Rejects a pending, escalated or held post with a reason; purges its original text.
    @discardableResult
    public func reject(
        id: Int64, reason: String, actor: String, expectedVersion: Int? = nil, at now: Date = Date()
    ) throws -> Post {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw QueueError.invalidArgument("a rejection needs a reason; pass --reason")
        }
        return try decide(
            id: id, to: .rejected, action: .rejected, reason: reason, actor: actor, expectedVersion: expectedVersion,
            at: now)
    }

    /// Marks a pending, escalated or held post as spam; purges its original text.
    @discardableResult
    public func markSpam(id: Int64, actor: String, expectedVersion: Int? = nil, at now: Date = Date()) throws -> Post {
        try decide(
            id: id, to: .spam, action: .spam, reason: nil, actor: actor, expectedVersion: expectedVersion, at: now)
    }

    /// Sends a pending post to a senior moderator; it keeps its original text and can still be decided.
    @discardableResult
    public func escalate(
        id: Int64, note: String? = nil, actor: String, expectedVersion: Int? = nil, at now: Date = Date()
    ) throws -> Post {
        let actor = try Queue.checkedActor(actor)
        return try change(id: id, expectedVersion: expectedVersion) { db, current in
            guard current.state == .pending else {
                throw QueueError.notAllowed(
                    id: id, action: "escalate", state: current.state, reason: Queue.whyNot(escalating: current))
            }
            try update(
                db: db, id: id, version: current.version, at: now,
                assignments: "state = 'escalated'", arguments: [])
            var detail = "escalated for a senior moderator"
            if let note = note?.trimmingCharacters(in: .whitespacesAndNewlines), !note.isEmpty {
                detail += ": \(note)"
            }
            try Queue.appendHistory(
                db: db, postID: id, at: now.timeIntervalSince1970, actor: actor, action: .escalated,
                from: current.state, to: .escalated, detail: detail)
        }
    }

    /// Replaces an undecided post's text and screening with `screening`, the results of screening the edited text.
    ///
    /// The caller screens the edited text first: a post is never approved on stale results. A held post whose new
    /// results are clean becomes pending; new results with a held reason hold it again.
    @discardableResult
    public func edit(
        id: Int64, screening: Screening, actor: String, expectedVersion: Int? = nil, at now: Date = Date()
    ) throws -> Post {
        let actor = try Queue.checkedActor(actor)
        if let problem = screening.problem() { throw QueueError.invalidArgument("the edit was refused: \(problem)") }
        if let reason = screening.heldReason, reason.isEmpty {
            throw QueueError.invalidArgument("the edit was refused: a held post needs a reason")
        }
        return try change(id: id, expectedVersion: expectedVersion) { db, current in
            guard current.state.isOpen else {
                throw QueueError.notAllowed(
                    id: id, action: "edit", state: current.state,
                    reason: "it was already decided; a decided post is never changed")
            }
            let newState: PostState =
                screening.heldReason != nil ? .held : (current.state == .escalated ? .escalated : .pending)
            try replaceScreening(
                db: db, id: id, version: current.version, state: newState, screening: screening, at: now)
            try Queue.appendHistory(
                db: db, postID: id, at: now.timeIntervalSince1970, actor: actor, action: .edited,
                from: current.state, to: newState,
                detail: "text edited and screened again: " + Queue.summary(of: screening, state: newState))
        }
    }

    /// Puts the original text of a false-positive redaction back into an undecided post's scrubbed text.
    ///
    /// `redactionIndex` is the position in ``Post/redactions`` (0-based). The history names the rule, type and
    /// placeholder, never the restored text. Impossible once the post is decided: the original was purged.
    @discardableResult
    public func restore(
        id: Int64, redactionIndex: Int, actor: String, expectedVersion: Int? = nil, at now: Date = Date()
    ) throws -> Post {
        let actor = try Queue.checkedActor(actor)
        return try change(id: id, expectedVersion: expectedVersion) { db, current in
            guard current.state.isOpen, let original = current.originalText else {
                throw QueueError.restoreImpossible(
                    id: id,
                    reason: "it is \(current.state) and its original text was purged when it was decided")
            }
            let redactions = try Queue.redactions(postID: id, db: db)
            guard redactions.indices.contains(redactionIndex) else {
                throw QueueError.restoreImpossible(
                    id: id,
                    reason:
                        "it has \(redactions.count) redaction(s); there is no redaction number \(redactionIndex + 1)")
            }
            let restored: RedactionRestorer.Result
            do {
                restored = try RedactionRestorer.restore(
                    index: redactionIndex, in: current.scrubbedText, original: original, redactions: redactions)
            } catch let failure as RedactionRestorer.Failure {
                throw QueueError.restoreImpossible(id: id, reason: failure.reason)
            }
            try update(
                db: db, id: id, version: current.version, at: now, assignments: "scrubbedText = ?",
                arguments: [.text(restored.scrubbedText)])
            let target = redactions[redactionIndex]
            try db.execute(
                "INSERT INTO kept (postID, value) VALUES (?, ?) ON CONFLICT DO NOTHING", id,
                KeptValues.value(of: target, in: original))
            try db.execute("DELETE FROM redaction WHERE postID = ?", id)
            try Queue.insertRedactions(restored.redactions, postID: id, db: db)
            // The matches after the restored text moved: placed again from where they are in the original.
            try RuleMatches.replace(
                RuleMatches.placed(
                    try RuleMatches.load(postID: id, db: db), redactions: restored.redactions,
                    held: current.state == .held),
                postID: id, db: db)
            let gone = redactions[redactionIndex]
            try Queue.appendHistory(
                db: db, postID: id, at: now.timeIntervalSince1970, actor: actor, action: .restored,
                from: current.state, to: current.state,
                detail: "restored redaction \(redactionIndex + 1) as a false positive: rule \(gone.rule),"
                    + " type \(gone.type), placeholder \(gone.placeholder)")
        }
    }

    /// Takes the post's last decision back (a moderator's undo): an approved, rejected, spam or escalated post
    /// returns to the state it had before, with its scrubbed text. The original text purged at the decision
    /// stays purged, so a redaction can no longer be restored; a published post cannot be taken back.
    @discardableResult
    public func revert(id: Int64, actor: String, expectedVersion: Int? = nil, at now: Date = Date()) throws -> Post {
        let actor = try Queue.checkedActor(actor)
        return try change(id: id, expectedVersion: expectedVersion) { db, current in
            guard [.approved, .rejected, .spam, .escalated].contains(current.state) else {
                let why =
                    current.state == .published
                    ? "it is already in the feed" : "it is \(current.state); there is no decision to take back"
                throw QueueError.notAllowed(id: id, action: "take back", state: current.state, reason: why)
            }
            let previous =
                try db.row(
                    "SELECT fromState FROM history WHERE postID = ? AND toState = ? ORDER BY id DESC LIMIT 1", id,
                    current.state.rawValue
                )?[0].text.flatMap(PostState.init(rawValue:)) ?? .pending
            let target: PostState = [.held, .escalated].contains(previous) ? previous : .pending
            try update(
                db: db, id: id, version: current.version, at: now,
                assignments: """
                    state = ?, heldReason = ?, decidedBy = NULL, decidedAt = NULL, rejectReason = NULL,
                    approvedAt = NULL, entryID = NULL
                    """,
                arguments: [
                    .text(target.rawValue),
                    target == .held
                        ? .text("held before the decision that was taken back; edit it so it is screened again")
                        : .null,
                ])
            // What the decision taught the spam filter is taken back with it.
            try Queue.unlearn(postID: id, db: db)
            try Queue.appendHistory(
                db: db, postID: id, at: now.timeIntervalSince1970, actor: actor, action: .reverted,
                from: current.state, to: target, detail: "took back the \(current.state) decision")
        }
    }

    /// Sends an approved post back to a moderator with the results of screening its final text again
    /// (`porch publish` does this when the last screening finds something new). It becomes pending, or held
    /// when `screening` carries a held reason; it must be approved again before it is published.
    @discardableResult
    public func sendBack(
        id: Int64, screening: Screening, reason: String, actor: String, expectedVersion: Int? = nil,
        at now: Date = Date()
    ) throws -> Post {
        let actor = try Queue.checkedActor(actor)
        if let problem = screening.problem() { throw QueueError.invalidArgument("cannot send it back: \(problem)") }
        return try change(id: id, expectedVersion: expectedVersion) { db, current in
            guard current.state == .approved else {
                throw QueueError.notAllowed(
                    id: id, action: "send back", state: current.state,
                    reason: "only an approved, unpublished post can be sent back")
            }
            let newState: PostState = screening.heldReason != nil ? .held : .pending
            try Queue.unlearn(postID: id, db: db)
            try replaceScreening(
                db: db, id: id, version: current.version, state: newState, screening: screening, at: now,
                alsoClearing: "decidedBy = NULL, decidedAt = NULL, approvedAt = NULL, entryID = NULL")
            try Queue.appendHistory(
                db: db, postID: id, at: now.timeIntervalSince1970, actor: actor, action: .sentBack,
                from: current.state, to: newState, detail: "sent back before publishing: \(reason)")
        }
    }

    // MARK: - Shared steps

    /// The columns a decision needs to check a post before changing it.
    struct Current {
        var state: PostState
        var version: Int
        var originalText: String?
        var scrubbedText: String
        var heldReason: String?
        var decidedBy: String?
    }

    /// Approve, reject or spam: the three decisions, which purge the original text in the same transaction.
    func decide(
        id: Int64, to state: PostState, action: HistoryAction, reason: String?, actor: String, expectedVersion: Int?,
        at now: Date
    ) throws -> Post {
        let actor = try Queue.checkedActor(actor)
        let post = try change(id: id, expectedVersion: expectedVersion) { db, current in
            if let why = Queue.whyNot(deciding: current, to: state) {
                throw QueueError.notAllowed(id: id, action: Queue.verb(for: state), state: current.state, reason: why)
            }
            let stamp = now.timeIntervalSince1970
            var assignments = "state = ?, originalText = NULL, decidedBy = ?, decidedAt = ?, heldReason = NULL"
            var arguments: [StoreValue] = [.text(state.rawValue), .text(actor), .real(stamp)]
            var detail: String
            switch state {
            case .approved:
                assignments += ", entryID = ?, approvedAt = ?"
                arguments += [.text("urn:uuid:" + UUID().uuidString.lowercased()), .real(stamp)]
                detail = "approved for publishing"
            case .rejected:
                assignments += ", rejectReason = ?"
                arguments += [reason.storeValue]
                detail = "rejected: \(reason ?? "")"
            default:
                detail = "marked as spam"
            }
            detail += "; original text purged"
            try update(
                db: db, id: id, version: current.version, at: now, assignments: assignments, arguments: arguments)
            // A post that will never be published needs no memory of what was restored in it.
            if state != .approved { try KeptValues.forget(postID: id, db: db) }
            // Approving teaches the group's spam filter ham and marking spam teaches it spam; a rejection is for
            // other reasons and teaches nothing.
            switch state {
            case .approved: try Queue.teach(postID: id, as: .ham, db: db)
            case .spam: try Queue.teach(postID: id, as: .spam, db: db)
            default: break
            }
            try Queue.appendHistory(
                db: db, postID: id, at: stamp, actor: actor, action: action, from: current.state, to: state,
                detail: detail)
        }
        // The decision is committed; purging the journal is best effort and never turns it into a failure.
        _ = try? truncateJournal()
        return post
    }

    /// Stores new screening results (text, redactions, verdicts) and a new state, as edit and send-back do.
    func replaceScreening(
        db: any StoreTransaction, id: Int64, version: Int, state: PostState, screening: Screening, at now: Date,
        alsoClearing cleared: String? = nil
    ) throws {
        // What a moderator restored stays restored, whatever this screening found.
        let screening = KeptValues.honoured(try KeptValues.load(postID: id, db: db), in: screening)
        try update(
            db: db, id: id, version: version, at: now,
            assignments: """
                state = ?, scrubbedText = ?, originalText = ?, crisisRank = ?, crisisCategories = ?,
                spamVerdict = ?, spamScore = ?, verdictJSON = ?, heldReason = ?, spamSuspect = ?, spamWords = ?,
                hiddenNote = ?
                """ + (cleared.map { ", " + $0 } ?? ""),
            arguments: [
                .text(state.rawValue), .text(screening.scrubbedText), screening.originalText.storeValue,
                screening.crisisLevel.rank.storeValue, .text(StringListColumn.encode(screening.crisisCategories)),
                .text(screening.spamVerdict.storedVerdict), .real(screening.spamScore), .text(screening.verdictJSON),
                screening.heldReason.storeValue, (screening.spamVerdict == .suspect).storeValue,
                .text(screening.spamWords.joined(separator: " ")), screening.hiddenNote.storeValue,
            ])
        try db.execute("DELETE FROM redaction WHERE postID = ?", id)
        try Queue.insertRedactions(screening.redactions, postID: id, db: db)
        try RuleMatches.replace(
            RuleMatches.placed(screening.matches, redactions: screening.redactions, held: state == .held),
            postID: id, db: db)
    }

    /// Loads the post, checks the caller's version, runs `body` and returns the post as it is afterwards.
    func change(
        id: Int64, expectedVersion: Int?, _ body: (any StoreTransaction, Current) throws -> Void
    ) throws -> Post {
        try write { db in
            guard
                let row = try db.row(
                    "SELECT state, version, originalText, scrubbedText, heldReason, decidedBy FROM post WHERE id = ?",
                    id)
            else { throw QueueError.notFound(id: id) }
            guard let state = row[0].text.flatMap(PostState.init(rawValue:)), let version = row[1].int,
                let scrubbedText = row[3].text
            else {
                throw QueueError.unusableDatabase(path: path, reason: "post \(id) has an unknown state")
            }
            let current = Current(
                state: state, version: version, originalText: row[2].text, scrubbedText: scrubbedText,
                heldReason: row[4].text, decidedBy: row[5].text)
            if let expectedVersion, expectedVersion != current.version {
                let last = try db.row(
                    "SELECT actor, action FROM history WHERE postID = ? ORDER BY id DESC LIMIT 1", id)
                throw QueueError.conflict(
                    id: id, expectedVersion: expectedVersion, currentVersion: current.version,
                    changedBy: last?[0].text ?? "someone", lastAction: last?[1].text ?? "a change", state: state)
            }
            try body(db, current)
            return try fetchPost(id: id, db: db)
        }
    }

    /// Updates the post and bumps its version, guarded by the version read in the same transaction.
    func update(
        db: any StoreTransaction, id: Int64, version: Int, at now: Date, assignments: String,
        arguments: [StoreValue]
    ) throws {
        let changed = try db.execute(
            "UPDATE post SET \(assignments), version = version + 1, updatedAt = ? WHERE id = ? AND version = ?",
            arguments + [.real(now.timeIntervalSince1970), .integer(id), .integer(Int64(version))])
        guard changed == 1 else {
            throw QueueError.database(path: path, code: 0, message: "post \(id) changed during the transaction")
        }
    }

    static func verb(for state: PostState) -> String {
        switch state {
        case .approved: "approve"
        case .rejected: "reject"
        case .spam: "mark as spam"
        default: "change"
        }
    }

    static func whyNot(deciding current: Current, to state: PostState) -> String? {
        let by = current.decidedBy.map { " by \($0)" } ?? ""
        switch current.state {
        case .pending, .escalated:
            return nil
        case .held:
            if state != .approved { return nil }
            return "a privacy stage failed (\(current.heldReason ?? "no reason recorded")); edit it so it is"
                + " screened again, or reject it"
        case .approved:
            return "it was already approved\(by); a post is never decided twice"
        case .rejected, .spam:
            return "it was already decided\(by); a post is never decided twice"
        case .published:
            return "it is already in the feed; a post is never decided twice"
        }
    }

    static func whyNot(escalating current: Current) -> String {
        switch current.state {
        case .escalated: "it is already escalated"
        case .held: "a privacy stage failed; edit it so it is screened again, or reject it"
        default: "it was already decided; only undecided posts can be escalated"
        }
    }
}
