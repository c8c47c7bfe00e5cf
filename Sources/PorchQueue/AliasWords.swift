/// The gentle words aliases are made of: 64 adjectives and 64 animals.
enum AliasWords {
    static let adjectives = [
        "Quiet", "Gentle", "Brave", "Calm", "Kind", "Steady", "Warm", "Bright",
        "Patient", "Hopeful", "Tender", "Soft", "Golden", "Silver", "Morning", "Evening",
        "Mellow", "Honest", "Humble", "Cheerful", "Curious", "Thoughtful", "Willow", "Maple",
        "Amber", "Coral", "Misty", "Sunny", "Rainy", "Snowy", "Breezy", "Starry",
        "Clever", "Nimble", "Sturdy", "Loyal", "Serene", "Restful", "Earnest", "Graceful",
        "Lively", "Merry", "Modest", "Peaceful", "Plucky", "Radiant", "Sincere", "Spry",
        "Tranquil", "Valiant", "Wise", "Woodland", "Meadow", "River", "Harbor", "Hillside",
        "Autumn", "Spring", "Summer", "Winter", "Velvet", "Cedar", "Juniper", "Saffron",
    ]

    static let animals = [
        "Heron", "Otter", "Robin", "Sparrow", "Finch", "Wren", "Badger", "Hedgehog",
        "Rabbit", "Fox", "Deer", "Owl", "Swan", "Dove", "Lark", "Starling",
        "Beaver", "Squirrel", "Chipmunk", "Marten", "Seal", "Dolphin", "Whale", "Turtle",
        "Tortoise", "Salmon", "Trout", "Kingfisher", "Pelican", "Puffin", "Penguin", "Crane",
        "Koala", "Panda", "Lynx", "Elk", "Moose", "Bison", "Pony", "Lamb",
        "Goose", "Duck", "Swallow", "Bluebird", "Cardinal", "Magpie", "Raven", "Kestrel",
        "Falcon", "Hare", "Mole", "Vole", "Newt", "Frog", "Gecko", "Butterfly",
        "Bumblebee", "Ladybird", "Firefly", "Dragonfly", "Stork", "Ibis", "Plover", "Sandpiper",
    ]
}
