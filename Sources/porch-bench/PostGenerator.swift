/// Makes realistic support-group posts for the benchmark: ordinary sentences, hard negatives and a few
/// identifying details, from a fixed seed so every run measures the same text.
struct PostGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        // SplitMix64: small, fast and good enough to pick templates.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func pick(_ options: [String]) -> String { options[next(options.count)] }

    static let ordinary = [
        "Some nights I sit in the car in the driveway just to have five minutes of quiet.",
        "My partner went back to work after two weeks and the days feel endless.",
        "Everyone keeps telling me to enjoy every moment and I want to scream.",
        "It's 3:30am and I'm feeding him again, scrolling this group because it's the only thing that helps.",
        "The health visitor says she's gaining fine, 7 lbs 8 oz now, but I can't stop checking.",
        "I started sertraline 50mg twice a day last month and I think it's helping a little.",
        "We paid $1,200 for the sleep consultant and honestly it was worth it.",
        "Does anyone else feel like they're watching their own life from behind glass?",
        "I finally told my midwife how I've been feeling and she didn't judge me at all.",
        "The intrusive thoughts are the worst part, I'm scared to say them out loud.",
        "We lost our first at 11 weeks in 2023 and this pregnancy feels fragile.",
        "If anyone needs it, PSI's number is 1-800-944-4773 and postpartum.net has a warmline.",
        "I have hope today, it will pass, and I wanted to say thank you all.",
        "She's 18 months now and still wakes four times a night.",
        "The NICU nurses were so kind, I still think about them.",
        "Grief comes in waves, some days I can't get out of bed and some days I'm fine.",
        "My mum keeps saying we just got on with it and it makes me feel so weak.",
        "Third round of IVF starts next week and I'm trying not to get my hopes up.",
        "Any advice would mean the world, I'm running on empty.",
        "Caring for dad after his stroke and a newborn at the same time is breaking me.",
    ]

    static let identifying = [
        "You can email me at jess.m.parker@example.com if you want to talk.",
        "Text me on (312) 555-0142 any evening.",
        "My husband Mark says I should post here.",
        "Our daughter Lily was born at Riverside General Hospital.",
        "We live at 42 Maple Grove Road so the park is close.",
        "My insta is tired_mama_77 if anyone wants to follow.",
        "Dr. Patel said to wait another week.",
        "Call me on 07700 900123 after the kids are down.",
        "DOB 1991-04-02 in case the clinic asks.",
        "Find me on fb: jess.parker.91",
        "I work at Kroger on 5th so weekends are rough.",
        "Love, Sarah x",
    ]

    /// A post of four to ten sentences, one in three carrying an identifying detail.
    mutating func post() -> String {
        var sentences: [String] = []
        for _ in 0..<(4 + next(7)) { sentences.append(pick(PostGenerator.ordinary)) }
        if next(3) == 0 { sentences.insert(pick(PostGenerator.identifying), at: next(sentences.count)) }
        return sentences.joined(separator: " ")
    }
}
