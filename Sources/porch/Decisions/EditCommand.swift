import ArgumentParser
import Foundation
import PorchPipeline
import PorchQueue
import PorchScreening

/// `porch edit ID`: edit an undecided post in `$EDITOR`, screen it again and store the result.
struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit an undecided post's text in $EDITOR; the result is screened again with the group's rules.",
        discussion: """
            Opens $EDITOR (else $VISUAL, else vi) on the scrubbed text, without a shell: the variable is split \
            on spaces and the file's path added. The file is private (0600 in a 0700 folder) and removed \
            afterwards. A held post opens on its ORIGINAL text, which you must scrub by hand. Lines starting \
            with #porch: are removed. The saved text is screened again (PII, crisis, spam) and what the new \
            screening found is printed. Quitting without a change changes nothing. Exit status: 0 stored or \
            unchanged; 1 not stored (conflict, decided post, empty text, editor failed); 2 the group, queue or \
            rules could not be used.
            """)

    @Argument(help: "The post's id.")
    var id: PostNumber

    @OptionGroup var options: DecisionOptions
    @OptionGroup var rules: RulesOptions

    func run() throws {
        let group = try options.group.group()
        let queue = try group.openQueueOrExit()
        let screener = try rules.loadScreener(group: group, fewPosts: true)
        let actor = options.actor.name
        do {
            let post = try queue.post(id: id.id)
            try Edit.check(post, expectedVersion: options.expectedVersion)
            let draft = EditDraft(post: post)
            // An editor can type invisible characters too: they are shown or removed like a submitted post's.
            let hidden = HiddenText(
                EditDraft.body(
                    of: try EditorSession(environment: ProcessInfo.processInfo.environment).edit(draft.fileText)))
            let edited = hidden.text
            if edited == draft.comparableBody {
                Console.out("#\(post.id): no change; the post was not changed\n")
                return
            }
            if edited.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw EditError.empty(id: post.id) }
            let verdict = screener.session().screen(edited, region: group.config.region)
            // The note of what was hidden now describes the edited text.
            let screening = QueueRecord.screening(
                text: edited, verdict: verdict, id: post.externalID, hiddenNote: hidden.note)
            // The version the editor opened on: a decision taken meanwhile turns into a conflict, not an overwrite.
            let updated = try queue.edit(
                id: post.id, screening: screening, actor: actor,
                expectedVersion: options.expectedVersion ?? post.version)
            Console.out(RescreenReport(before: post, after: updated, verdict: verdict, actor: actor).text + "\n")
        } catch {
            Console.error("\(error)")
            throw ExitStatus.inputRefused
        }
    }

    /// Refuses before the editor opens when the edit could not be stored anyway.
    static func check(_ post: Post, expectedVersion: Int?) throws(EditRefusal) {
        guard post.state.isOpen else {
            throw EditRefusal(
                message: "cannot edit post \(post.id): it is \(post.state)"
                    + (post.decidedBy.map { " (decided by \($0))" } ?? "")
                    + " — a decided post is never changed")
        }
        if let expectedVersion, expectedVersion != post.version {
            throw EditRefusal(
                message: "post \(post.id) is at version \(post.version), not \(expectedVersion): it was changed since "
                    + "you read it; it is now \(post.state). Refresh it and edit again")
        }
    }
}

/// Why `porch edit` would not open the editor.
struct EditRefusal: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
