/// Runs a transaction closure on a worker's connection: `BEGIN`, the closure, `COMMIT` or
/// `ROLLBACK`, and another attempt when the transaction lost a race or its connection broke
/// before `COMMIT`. The same logic for both drivers; they differ only below ``DriverConnection``.
struct TransactionRunner {
    let retry: SQLRetryPolicy
    let counters: StorageCounters

    /// Runs `body` in a transaction of `mode` until it commits, fails for good, or runs out of
    /// attempts.
    func run<Value>(
        _ mode: TransactionMode, on context: WorkerContext, _ body: (SQLConnection) throws(StorageError) -> Value
    ) -> Result<Value, StorageError> {
        var attempt = 1
        while true {
            switch runOnce(mode, on: context, body) {
            case .done(let result):
                return result
            case .again(let error):
                guard attempt < retry.maxAttempts else { return .failure(error) }
                StorageCounters.increment(counters.retries)
                WorkerContext.sleep(retry.backoff(after: attempt))
                attempt += 1
            }
        }
    }

    private enum Attempt<Value> {
        case done(Result<Value, StorageError>)
        case again(StorageError)
    }

    private func runOnce<Value>(
        _ mode: TransactionMode, on context: WorkerContext, _ body: (SQLConnection) throws(StorageError) -> Value
    ) -> Attempt<Value> {
        let connection: any DriverConnection
        do {
            connection = try context.connection()
            try connection.begin(mode)
        } catch {
            return settle(error, on: context)
        }
        let lease = TransactionLease()
        let outcome: Result<Value, StorageError>
        do {
            outcome = .success(try body(SQLConnection(driver: connection, lease: lease)))
        } catch {
            outcome = .failure(error)
        }
        lease.end()
        switch outcome {
        case .failure(let error):
            rollBack(connection, mode)
            // A closure that caught a retryable failure and then threw its own error still lost
            // the race: run it again rather than report the closure's reaction to it.
            let retryable = lease.firstError.flatMap { $0.kind.isRetryable ? $0 : nil }
            return settle(retryable ?? error, on: context)
        case .success(let value):
            return finish(value, connection, mode, lease, on: context)
        }
    }

    /// Commits (or rolls back) after the closure returned.
    private func finish<Value>(
        _ value: Value, _ connection: any DriverConnection, _ mode: TransactionMode, _ lease: TransactionLease,
        on context: WorkerContext
    ) -> Attempt<Value> {
        if let error = lease.firstError {
            // The closure caught a failed statement's error and returned. PostgreSQL has already
            // aborted such a transaction (committing would silently roll back); SQLite would
            // commit the statements that worked. Both fail the same way instead: no partial write.
            rollBack(connection, mode)
            return settle(error, on: context)
        }
        if connection.isTransactionAborted {
            rollBack(connection, mode)
            return settle(StorageError(kind: .unknown, message: "the database aborted the transaction"), on: context)
        }
        if mode == .autocommit { return .done(.success(value)) }
        if lease.isRollbackOnly {
            rollBack(connection, mode)
            return .done(.success(value))
        }
        do {
            try connection.commit()
            StorageCounters.increment(counters.commits)
            return .done(.success(value))
        } catch {
            rollBack(connection, mode)
            guard !connection.isBroken else {
                context.discard()
                return .done(
                    .failure(
                        StorageError(
                            kind: .connectionFailed,
                            message: "the connection broke during COMMIT, so the transaction's outcome is unknown: "
                                + error.message, sqlState: error.sqlState, sqliteCode: error.sqliteCode, sql: "COMMIT"
                        )))
            }
            return error.kind.isRetryable ? .again(error) : .done(.failure(error))
        }
    }

    /// Decides between another attempt and giving up, for an error before `COMMIT`.
    private func settle<Value>(_ error: StorageError, on context: WorkerContext) -> Attempt<Value> {
        if context.isConnectionBroken {
            // Nothing was committed: another connection may run the whole transaction again.
            context.discard()
            return .again(error)
        }
        return error.kind.isRetryable ? .again(error) : .done(.failure(error))
    }

    private func rollBack(_ connection: any DriverConnection, _ mode: TransactionMode) {
        guard mode != .autocommit else { return }
        connection.rollback()
        StorageCounters.increment(counters.rollbacks)
    }
}
