// JSON-RPC 2.0 as the protocol uses it: telling requests from notifications, the error codes,
// and writing replies with their keys sorted so the same reply is always the same bytes.

import Foundation

/// An error a request is answered with.
struct RpcError: Error {
    enum Code: Int {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case serverNotInitialized = -32002
    }

    let code: Code
    let message: String
}

/// One message from the client.
enum IncomingMessage {
    case request(id: Any, method: String, params: [String: Any])
    case notification(method: String, params: [String: Any])
    /// A reply to a request the server sent (a refresh); the server waits for none.
    case response
    /// Not a message at all, with the id to answer (null when none could be read).
    case invalid(id: Any, RpcError)

    /// Reads a message's body. JSON that does not parse (or bytes that are not UTF-8) is a
    /// parse error; JSON that is not a request or notification is an invalid request.
    static func decode(_ body: [UInt8]) -> IncomingMessage {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else {
            return .invalid(id: NSNull(), RpcError(code: .parseError, message: "the message is not JSON"))
        }
        guard let object = parsed as? [String: Any] else {
            return .invalid(
                id: NSNull(), RpcError(code: .invalidRequest, message: "a message is a JSON object (batches are not used by the protocol)"))
        }
        let id = object["id"]
        let validId = id.map(isValidId) ?? true
        guard object["jsonrpc"] as? String == "2.0", validId else {
            return .invalid(id: validId ? id ?? NSNull() : NSNull(), RpcError(code: .invalidRequest, message: "not a JSON-RPC 2.0 message"))
        }
        guard let method = object["method"] as? String else {
            if id != nil, object["result"] != nil || object["error"] != nil { return .response }
            return .invalid(id: id ?? NSNull(), RpcError(code: .invalidRequest, message: "a request needs a method"))
        }
        let rawParams = object["params"]
        guard rawParams == nil || rawParams is NSNull || rawParams is [String: Any] || rawParams is [Any] else {
            return .invalid(id: id ?? NSNull(), RpcError(code: .invalidRequest, message: "params must be an object or an array"))
        }
        let params = rawParams as? [String: Any] ?? [:]
        guard let id else { return .notification(method: method, params: params) }
        return .request(id: id, method: method, params: params)
    }

    /// An id is a number or a string (null only in replies to unreadable messages).
    private static func isValidId(_ id: Any) -> Bool {
        if id is String { return true }
        guard let number = id as? NSNumber else { return false }
        // `true` reads as a number too; its type code is that of a C char.
        return String(cString: number.objCType) != "c"
    }
}

enum JsonRpc {
    static func reply(id: Any, result: Any) -> [UInt8] {
        encode(["jsonrpc": "2.0", "id": id, "result": result])
    }

    static func reply(id: Any, error: RpcError) -> [UInt8] {
        encode(["jsonrpc": "2.0", "id": id, "error": ["code": error.code.rawValue, "message": error.message]])
    }

    static func notification(_ method: String, _ params: Any) -> [UInt8] {
        encode(["jsonrpc": "2.0", "method": method, "params": params])
    }

    static func request(id: Int, _ method: String) -> [UInt8] {
        encode(["jsonrpc": "2.0", "id": id, "method": method])
    }

    static func encode(_ object: Any) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data)
    }
}
