// FunctionResolution: scalar functions by name and arity, for the binder (the library is
// Functions/Scalar.swift).

import StrataCatalog
import StrataCore

enum FunctionResolution {
    static func exists(_ name: String) -> Bool { isScalarFunctionName(name) }

    static func scalar(_ name: String, arity: Int, collation: Collation) -> ScalarCall? {
        guard let f = scalarFunction(named: name, arity: arity) else { return nil }
        return ScalarCall(function: f, collation: collation)
    }
}
