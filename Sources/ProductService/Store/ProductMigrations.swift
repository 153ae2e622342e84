// The product service's schema, as numbered migrations: the SQL is the same on both drivers
// except where the Storage dialect spells it (the key column, the full-text index).
internal import Storage

/// The product service's migrations, applied in order by ``ProductService/migrate()``.
///
/// - Version 1, `products`: the catalogue. `seq` is the database-assigned key that orders the
///   listing (newest first) and that SQLite's FTS5 index refers to (a rowid alias, so it never
///   changes); `id` is the public UUID. Prices are integer minor units with their currency, as
///   the contract's `Money` is: exact, comparable in SQL, never floating point. `tags` and
///   `attributes` are JSON text for reading back exactly; `search_tags` is the tags as words for
///   the full-text index. `status` 2 (DISCONTINUED) is the soft delete. `on_hand` counts units
///   in the store, `reserved` those HELD reservations take: a `CHECK` keeps
///   `0 <= reserved <= on_hand`, so no write can oversell even if a statement forgot its
///   condition. `product_tags` indexes each tag's lower-case form for the tag filter.
/// - Version 2, `reservations`: holds on stock, one per idempotency key (`UNIQUE`).
/// - Version 3, `product search`: the dialect's full-text index over name (weight A),
///   tags (B) and description (D).
enum ProductMigrations {
    /// The full-text index of the catalogue.
    static let searchIndex = FullTextIndex(
        name: "products_search", table: "products",
        columns: [.init("name", weight: .a), .init("search_tags", weight: .b), .init("description", weight: .d)])

    /// Every migration, oldest first.
    static let all: [Migration] = [products, reservations, search]

    static let products = Migration(version: 1, name: "products") { dialect in
        """
        CREATE TABLE products (
            seq \(dialect.autoIncrementPrimaryKey),
            id TEXT NOT NULL UNIQUE,
            sku TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            category TEXT NOT NULL,
            price_minor_units BIGINT NOT NULL,
            price_currency TEXT NOT NULL,
            status INTEGER NOT NULL,
            tags TEXT NOT NULL,
            search_tags TEXT NOT NULL,
            attributes TEXT NOT NULL,
            on_hand BIGINT NOT NULL,
            reserved BIGINT NOT NULL DEFAULT 0,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            CONSTRAINT products_price_check CHECK (price_minor_units >= 0),
            CONSTRAINT products_status_check CHECK (status IN (1, 2)),
            CONSTRAINT products_stock_check CHECK (reserved >= 0 AND reserved <= on_hand)
        );
        CREATE INDEX products_listing ON products (status, seq);
        CREATE INDEX products_category ON products (category, status, seq);
        CREATE INDEX products_price ON products (price_currency, price_minor_units);
        CREATE TABLE product_tags (
            product_seq BIGINT NOT NULL REFERENCES products (seq) ON DELETE CASCADE,
            tag_key TEXT NOT NULL,
            PRIMARY KEY (tag_key, product_seq)
        );
        CREATE INDEX product_tags_product ON product_tags (product_seq);
        """
    }

    static let reservations = Migration(
        version: 2, name: "reservations",
        sql: """
            CREATE TABLE reservations (
                id TEXT PRIMARY KEY,
                product_id TEXT NOT NULL REFERENCES products (id),
                quantity INTEGER NOT NULL,
                order_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                state INTEGER NOT NULL,
                expires_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                CONSTRAINT reservations_quantity_check CHECK (quantity > 0),
                CONSTRAINT reservations_state_check CHECK (state IN (1, 2, 3, 4))
            );
            CREATE INDEX reservations_lapsing ON reservations (state, expires_at);
            CREATE INDEX reservations_product ON reservations (product_id, state, expires_at);
            """)

    static let search = Migration(version: 3, name: "product search") { dialect in
        dialect.createFullTextIndex(searchIndex)
    }
}
