// How a host finds the type a data file for an input must load into (`rules run --data NAME=PATH`).

extension CompiledProgram {
    /// The declared type of the input `name`, to pass to `DataImport.load`; nil when the file declares no such input.
    ///
    /// Inputs are the only globals a data file may fill, so other names give nil too.
    public func declaredType(ofInput name: String) -> DeclaredType? {
        for global in globals where global.name == name {
            if case .input(let type, _) = global.kind { return type }
        }
        return nil
    }
}
