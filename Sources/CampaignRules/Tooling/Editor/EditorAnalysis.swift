// The protocol-independent analysis an editor asks about one rule file: its diagnostics, and
// what stands at an offset (hover, definition, completion, symbols in the files beside this).

/// One rule file checked with its imports, keeping what the resolver bound each name to.
///
/// Offsets are byte offsets into `source`, the file followed by the files it imports (see
/// `SourceFile`); the file's own text comes first, so offsets in it are the file's own.
/// An analysis is built once per version of a text and then only read.
public final class EditorAnalysis: @unchecked Sendable {
    /// The file with the files it imports appended.
    public let source: SourceFile
    /// Every diagnostic of the file, as `rules check` finds them.
    public let diagnostics: [Diagnostic]
    let program: Program
    let resolver: Resolver?
    let recorder: NameUseRecorder

    /// Checks `source` (resolving its imports through `imports`) and records every name bound.
    /// With `completionOffset`, the resolver also notes what is visible at the name there.
    public init(
        _ source: SourceFile, imports: (any ImportResolver)? = nil, limits: Limits = .default,
        completionOffset: Int? = nil
    ) {
        let recorder = NameUseRecorder(completionOffset: completionOffset)
        self.recorder = recorder
        if let refusal = Engine(limits: limits).sizeRefusal(of: source) {
            (self.source, diagnostics, program, resolver) = (source, refusal.diagnostics, Program(declarations: []), nil)
            return
        }
        let (parsed, checked, resolver) = DeepStack.run { () -> (ParsedSource, CheckedSource, Resolver) in
            let (parsed, importErrors) = Engine.parse(source, imports: imports, limits: limits)
            let resolver = Resolver(source: parsed.source)
            resolver.recorder = recorder
            return (parsed, Engine.resolve(parsed, importErrors: importErrors, hostFunctions: [], resolver: resolver), resolver)
        }
        self.source = parsed.source
        self.diagnostics = checked.diagnostics
        self.program = parsed.program
        self.resolver = resolver
    }

    /// The byte range of the file's own text, before any imported file.
    public var ownRange: Range<Int> { source.fileRange(at: 0) }

    /// The diagnostics placed in the file's own text: one in an imported file is shown at the
    /// first `import` (where the editor can show it), saying which file it is in.
    public var ownDiagnostics: [Diagnostic] {
        let importRange =
            ownDeclarations.lazy.compactMap { declaration -> SourceRange? in
                if case .import(let written) = declaration { return written.pathRange }
                return nil
            }.first ?? SourceRange(start: 0, end: 0)
        return diagnostics.map { diagnostic in
            guard source.isImported(diagnostic.range.start) else { return diagnostic }
            let location = source.location(of: diagnostic.range.start)
            return Diagnostic(
                diagnostic.kind, at: importRange,
                "in \(source.path(at: diagnostic.range.start)):\(location): \(diagnostic.message)",
                fix: diagnostic.fix, severity: diagnostic.severity)
        }
    }

    /// The declarations written in the file itself, not in the files it imports.
    var ownDeclarations: [Declaration] {
        program.declarations.filter { !source.isImported($0.range.start) }
    }

    /// The name written at an offset (the cursor may stand just after it), innermost first.
    func use(at offset: Int) -> NameUse? {
        let all = recorder.uses + recorder.localDeclarations + declarationNames
        return all.filter { $0.range.start <= offset && offset <= $0.range.end && $0.range.end > $0.range.start }
            .min { ($0.range.end - $0.range.start) < ($1.range.end - $1.range.start) }
    }

    /// The names top-level declarations introduce, as uses of themselves, so hovering or going
    /// to the definition from a declaration works as from a use.
    var declarationNames: [NameUse] {
        guard let resolver else { return [] }
        var names = resolver.globals.indices.map { index in
            NameUse(range: resolver.globals[index].name.range, name: resolver.globals[index].name.name, target: .global(index), type: .unknown)
        }
        names += resolver.functions.indices.map { index in
            let name = resolver.functions[index].declaration.name
            return NameUse(range: name.range, name: name.name, target: .function(index), type: .unknown)
        }
        for declaration in program.declarations {
            switch declaration {
            case .record(let record):
                names.append(NameUse(range: record.name.range, name: record.name.name, target: .typeName, type: .unknown))
                if let type = resolver.records[record.name.name]?.type {
                    names += record.fields.map {
                        NameUse(range: $0.name.range, name: $0.name.name, target: .field(type), type: type.field($0.name.name)?.type ?? .unknown)
                    }
                }
            case .enumeration(let enumeration):
                names.append(NameUse(range: enumeration.name.range, name: enumeration.name.name, target: .typeName, type: .unknown))
                names += enumeration.cases.compactMap { value in
                    resolver.enumValues[value.name].map {
                        NameUse(range: value.range, name: value.name, target: .enumValue($0), type: .enumeration($0.type))
                    }
                }
            default: break
            }
        }
        return names
    }
}
