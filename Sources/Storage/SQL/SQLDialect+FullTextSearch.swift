extension SQLDialect {
    /// The migration SQL that creates `index` (see ``FullTextIndex``) and fills it from the rows
    /// already in the table.
    public func createFullTextIndex(_ index: FullTextIndex) -> String {
        switch flavor {
        case .sqlite: sqliteFullTextIndex(index)
        case .postgresql: postgresFullTextIndex(index)
        }
    }

    /// The join and rank expression of a query over `index`, for the table aliased `tableAlias`.
    public func fullTextSearch(_ index: FullTextIndex, tableAlias: String) -> FullTextSearchClause {
        switch flavor {
        case .sqlite:
            let weights = index.columns.map(\.weight.factor).joined(separator: ", ")
            let hits = "\(index.name)_hits"
            return FullTextSearchClause(
                join: "JOIN (SELECT rowid AS hit_rowid, -bm25(\(index.name), \(weights)) AS hit_rank "
                    + "FROM \(index.name) WHERE \(index.name) MATCH ?) AS \(hits) ON \(hits).hit_rowid = \(tableAlias).rowid",
                rank: "\(hits).hit_rank")
        case .postgresql:
            let query = "\(index.name)_query"
            return FullTextSearchClause(
                join:
                    "JOIN to_tsquery('\(index.name)_config', ?) AS \(query) ON \(tableAlias).\(index.name) @@ \(query)",
                // Normalization 1 divides by 1 + log(length): like bm25, a shorter document with
                // the same matches ranks higher.
                rank: "ts_rank(\(tableAlias).\(index.name), \(query), 1)")
        }
    }

    /// The value to bind for a user's search text, or `nil` when it has no words (search for
    /// nothing: answer with no results).
    ///
    /// The text is split into words (runs of letters and digits, at most 16 words of at most 64
    /// characters), every word must match, and the last also matches as a prefix ("desk la"
    /// finds "desk lamp"). Operators and quotes in the text are not syntax, so no input can make
    /// the query fail.
    public func fullTextQuery(_ text: String) -> SQLValue? {
        let words = Self.searchWords(text)
        guard !words.isEmpty else { return nil }
        switch flavor {
        case .sqlite:
            let terms = words.map { "\"\($0)\"" }
            return .text(terms.joined(separator: " ") + "*")
        case .postgresql:
            let terms = words.map { "'\($0)'" }
            return .text(terms.joined(separator: " & ") + ":*")
        }
    }

    /// Splits search text into words: runs of letters and digits, bounded in count and length.
    static func searchWords(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        for character in text {
            if character.isLetter || character.isNumber {
                if word.count < 64 { word.append(character) }
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
            if words.count == 16 { return words }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    private func sqliteFullTextIndex(_ index: FullTextIndex) -> String {
        let names = index.columns.map(\.name)
        let list = names.joined(separator: ", ")
        let new = names.map { "new.\($0)" }.joined(separator: ", ")
        let old = names.map { "old.\($0)" }.joined(separator: ", ")
        let (fts, table) = (index.name, index.table)
        return """
            CREATE VIRTUAL TABLE \(fts) USING fts5(\(list), content='\(table)', content_rowid='rowid', \
            tokenize='unicode61 remove_diacritics 2', prefix='2 3');
            CREATE TRIGGER \(fts)_ai AFTER INSERT ON \(table) BEGIN
                INSERT INTO \(fts) (rowid, \(list)) VALUES (new.rowid, \(new));
            END;
            CREATE TRIGGER \(fts)_ad AFTER DELETE ON \(table) BEGIN
                INSERT INTO \(fts) (\(fts), rowid, \(list)) VALUES ('delete', old.rowid, \(old));
            END;
            CREATE TRIGGER \(fts)_au AFTER UPDATE OF \(list) ON \(table) BEGIN
                INSERT INTO \(fts) (\(fts), rowid, \(list)) VALUES ('delete', old.rowid, \(old));
                INSERT INTO \(fts) (rowid, \(list)) VALUES (new.rowid, \(new));
            END;
            INSERT INTO \(fts) (\(fts)) VALUES ('rebuild');
            """
    }

    private func postgresFullTextIndex(_ index: FullTextIndex) -> String {
        let config = "\(index.name)_config"
        let vector = index.columns.map {
            "setweight(to_tsvector('\(config)', coalesce(\($0.name), '')), '\($0.weight.letter)')"
        }.joined(separator: " || ")
        // unaccent is a contrib extension: use it when the server has it, wherever it is
        // installed (it is one per database, and this schema may not be on its search path).
        return """
            DO $room619$
            DECLARE
                unaccent_schema text;
            BEGIN
                EXECUTE format('CREATE TEXT SEARCH CONFIGURATION %I (COPY = pg_catalog.simple)', '\(config)');
                IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
                    -- In public, shared by every service's schema (not in the first migrating
                    -- service's, where dropping that schema would take it from the others);
                    -- two services creating it at once collide on its catalog row: the loser
                    -- uses the winner's.
                    BEGIN
                        CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
                    EXCEPTION WHEN unique_violation THEN
                        NULL;
                    END;
                    SELECT n.nspname INTO unaccent_schema FROM pg_extension e
                        JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
                    EXECUTE format('ALTER TEXT SEARCH CONFIGURATION %I ALTER MAPPING FOR hword, hword_part, word '
                        'WITH %I.unaccent, simple', '\(config)', unaccent_schema);
                END IF;
            END
            $room619$;
            ALTER TABLE \(index.table) ADD COLUMN \(index.name) tsvector GENERATED ALWAYS AS (\(vector)) STORED;
            CREATE INDEX \(index.name)_gin ON \(index.table) USING gin (\(index.name));
            """
    }
}
