// The words seeded products are made of: plausible names, descriptions and tags, with a few
// accented words so that accent-insensitive search has something to find.

/// Word lists for ``ProductSeeder``.
enum SeedWords {
    /// Browse categories, and the nouns of products in each.
    static let categories: [(category: String, nouns: [String])] = [
        ("kitchen", ["mug", "kettle", "teapot", "skillet", "whisk", "cutting board", "espresso cup", "colander"]),
        ("garden-tools", ["rake", "hose", "trowel", "pruner", "watering can", "wheelbarrow", "hoe", "spade"]),
        ("office", ["stapler", "notebook", "desk lamp", "pen holder", "binder", "letter tray", "ruler"]),
        ("furniture", ["armchair", "stool", "bookshelf", "side table", "bench", "footrest", "coat rack"]),
        ("lighting", ["lantern", "pendant lamp", "floor lamp", "candle holder", "reading light", "sconce"]),
        ("books", ["atlas", "cookbook", "field guide", "novel", "sketchbook", "journal", "almanac"]),
        ("outdoor", ["tent", "hammock", "backpack", "sleeping bag", "compass", "thermos", "camp chair"]),
        ("textiles", ["blanket", "cushion", "tablecloth", "apron", "scarf", "rug", "tea towel"]),
    ]

    /// What a product is like.
    static let adjectives = [
        "sturdy", "compact", "classic", "rustic", "modern", "handmade", "vintage", "lightweight", "foldable",
        "heavy-duty", "elegant", "minimal", "cosy", "weatherproof", "adjustable", "portable", "deluxe", "simple",
        "naïve", "crème", "rosé", "café",
    ]

    /// What it is made of.
    static let materials = [
        "oak", "walnut", "bamboo", "steel", "copper", "brass", "ceramic", "linen", "wool", "cotton", "glass",
        "enamel", "cast iron", "leather", "stoneware", "pine", "aluminium", "porcelain", "jute", "felt",
    ]

    /// Colours, for names and tags.
    static let colours = [
        "red", "blue", "green", "sand", "charcoal", "ivory", "olive", "mustard", "teal", "terracotta", "slate",
        "crème brûlée",
    ]

    /// Tags beyond the colour and material.
    static let tags = [
        "gift", "bestseller", "eco", "new", "sale", "limited", "durable", "handcrafted", "recycled", "fair-trade",
        "outdoor", "indoor", "travel", "family", "kids", "professional", "seasonal", "summer", "winter", "classic",
    ]

    /// Sentences of a description; `{noun}`, `{material}`, `{adjective}` and `{colour}` are filled
    /// in.
    static let sentences = [
        "A {adjective} {noun} made of {material}, built to last for years.",
        "This {colour} {noun} brings a {adjective} touch to any home.",
        "Crafted from {material} with care; every {noun} is checked by hand.",
        "Easy to clean and easy to love: the {noun} you will reach for every day.",
        "Pairs well with our other {material} pieces.",
        "Finished in {colour}, with a {adjective} profile.",
        "Ships flat-packed; assembly takes minutes.",
        "Our customers call it the most {adjective} {noun} they own.",
    ]
}
