// has_disclosure: whether a post's text discloses a paid partnership where readers will see it.

/// Disclosure rules as the FTC's endorsement guides and the platforms describe them: a clear
/// tag (#ad, #sponsored) or a platform label ("Paid partnership"), placed where a reader sees
/// it without expanding the post. On Instagram a caption is cut after a few lines behind
/// "more", so the disclosure must come in the first three lines and the first 125 characters.
enum Disclosure {
    /// Hashtags that disclose on their own; matched as whole tags, so `#adventure` does not count.
    static let tags: Set<String> = ["#ad", "#ads", "#advertisement", "#sponsored", "#paidpartnership", "#partner"]
    /// Labels a platform or creator writes out in words.
    static let labels = ["paid partnership", "sponsored by", "in partnership with", "advertisement"]
    /// How much of an Instagram caption shows before "more".
    static let instagramVisibleLines = 3
    static let instagramVisibleCharacters = 125

    static func isDisclosed(_ text: Value, on platform: Value) throws(ValueError) -> Bool {
        guard case .text(let post) = text else {
            throw ValueError(
                .invalidArgument, "has_disclosure needs the post's text, found \(text.kindName)",
                fix: "call it as has_disclosure(post.caption, post.platform)")
        }
        guard case .symbol(let symbol) = platform, symbol.family == .platform else {
            throw ValueError(.invalidArgument, "has_disclosure needs a platform such as instagram, found \(platform)")
        }
        return discloses(visiblePart(of: post, on: symbol))
    }

    /// The part of a post a reader sees before expanding it.
    static func visiblePart(of post: String, on platform: Symbol) -> String {
        guard platform == .instagram else { return post }
        let lines = post.split(separator: "\n", omittingEmptySubsequences: false).prefix(instagramVisibleLines)
        return String(lines.joined(separator: "\n").prefix(instagramVisibleCharacters))
    }

    static func discloses(_ text: String) -> Bool {
        let lowered = text.lowercased()
        if labels.contains(where: lowered.contains) { return true }
        var word = ""
        for character in lowered + " " {
            if character == "#" || (!word.isEmpty && (character.isLetter || character.isNumber || character == "_")) {
                word.append(character)
            } else {
                if tags.contains(word) { return true }
                word = ""
            }
        }
        return false
    }
}
