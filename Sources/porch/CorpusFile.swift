import Foundation
import PorchScreening

/// A labelled corpus read from a JSON Lines file, of the kind its fields say.
enum CorpusFile {
    case pii([PIICorpusPost])
    case labelled(LabelledLane, [LabelledPost])

    /// Why a corpus file could not be used; the message says what to do.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    var count: Int {
        switch self {
        case .pii(let posts): return posts.count
        case .labelled(_, let posts): return posts.count
        }
    }

    /// Reads `path`: PII posts when they hold `spans`, crisis posts when labelled crisis/concern/none, spam posts
    /// when labelled spam/ham.
    static func read(_ path: String) throws(Problem) -> CorpusFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "\(path): no such corpus file, or it cannot be read; pass a JSON Lines file")
        }
        var objects: [(line: Int, fields: [String: Any])] = []
        for (number, line) in String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["id"] != nil, object["text"] is String
            else {
                throw Problem(
                    description: "\(path):\(number + 1): not a JSON object with 'id' and 'text'; fix or remove the line"
                )
            }
            objects.append((number + 1, object))
        }
        guard let first = objects.first else { throw Problem(description: "\(path): the corpus is empty") }
        if first.fields["spans"] != nil {
            var posts: [PIICorpusPost] = []
            for (line, fields) in objects { posts.append(try piiPost(fields, at: "\(path):\(line)")) }
            return .pii(posts)
        }
        let label = first.fields["label"] as? String ?? ""
        let lane: LabelledLane
        switch label {
        case "crisis", "concern", "none": lane = .crisis
        case "spam", "ham": lane = .spam
        default:
            throw Problem(
                description:
                    "\(path):\(first.line): cannot tell the corpus kind: give PII posts 'spans', crisis posts a 'label' of crisis, concern or none, spam posts a 'label' of spam or ham"
            )
        }
        let labels: Set<String> = lane == .crisis ? ["crisis", "concern", "none"] : ["spam", "ham"]
        var posts: [LabelledPost] = []
        for (line, fields) in objects {
            guard let label = fields["label"] as? String, labels.contains(label) else {
                throw Problem(
                    description:
                        "\(path):\(line): 'label' must be one of \(labels.sorted().joined(separator: ", ")), as on line \(first.line)"
                )
            }
            posts.append(
                LabelledPost(
                    id: identifier(fields["id"]), text: fields["text"] as! String, label: label,
                    category: fields["category"] as? String, tag: fields["tag"] as? String))
        }
        return .labelled(lane, posts)
    }

    static func identifier(_ value: Any?) -> String {
        (value as? String) ?? (value as? NSNumber).map { "\($0)" } ?? "?"
    }

    static func piiPost(_ fields: [String: Any], at place: String) throws(Problem) -> PIICorpusPost {
        func spans(_ key: String) throws(Problem) -> [PIICorpusPost.Span] {
            guard let list = fields[key] else { return [] }
            guard let items = list as? [[String: Any]] else {
                throw Problem(description: "\(place): '\(key)' must be a list of {start, end, type, value}")
            }
            var result: [PIICorpusPost.Span] = []
            for item in items {
                guard let start = (item["start"] as? NSNumber)?.intValue,
                    let end = (item["end"] as? NSNumber)?.intValue,
                    let type = item["type"] as? String, let value = item["value"] as? String, start <= end
                else {
                    throw Problem(
                        description: "\(place): every entry of '\(key)' needs start <= end, a type and a value")
                }
                result.append(PIICorpusPost.Span(start: start, end: end, type: type, value: value))
            }
            return result
        }
        return PIICorpusPost(
            id: identifier(fields["id"]), text: fields["text"] as! String, spans: try spans("spans"),
            negatives: try spans("negatives"))
    }
}
