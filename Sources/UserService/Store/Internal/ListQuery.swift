internal import Storage

/// The SQL of one page of the account list: newest first, then by id, descending, after the
/// cursor, with the status filter. Four constant texts (with or without each of cursor and
/// filter), so every statement is prepared once and cached, and nothing but values is bound.
struct ListQuery {
    let sql: String
    let parameters: [SQLValue]
    let countSQL: String
    let countParameters: [SQLValue]

    init(status: AccountStatus?, cursor: UserListCursor?, limit: Int) {
        var conditions: [String] = []
        var parameters: [SQLValue] = []
        if let status {
            conditions.append("status = ?")
            parameters.append(SQLValue(status.rawValue))
        }
        countSQL = "SELECT count(*) FROM users" + (conditions.isEmpty ? "" : " WHERE " + conditions[0])
        countParameters = parameters
        if let cursor {
            // A row value comparison: both databases walk the (created_at, id) index with it.
            conditions.append("(created_at, id) < (?, ?)")
            parameters += [SQLValue(cursor.createdAt), SQLValue(cursor.id)]
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        sql =
            "SELECT \(AccountRows.userColumns) FROM users\(filter) ORDER BY created_at DESC, id DESC LIMIT ?"
        self.parameters = parameters + [SQLValue(limit)]
    }
}
