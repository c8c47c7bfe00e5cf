extension GroupConfig {
    /// The text of a new `porch.toml`.
    func rendered() -> String {
        func quoted(_ value: String) -> String {
            var output = ""
            PorchTOML.appendBasicString(value, to: &output)
            return output
        }
        let keepPlacesLine =
            keepPlaces.isEmpty
            ? "# keep_places = [\"Galway\"]" : "keep_places = [\(keepPlaces.map(quoted).joined(separator: ", "))]"
        let databaseLines =
            database.map { "database = \(quoted($0))" }
            ?? "# database = \"postgres://porch@db.example.org:5432/porch\""
        return """
            # Porch group configuration. Edit by hand; `porch` reads it on every run.

            [group]
            name = \(quoted(name))
            # Crisis resources shown to moderators and in the feed come from this region in Rules/resources.toml.
            region = \(quoted(region))
            # The rule files this group runs (relative to this folder). Check edits with `porch rules check`.
            rules = \(quoted(rulesPath))
            # Towns the group is about stay in posts (a Galway group keeps "Galway"); every other town is scrubbed.
            \(keepPlacesLine)

            [feed]
            title = \(quoted(feedTitle))
            # The feed's permanent id: never change it, or readers will see a new feed.
            id = \(quoted(feedID))
            atom = \(quoted(atomPath))
            json = \(quoted(jsonPath))
            # The group's public page, and where the two feed files are served (readers use these as links).
            # home_page = "https://example.org/our-group"
            # atom_url = "https://example.org/our-group/feed.atom"
            # json_url = "https://example.org/our-group/feed.json"
            max_entries = \(maxEntries)
            # Published times are rounded down to the "hour" or the "day".
            time_granularity = \(quoted(timeGranularity))
            # Posts that carried a crisis or concern flag end with the group's resources.
            resources_footer = \(resourcesFooter)
            # How often a member's alias in the feed changes, so the feed cannot string one person's posts
            # together: "never" (one alias), "post" (a new alias on every post) or "days" (a new alias every
            # alias_days days). Moderators always see the stable alias.
            alias_rotation = \(quoted(aliasRotation.mode))
            alias_days = \(aliasRotation.days)

            [review]
            # Reasons offered by number when rejecting in `porch review` (a moderator can still type any reason).
            reject_reasons = [\(rejectReasons.map(quoted).joined(separator: ", "))]

            [intake]
            max_post_bytes = \(maxPostBytes)

            [queue]
            # Where the queue is kept: leave out for the SQLite file in data/ (one host), or a PostgreSQL URL that
            # several hosts share. The password comes from PGPASSWORD or ~/.pgpass, never from this file;
            # PORCH_DATABASE_URL overrides this line.
            \(databaseLines)

            [hooks]
            # A command to page an on-call moderator when a crisis post arrives. It is run without a shell,
            # with two arguments, the queue id and the level; it is never given the post's text.
            # on_crisis = "/usr/local/bin/page-moderator"
            on_crisis_timeout = \(Int(onCrisisTimeout))

            """
    }
}
